import type { ConnectionSummary } from '../../../shared/connections';
import { ZonedTime } from '../components/ZonedTime';
import { formatNumber, formatRelative } from '../lib/format';
import { useNow } from '../lib/use-now';
import { useApp } from './context';

/** The data is as fresh as its stalest connection: the oldest of their last good syncs. */
function stalest(connections: readonly ConnectionSummary[]): number | null {
  const times = connections.map((c) => c.lastGoodSyncMs);
  if (times.some((t) => t === null)) return null;
  return Math.min(...(times as number[]));
}

/**
 * One line under every screen: how fresh the data is, what is still to come,
 * what failed. "Synced 4 min ago (1 Dec 2026, 14:03) · 2 transcripts pending · TalentLynk failed: Details".
 */
export function StatusLine() {
  const { connections, running, go } = useApp();
  // A sync that ended after the last tick reads "just now" (formatRelative never says "in 10 s").
  const now = useNow();
  if (!connections.length) return null;
  const parts: React.ReactNode[] = [];
  if (running.length) {
    const names = running.map((r) => connections.find((c) => c.id === r.connectionId)?.label ?? 'a connection');
    parts.push(<span key="running">Syncing {running.length === 1 ? names[0] : `${running.length} connections`}…</span>);
  }
  const neverSynced = connections.filter((c) => c.lastGoodSyncMs === null);
  const oldest = stalest(connections);
  if (oldest !== null) {
    parts.push(
      <span key="fresh" data-testid="status-freshness">
        Synced {formatRelative(oldest, now)}{' '}
        <span className="muted">
          (<ZonedTime ms={oldest} />)
        </span>
      </span>,
    );
  } else if (neverSynced.length && !running.length) {
    parts.push(
      <span key="never">{neverSynced.length === connections.length ? 'Not synced yet' : `${neverSynced.map((c) => c.label).join(', ')} not synced yet`}</span>,
    );
  }
  const pending = connections.reduce((n, c) => n + c.transcriptsPending, 0);
  if (pending > 0)
    parts.push(
      <span key="pending">
        {formatNumber(pending)} {pending === 1 ? 'transcript' : 'transcripts'} pending
      </span>,
    );
  const failed = connections.filter((c) => c.lastRun?.status === 'failed');
  if (failed.length) {
    parts.push(
      <span key="failed" className="status-failed">
        {failed.map((c) => c.label).join(', ')} failed:{' '}
        <button type="button" className="link" onClick={() => go('sync')} title={failed.map((c) => c.lastRun?.errorMessage ?? '').join('\n')}>
          Details
        </button>
      </span>,
    );
  }
  return (
    <footer className="status-line" aria-label="Data status">
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 && <span aria-hidden="true"> · </span>}
          {part}
        </span>
      ))}
    </footer>
  );
}
