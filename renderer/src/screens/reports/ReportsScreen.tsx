import { useId, useState } from 'react';
import { REPORT_TITLES, type DayRange } from '../../../../shared/reports';
import { useApp } from '../../app/context';
import { ExportButton } from '../../components/ExportButton';
import { RangePicker } from '../../components/range/RangePicker';
import { DEFAULT_PRESET, presetRange, rangeProblem } from '../../components/range/range';
import { daysBefore, startOfDayInZone } from '../../lib/format';
import { RecentExports } from './RecentExports';
import './reports.css';

const DESCRIPTIONS = {
  calls: 'One row per call: date and time, connection, direction, outcome, recruiter or agent, contact, talk time, summary, transcript yes/no.',
  transcripts: 'For each call a header (who, when, how long, summary), then every turn: speaker, time into the call, text.',
  activity: 'One row per recruiter or agent: calls in and out, talk time, missed, answer rate, messages, with totals, and a sheet per day.',
} as const;

/** The three workbooks, one click each, for a range of days and one or all connections. */
export function ReportsScreen() {
  const { timeZone, connections, settings, go } = useApp();
  const [range, setRange] = useState<DayRange>(() => presetRange(DEFAULT_PRESET, timeZone));
  const [connectionId, setConnectionId] = useState<number | undefined>(undefined);
  const problem = rangeProblem(range);
  const problemId = useId();
  const valid = problem === null;

  const callQuery = () => ({
    filters: {
      fromMs: startOfDayInZone(range.fromDay, timeZone),
      toMs: startOfDayInZone(daysBefore(range.toDay, -1), timeZone),
      ...(connectionId === undefined ? {} : { connectionIds: [connectionId] }),
    },
    sort: { column: 'startedAt' as const, direction: 'asc' as const },
  });

  return (
    <div className="reports-screen">
      <h1>Reports</h1>
      <p className="muted">
        Excel workbooks saved to <strong>{settings.reportsFolderInUse}</strong>{' '}
        <button type="button" onClick={() => go('settings')}>
          Change
        </button>
        . To export exactly what the Calls table shows (its filters and search), use Export on the Calls screen.
      </p>
      <div className="panel">
        <RangePicker
          range={range}
          onRange={setRange}
          connectionId={connectionId}
          onConnection={setConnectionId}
          connections={connections}
          timeZone={timeZone}
          problemId={problem ? problemId : undefined}
        />
        <p className="muted range-note">Days run midnight to midnight in {timeZone}.</p>
        {problem && (
          <p id={problemId} role="alert" className="error range-problem">
            {problem}
          </p>
        )}
      </div>
      <div className="report-cards">
        {(['calls', 'transcripts', 'activity'] as const).map((kind) => (
          <section key={kind} className="panel report-card" aria-label={REPORT_TITLES[kind]}>
            <h2>{REPORT_TITLES[kind]}</h2>
            <p className="muted">{DESCRIPTIONS[kind]}</p>
            <ExportButton
              label={`Export ${kind}`}
              disabled={!valid}
              report={() => (kind === 'activity' ? { kind, range, ...(connectionId === undefined ? {} : { connectionId }) } : { kind, query: callQuery() })}
            />
          </section>
        ))}
      </div>
      <RecentExports />
    </div>
  );
}
