import { useState } from 'react';
import { DateTime } from 'luxon';
import type { ScheduledReportRun } from '../../../../shared/report-schedule';
import { request } from '../../api';
import { useApp } from '../../app/context';
import { ErrorMessage } from '../../components/States';
import { ZonedTime } from '../../components/ZonedTime';
import { formatDay, zoneHeading, zoneLabel } from '../../lib/format';
import { useInterval, useRequest } from '../../lib/use-request';
import { problemOf } from '../connections/problems';

const WORKBOOK_NAMES = { activity: 'Activity', calls: 'Calls' } as const;
const STATUS_WORDS = { running: 'Writing…', done: 'Saved', failed: 'Failed' } as const;

/** "Monday 7 Dec, 08:00" in the user's zone: the day matters as much as the time. */
const formatRunAt = (ms: number, timeZone: string) => DateTime.fromMillis(ms, { zone: timeZone }).toFormat('cccc d LLL, HH:mm');

const periodWords = (run: Pick<ScheduledReportRun, 'fromDay' | 'toDay'>) => `${formatDay(run.fromDay)} – ${formatDay(run.toDay)}`;

/** When the next scheduled workbooks are written, and what was written (or failed) before. */
export function ScheduledReportHistory({ refreshKey }: { refreshKey: string }) {
  const { timeZone, info } = useApp();
  const status = useRequest('reports/schedule-status', undefined, refreshKey);
  // A run can start while the screen is open (its time came, a retry): keep the list current.
  useInterval(status.reload, 5_000, true);
  const [showProblem, setShowProblem] = useState<string | null>(null);
  const show = async (runId: number) => {
    setShowProblem(null);
    try {
      await request('reports/show-scheduled-report', { runId });
    } catch (error) {
      setShowProblem(problemOf(error).message);
    }
  };

  if (status.error) return <ErrorMessage onRetry={status.reload}>Could not read the scheduled reports: {status.error}</ErrorMessage>;
  const data = status.data;
  if (!data) return null;
  const { next, history } = data;
  return (
    <>
      {next && (
        <p data-testid="next-scheduled-report">
          {next.retry ? 'Trying again: ' : 'Next report: '}
          <strong>
            {formatRunAt(next.atMs, timeZone)}
            {zoneLabel(timeZone, info.timeZone)}
          </strong>{' '}
          ({next.reports.map((r) => WORKBOOK_NAMES[r].toLowerCase()).join(' and ')} for {periodWords(next)})
        </p>
      )}
      {history.length === 0 ? (
        next && <p className="muted">No scheduled report has been written yet.</p>
      ) : (
        <table className="figures scheduled-reports" aria-label="Scheduled reports written">
          <thead>
            <tr>
              <th>Period</th>
              <th>Workbook</th>
              <th>{zoneHeading('Written', timeZone)}</th>
              <th>Result</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {history.map((run) => (
              <tr key={run.id} data-testid="scheduled-report" data-status={run.status}>
                <td title={run.periodKey}>{periodWords(run)}</td>
                <td>{WORKBOOK_NAMES[run.report]}</td>
                <td>
                  <ZonedTime ms={run.finishedAtMs ?? run.startedAtMs} zoneInHeading />
                </td>
                <td className="result">
                  {run.status === 'failed' ? `Failed: ${run.error ?? 'no reason was recorded.'}` : STATUS_WORDS[run.status]}
                  {run.status === 'done' && run.file && <div className="file muted">{run.file}</div>}
                </td>
                <td>
                  {run.status === 'done' && (
                    <button
                      type="button"
                      onClick={() => void show(run.id)}
                      aria-label={`Show in folder: the ${WORKBOOK_NAMES[run.report].toLowerCase()} workbook for ${periodWords(run)}`}
                    >
                      Show in folder
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {showProblem && <ErrorMessage>{showProblem}</ErrorMessage>}
    </>
  );
}
