import { useState } from 'react';
import type { ConnectionSummary } from '../../../../shared/connections';
import { transcriptBacklogWords } from '../../../../shared/sync';
import { VENDOR_NAMES } from '../../../../shared/vendors';
import { request } from '../../api';
import { useApp, type RunningSync } from '../../app/context';
import { ZonedTime } from '../../components/ZonedTime';
import { keyStatusWords } from '../connections/key-status';
import { useRequest } from '../../lib/use-request';
import { useSyncAction } from './use-sync-action';
import { RUN_STATUS_WORDS } from './run-status';
import { SyncProgressBars } from './SyncProgressBars';

/** Enough recent runs to find the last finished one while a new one is running. */
const RECENT_RUNS = 5;

/** One connection's sync: running (with progress and Cancel) or idle (with its last result and "Sync now"). */
export function ConnectionSyncRow({ connection, running }: { connection: ConnectionSummary; running: RunningSync | undefined }) {
  const { dataVersion, startSync } = useApp();
  const { problem, act } = useSyncAction();
  const [cancelAsked, setCancelAsked] = useState(false);
  const recent = useRequest('sync/history', { connectionId: connection.id, limit: RECENT_RUNS }, `${connection.id}|${dataVersion}`);
  // The one that ended last: a sync refused while the CLI held the connection ends before the CLI's own run.
  const last = recent.data?.filter((run) => run.status !== 'running').sort((a, b) => (b.finishedAtMs ?? 0) - (a.finishedAtMs ?? 0))[0];
  const backlog = transcriptBacklogWords(connection.vendor, connection.transcriptsPending);

  const syncNow = () => {
    setCancelAsked(false);
    void act(() => startSync([connection.id]));
  };
  const cancel = () => {
    setCancelAsked(true);
    void act(() => request('sync/cancel', { connectionIds: [connection.id] }));
  };

  return (
    <tr data-testid="sync-row" aria-label={connection.label}>
      <th scope="row">
        <div>{connection.label}</div>
        <small className="muted">{VENDOR_NAMES[connection.vendor]}</small>
      </th>
      <td className="sync-status">
        {running ? (
          cancelAsked ? (
            <span>Cancelling after the current page…</span>
          ) : (
            <SyncProgressBars progress={running.progress} vendor={connection.vendor} />
          )
        ) : (
          <span>
            Idle
            <span className="muted"> · {last ? `last run: ${RUN_STATUS_WORDS[last.status].toLowerCase()}` : recent.loading ? '…' : 'never synced'}</span>
          </span>
        )}
        {backlog && !running && <div className="muted">{backlog}</div>}
        {connection.keySet !== true && !running && (
          <div className="muted">
            {keyStatusWords(connection.keySet)}:{' '}
            {connection.keySet === null ? 'the system keychain did not answer. If it is locked, unlock it.' : 'add it in Connections before syncing.'}
          </div>
        )}
        {recent.error && <div className="error">Could not read the last sync: {recent.error}</div>}
        {problem && (
          <div className="error" role="alert">
            {problem}
          </div>
        )}
      </td>
      <td>{last ? <ZonedTime ms={last.finishedAtMs ?? last.startedAtMs} zoneInHeading ago /> : '—'}</td>
      <td>{connection.syncedThroughMs === null ? 'Not synced yet' : <ZonedTime ms={connection.syncedThroughMs} zoneInHeading />}</td>
      <td className="sync-actions">
        {running ? (
          <button type="button" onClick={cancel} disabled={cancelAsked}>
            Cancel
          </button>
        ) : (
          <button type="button" onClick={syncNow}>
            Sync now
          </button>
        )}
      </td>
    </tr>
  );
}
