import { addConnectionWithKey, listConnectionSummaries, removeConnectionAndKey, summarize } from '../../connections/manage';
import { InvalidApiKeyError, KeychainUnavailableError } from '../../secrets/keychain';
import { DuplicateConnectionLabelError, getConnection, updateConnection } from '../../store/connections';
import { CONNECTORS } from '../../vendors';
import type { HandlerDeps } from '../handlers';
import type { Handlers } from '../dispatch';
import { InvalidFieldError, notFound, UserFacingError } from '../errors';

/** Keychain and label problems, worded for the Connections screen. */
function explain(error: unknown): never {
  if (error instanceof DuplicateConnectionLabelError) throw new InvalidFieldError('label', error.message);
  if (error instanceof InvalidApiKeyError) throw new InvalidFieldError('apiKey', error.message);
  if (error instanceof KeychainUnavailableError) throw new UserFacingError('FAILED', error.message);
  throw error;
}

type ConnectionHandlers = Pick<Handlers, 'connections/list' | 'connections/add' | 'connections/update' | 'connections/remove' | 'connections/set-key' | 'connections/delete-key' | 'connections/test'>;

export function connectionHandlers({ db, secrets, http }: HandlerDeps): ConnectionHandlers {
  const existing = (connectionId: number) => getConnection(db, connectionId) ?? (() => { throw notFound('That connection'); })();
  return {
    'connections/list': () => listConnectionSummaries(db, secrets).catch(explain),
    'connections/add': async ({ apiKey, ...connection }) => {
      const added = await addConnectionWithKey(db, secrets, connection, apiKey).catch(explain);
      return summarize(db, secrets, added);
    },
    'connections/update': async ({ connectionId, ...changes }) => {
      existing(connectionId);
      try {
        const updated = updateConnection(db, connectionId, changes);
        if (!updated) throw notFound('That connection');
        return await summarize(db, secrets, updated);
      } catch (error) {
        return explain(error);
      }
    },
    'connections/remove': async ({ connectionId }) => {
      existing(connectionId);
      await removeConnectionAndKey(db, secrets, connectionId).catch(explain);
      return { removed: true };
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
      const apiKey = await secrets.get(connectionId).catch(explain);
      if (!apiKey) return { ok: false, message: 'No API key is set for this connection: add it first.' };
      const tuning = http?.(connection);
      return CONNECTORS[connection.vendor]({ settings: connection.settings, apiKey, ...(tuning ? { http: tuning } : {}) }).testConnection();
    },
  };
}
