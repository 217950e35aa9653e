import { useApp } from '../../app/context';
import { Empty, ErrorMessage, Loading } from '../../components/States';
import { useRequest } from '../../lib/use-request';
import type { DayRange } from '../../components/range/range';
import { ActivitySection, SECTIONS, type ActivityGrouping } from './ActivitySection';
import { Glossary } from './Glossary';
import { TeamsPanel } from './TeamsPanel';

interface Props {
  range: DayRange;
  connectionId: number | undefined;
  excludeDeleted: boolean;
  grouping: ActivityGrouping;
  showTeams: boolean;
}

/** Asks main for a valid range's figures (again whenever a sync finishes or a team changes) and shows them, or why not. */
export function ActivityResults({ range, connectionId, excludeDeleted, grouping, showTeams }: Props) {
  const { dataVersion, go } = useApp();
  const payload = { range, ...(connectionId === undefined ? {} : { connectionId }), ...(excludeDeleted ? { excludeDeleted } : {}) };
  // The data version is part of the key: a finished sync asks again with the same range.
  const { data, error, loading, reload } = useRequest('activity/summary', payload, JSON.stringify([payload, dataVersion]));

  if (!data) {
    return error ? <ErrorMessage onRetry={reload}>Could not read the activity: {error}</ErrorMessage> : <Loading what="activity" />;
  }
  const scope = { range, rangeMs: data.rangeMs, connectionId, excludeDeleted };
  return (
    <section className={loading ? 'activity-results stale' : 'activity-results'} aria-busy={loading} aria-label="Activity figures">
      {error && <ErrorMessage onRetry={reload}>Could not read the activity: {error}</ErrorMessage>}
      {showTeams && <TeamsPanel summary={data} onChanged={reload} />}
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
          {grouping === 'teams' && data.teams.length === 0 && (
            <p className="muted">No teams yet: every person is under “Not in a team”. Use “Manage teams” to make one.</p>
          )}
          {SECTIONS.map((section) => (
            <ActivitySection key={section.kind} section={section} summary={data} scope={scope} grouping={grouping} />
          ))}
        </>
      )}
      <Glossary />
    </section>
  );
}
