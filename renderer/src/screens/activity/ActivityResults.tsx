import { useApp } from '../../app/context';
import { Empty, ErrorMessage, Loading } from '../../components/States';
import { useRequest } from '../../lib/use-request';
import { ActivityCharts } from './ActivityCharts';
import { ActivityTable } from './ActivityTable';
import type { DayRange } from '../../components/range/range';

/** Asks main for a valid range's figures (again whenever a sync finishes) and shows them, or why not. */
export function ActivityResults({ range, connectionId, excludeDeleted }: { range: DayRange; connectionId: number | undefined; excludeDeleted: boolean }) {
  const { dataVersion, go } = useApp();
  const payload = { range, ...(connectionId === undefined ? {} : { connectionId }), ...(excludeDeleted ? { excludeDeleted } : {}) };
  // The data version is part of the key: a finished sync asks again with the same range.
  const { data, error, loading, reload } = useRequest('activity/summary', payload, JSON.stringify([payload, dataVersion]));

  if (!data) {
    return error ? <ErrorMessage onRetry={reload}>Could not read the activity: {error}</ErrorMessage> : <Loading what="activity" />;
  }
  return (
    <section className={loading ? 'activity-results stale' : 'activity-results'} aria-busy={loading} aria-label="Activity figures">
      {error && <ErrorMessage onRetry={reload}>Could not read the activity: {error}</ErrorMessage>}
      {data.users.length === 0 ? (
        <Empty title="No activity in this range">
          Choose a longer range or another connection, or{' '}
          <button type="button" className="link" onClick={() => go('sync')}>
            sync
          </button>{' '}
          to fetch the latest figures.
        </Empty>
      ) : (
        <>
          <ActivityTable users={data.users} total={data.total} />
          <ActivityCharts summary={data} range={range} />
        </>
      )}
    </section>
  );
}
