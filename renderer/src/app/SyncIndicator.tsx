import { ProgressBar } from '../components/States';
import { useApp } from './context';

/** Under the screen list: what is syncing now, so it is visible from every screen. */
export function SyncIndicator() {
  const { running, connections, go } = useApp();
  if (!running.length) return null;
  const records = running.reduce((n, r) => n + (r.progress?.records ?? 0), 0);
  const names = running.map((r) => connections.find((c) => c.id === r.connectionId)?.label ?? 'a connection');
  return (
    <button type="button" className="sync-indicator" onClick={() => go('sync')} title={`Syncing ${names.join(', ')}`}>
      <ProgressBar
        value={0}
        max={null}
        label={`Syncing ${running.length === 1 ? names[0] : `${running.length} connections`} · ${records.toLocaleString()} records`}
      />
    </button>
  );
}
