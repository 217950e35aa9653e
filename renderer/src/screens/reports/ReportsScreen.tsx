import { useState } from 'react';
import { REPORT_TITLES, type DayRange } from '../../../../shared/reports';
import { useApp } from '../../app/context';
import { ExportButton } from '../../components/ExportButton';
import { dayInZone, daysBefore, startOfDayInZone } from '../../lib/format';
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
  const today = dayInZone(Date.now(), timeZone);
  const [range, setRange] = useState<DayRange>({ fromDay: daysBefore(today, 29), toDay: today });
  const [connectionId, setConnectionId] = useState<number | null>(null);
  const valid = Boolean(range.fromDay && range.toDay && range.fromDay <= range.toDay);

  const callQuery = () => ({
    filters: {
      fromMs: startOfDayInZone(range.fromDay, timeZone),
      toMs: startOfDayInZone(daysBefore(range.toDay, -1), timeZone),
      ...(connectionId === null ? {} : { connectionIds: [connectionId] }),
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
      <div className="toolbar panel">
        <label>
          From <input type="date" value={range.fromDay} max={range.toDay} onChange={(e) => setRange((r) => ({ ...r, fromDay: e.target.value }))} />
        </label>
        <label>
          To <input type="date" value={range.toDay} min={range.fromDay} onChange={(e) => setRange((r) => ({ ...r, toDay: e.target.value }))} />
        </label>
        <label>
          Connection{' '}
          <select value={connectionId ?? ''} onChange={(e) => setConnectionId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">All connections</option>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">Days in {timeZone}</span>
        {!valid && (
          <span role="alert" className="error">
            Choose a first day on or before the last day.
          </span>
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
              report={() => (kind === 'activity' ? { kind, range, ...(connectionId === null ? {} : { connectionId }) } : { kind, query: callQuery() })}
            />
          </section>
        ))}
      </div>
      <RecentExports />
    </div>
  );
}
