import { savedAddressProblem } from '../../../shared/base-url';
import type { RemoveConnectionResult } from '../../../shared/connections';
import {
  addConnectionWithKey,
  listConnectionSummaries,
  MissingSettingError,
  NewAddressNeedsKeyError,
  removeConnectionAndKey,
  summarize,
  updateConnectionAndKey,
} from '../../connections/manage';
import { InvalidApiKeyError, KeychainUnavailableError } from '../../secrets/keychain';
import { DuplicateConnectionLabelError, getConnection } from '../../store/connections';
import type { SecretStore } from '../../secrets/secret-store';
import type { Db } from '../../store/db';
import { CONNECTORS } from '../../vendors';
import type { HttpFor } from '../../vendors/connector';
import type { Handlers } from '../dispatch';
import { InvalidFieldError, notFound, UserFacingError } from '../errors';

/** Keychain, label and address problems, worded for the Connections screen and shown beside the field they concern. */
function explain(error: unknown): never {
  if (error instanceof DuplicateConnectionLabelError) throw new InvalidFieldError('label', error.message);
  if (error instanceof InvalidApiKeyError || error instanceof NewAddressNeedsKeyError) throw new InvalidFieldError('apiKey', error.message);
  if (error instanceof MissingSettingError) throw new InvalidFieldError(`settings.${error.setting}`, error.message);
  if (error instanceof KeychainUnavailableError) throw new UserFacingError('FAILED', error.message);
  throw error;
}

type ConnectionHandlers = Pick<
  Handlers,
  'connections/list' | 'connections/add' | 'connections/update' | 'connections/remove' | 'connections/set-key' | 'connections/delete-key' | 'connections/test'
>;

export interface ConnectionHandlerDeps {
  db: Db;
  secrets: SecretStore;
  /** HTTP tuning per connection for "Test connection" (the demo and tests point at the local simulator). */
  http?: HttpFor;
}

export function connectionHandlers({ db, secrets, http }: ConnectionHandlerDeps): ConnectionHandlers {
  const existing = (connectionId: number) =>
    getConnection(db, connectionId) ??
    (() => {
      throw notFound('That connection');
    })();
  return {
    'connections/list': () => listConnectionSummaries(db, secrets).catch(explain),
    'connections/add': async ({ apiKey, ...connection }) => {
      const added = await addConnectionWithKey(db, secrets, connection, apiKey).catch(explain);
      return summarize(db, secrets, added);
    },
    'connections/update': async ({ connectionId, apiKey, ...changes }) => {
      existing(connectionId);
      const updated = await updateConnectionAndKey(db, secrets, connectionId, changes, apiKey).catch(explain);
      if (!updated) throw notFound('That connection');
      return summarize(db, secrets, updated);
    },
    'connections/remove': async ({ connectionId }): Promise<RemoveConnectionResult> => {
      existing(connectionId);
      const { keyRemoved, keychainAccount } = await removeConnectionAndKey(db, secrets, connectionId).catch(explain);
      return keychainAccount === undefined ? { removed: true, keyRemoved } : { removed: true, keyRemoved, keychainAccount };
    },
    'connections/set-key': async ({ connectionId, apiKey }) => {
      existing(connectionId);
      await secrets.set(connectionId, apiKey).catch(explain);
      return { keySet: true };
    },
    'connections/delete-key': async ({ connectionId }) => {
      existing(connectionId);
      await secrets.delete(connectionId).catch(explain);
      return { keySet: false };
    },
    'connections/test': async ({ connectionId }) => {
      const connection = existing(connectionId);
      // A connection saved before base URLs had to be https: its key is not sent there.
      const problem = savedAddressProblem(connection.settings.baseUrl);
      if (problem) return { ok: false, message: problem };
      const apiKey = await secrets.get(connectionId).catch(explain);
      if (!apiKey) return { ok: false, message: 'No API key is set for this connection: add it first.' };
      const tuning = http?.(connection);
      return CONNECTORS[connection.vendor]({ settings: connection.settings, apiKey, ...(tuning ? { http: tuning } : {}) }).testConnection();
    },
  };
}
