import { request } from '../../api';
import { useApp } from '../../app/context';
import { useSyncAction } from './use-sync-action';
import { Empty, ErrorMessage } from '../../components/States';
import { zoneHeading } from '../../lib/format';
import { ScheduleSettings } from '../settings/ScheduleSettings';
import { ConnectionSyncRow } from './ConnectionSyncRow';
import { SyncHistory } from './SyncHistory';
import './sync.css';

/** Each connection's sync (status, progress, now or cancel), the schedule, and the history of runs. */
export function SyncScreen() {
  const { connections, running, startSync, go, timeZone } = useApp();
  const { problem, act } = useSyncAction();

  if (!connections.length) {
    return (
      <div className="sync-screen">
        <h1>Sync</h1>
        <Empty title="No connections yet">
          <p>Add a connection to sync its calls.</p>
          <button type="button" className="primary" onClick={() => go('connections')}>
            Add a connection
          </button>
        </Empty>
      </div>
    );
  }
  const idle = connections.filter((c) => !running.some((r) => r.connectionId === c.id));
  return (
    <div className="sync-screen">
      <div className="toolbar sync-title">
        <h1>Sync</h1>
        <button type="button" className="primary" onClick={() => void act(() => startSync())} disabled={!idle.length}>
          Sync all
        </button>
        {running.length > 0 && (
          <button type="button" onClick={() => void act(() => request('sync/cancel'))}>
            Cancel all
          </button>
        )}
      </div>
      {problem && <ErrorMessage>{problem}</ErrorMessage>}
      <table className="figures sync-connections" aria-label="Connections to sync">
        <thead>
          <tr>
            <th scope="col">Connection</th>
            <th scope="col">Status</th>
            <th scope="col">{zoneHeading('Last sync', timeZone)}</th>
            <th scope="col">{zoneHeading('Synced through', timeZone)}</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {connections.map((connection) => (
            <ConnectionSyncRow key={connection.id} connection={connection} running={running.find((r) => r.connectionId === connection.id)} />
          ))}
        </tbody>
      </table>
      <section className="panel" aria-label="Schedule">
        <ScheduleSettings />
      </section>
      <h2>History</h2>
      <SyncHistory />
    </div>
  );
}
