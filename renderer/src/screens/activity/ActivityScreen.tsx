import { useId, useState } from 'react';
import { useApp } from '../../app/context';
import { ExportButton } from '../../components/ExportButton';
import { ActivityResults } from './ActivityResults';
import type { ActivityGrouping } from './ActivitySection';
import { DEFAULT_PRESET, presetRange, rangeProblem, type DayRange } from '../../components/range/range';
import { RangePicker } from '../../components/range/RangePicker';
import './activity.css';

/**
 * Each recruiter's and AI agent's calls, talk time and messages over a range of
 * days, the two apart: headline figures with their change against the period
 * before, a row per person or team, charts, and every figure a way to its calls.
 */
export function ActivityScreen() {
  const { timeZone, connections } = useApp();
  const [range, setRange] = useState<DayRange>(() => presetRange(DEFAULT_PRESET, timeZone));
  const [connectionId, setConnectionId] = useState<number | undefined>(undefined);
  // Calls tidied away at the vendor later still happened: they count unless the manager says otherwise.
  const [excludeDeleted, setExcludeDeleted] = useState(false);
  const [grouping, setGrouping] = useState<ActivityGrouping>('people');
  const [showTeams, setShowTeams] = useState(false);
  const problem = rangeProblem(range);
  const problemId = useId();
  const connection = connections.find((c) => c.id === connectionId);

  return (
    <div className="activity">
      <header className="activity-header">
        <h1>Activity</h1>
        <ExportButton
          label="Export to Excel"
          disabled={problem !== null}
          report={() => ({ kind: 'activity', range, ...(connection ? { connectionId: connection.id } : {}), ...(excludeDeleted ? { excludeDeleted } : {}) })}
        />
      </header>
      <RangePicker
        range={range}
        onRange={setRange}
        connectionId={connectionId}
        onConnection={setConnectionId}
        connections={connections}
        timeZone={timeZone}
        problemId={problem ? problemId : undefined}
      />
      <p className="muted range-note">Days run midnight to midnight in {timeZone} (change it in Settings).</p>
      <label className="range-note">
        <input type="checkbox" checked={excludeDeleted} onChange={(e) => setExcludeDeleted(e.target.checked)} /> Leave out calls since deleted or moved to the
        trash at the vendor
      </label>
      <div className="toolbar activity-view" role="group" aria-label="Rows">
        <span className="muted">Rows:</span>
        {(['people', 'teams'] as const).map((g) => (
          <button key={g} type="button" aria-pressed={grouping === g} className={grouping === g ? 'active' : ''} onClick={() => setGrouping(g)}>
            {g === 'people' ? 'People' : 'Teams'}
          </button>
        ))}
        <button type="button" aria-expanded={showTeams} onClick={() => setShowTeams((v) => !v)}>
          Manage teams
        </button>
      </div>
      {problem ? (
        <p id={problemId} role="alert" className="error range-problem">
          {problem}
        </p>
      ) : (
        <ActivityResults range={range} connectionId={connectionId} excludeDeleted={excludeDeleted} grouping={grouping} showTeams={showTeams} />
      )}
    </div>
  );
}
