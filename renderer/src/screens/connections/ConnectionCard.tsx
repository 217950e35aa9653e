import { useState } from 'react';
import type { ConnectionSummary, RemoveConnectionResult } from '../../../../shared/connections';
import { VENDOR_NAMES } from '../../../../shared/vendors';
import { request } from '../../api';
import { useApp } from '../../app/context';
import { ErrorMessage } from '../../components/States';
import { ZonedTime } from '../../components/ZonedTime';
import { RUN_STATUS_WORDS } from '../sync/run-status';
import { Confirm } from './Confirm';
import { EditConnectionForm } from './EditConnectionForm';
import { keyStatusWords } from './key-status';
import { useFocusReturn } from '../../lib/focus';
import { problemOf } from './problems';
import { ReplaceKeyForm } from './ReplaceKeyForm';
import { TestConnection } from './TestConnection';
import { fieldsOf, fieldText } from './vendor-fields';

type Mode = 'view' | 'edit' | 'key' | 'remove-key' | 'remove';

/** One connection: what it is, whether its key is set (never the key), and what can be done with it. */
export function ConnectionCard({
  connection,
  isDemo,
  onRemoved,
}: {
  connection: ConnectionSummary;
  isDemo: boolean;
  /** After removal, with what happened to the key: this card is gone by then, so the screen tells the user. */
  onRemoved(result: RemoveConnectionResult): void;
}) {
  const { running, reloadConnections } = useApp();
  // Removing a connection while it syncs would pull its rows from under the sync: cancel first.
  const syncing = running.some((r) => r.connectionId === connection.id);
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // A new key or new settings make an earlier test result stale: the test starts afresh.
  const [changes, setChanges] = useState(0);
  // Each mode is opened by the button of the same name; leaving it focuses that button again
  // (null: the card itself is going, and the screen moves focus).
  const { opener, returnTo } = useFocusReturn();
  const backToView = (focusOn: Mode | null = mode) => {
    setMode('view');
    if (focusOn) returnTo(focusOn);
  };

  const saved = async (focusOn?: Mode | null) => {
    backToView(focusOn);
    setChanges((n) => n + 1);
    await reloadConnections();
  };

  const act = async (action: () => Promise<unknown>, focusOn?: Mode | null) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      await saved(focusOn);
    } catch (error) {
      setProblem(problemOf(error).message);
    } finally {
      setBusy(false);
    }
  };

  const headingId = `connection-${connection.id}`;
  return (
    <li className="panel connection" aria-labelledby={headingId} data-testid="connection">
      <header className="connection-header">
        <h2 id={headingId}>{connection.label}</h2>
        <span className="muted">{VENDOR_NAMES[connection.vendor]}</span>
        {isDemo && <span className="badge">Demo</span>}
        <span className={connection.keySet ? 'badge ok' : 'badge warn'}>{keyStatusWords(connection.keySet)}</span>
      </header>
      <ConnectionFacts connection={connection} />

      {mode === 'edit' && <EditConnectionForm connection={connection} onSaved={() => void saved()} onCancel={() => backToView()} />}
      {mode === 'key' && <ReplaceKeyForm connection={connection} onSaved={() => void saved()} onCancel={() => backToView()} />}
      {mode === 'remove-key' && (
        <Confirm
          title={`Remove the key of “${connection.label}”?`}
          confirmLabel="Remove key"
          busy={busy}
          onConfirm={() => void act(() => request('connections/delete-key', { connectionId: connection.id }), 'key')}
          onCancel={() => backToView()}
        >
          The key is deleted from this computer&apos;s keychain. Synced calls stay; syncing stops until you add a key again.
        </Confirm>
      )}
      {mode === 'remove' && (
        <Confirm
          title={`Remove “${connection.label}”?`}
          confirmLabel="Remove connection"
          busy={busy}
          onConfirm={() => void act(async () => onRemoved(await request('connections/remove', { connectionId: connection.id })), null)}
          onCancel={() => backToView()}
        >
          Its key and every call, transcript and activity row synced from it will be deleted from this computer. {VENDOR_NAMES[connection.vendor]} keeps its own
          copy.
        </Confirm>
      )}
      {problem && <ErrorMessage>{problem}</ErrorMessage>}

      {mode === 'view' && (
        <div className="toolbar connection-actions">
          <TestConnection key={changes} connectionId={connection.id} />
          <button type="button" ref={opener('edit')} onClick={() => setMode('edit')}>
            Edit
          </button>
          <button type="button" ref={opener('key')} onClick={() => setMode('key')}>
            {connection.keySet === false ? 'Add key' : 'Replace key'}
          </button>
          {connection.keySet === true && (
            <button type="button" ref={opener('remove-key')} onClick={() => setMode('remove-key')}>
              Remove key
            </button>
          )}
          <button
            type="button"
            className="danger"
            ref={opener('remove')}
            onClick={() => setMode('remove')}
            disabled={syncing}
            title={syncing ? 'It is syncing: cancel the sync first (Sync screen).' : undefined}
          >
            Remove connection
          </button>
        </div>
      )}
    </li>
  );
}

function ConnectionFacts({ connection }: { connection: ConnectionSummary }) {
  const { required, advanced } = fieldsOf(connection.vendor);
  const shown = [...required, ...advanced].filter((name) => connection.settings[name] !== undefined);
  return (
    <dl className="connection-facts">
      <div className="fact">
        <dt>Last sync</dt>
        <dd>
          {connection.lastRun === null ? (
            'Never'
          ) : (
            <>
              <ZonedTime ms={connection.lastRun.finishedAtMs} ago />
              {connection.lastRun.status !== 'succeeded' && (
                <span className={connection.lastRun.status === 'failed' ? 'run-failed' : undefined}>
                  {' '}
                  · {RUN_STATUS_WORDS[connection.lastRun.status].toLowerCase()}
                </span>
              )}
            </>
          )}
        </dd>
      </div>
      <div className="fact">
        <dt>Synced through</dt>
        <dd>{connection.syncedThroughMs === null ? 'Not synced yet' : <ZonedTime ms={connection.syncedThroughMs} />}</dd>
      </div>
      {shown.map((name) => {
        const value = connection.settings[name];
        return (
          <div key={name} className="fact">
            <dt>{fieldText(connection.vendor, name).label}</dt>
            <dd>{Array.isArray(value) ? value.join(', ') : value}</dd>
          </div>
        );
      })}
    </dl>
  );
}
