import { REPORT_TITLES } from '../../../../shared/reports';
import { request } from '../../api';
import { useApp } from '../../app/context';
import { ZonedTime } from '../../components/ZonedTime';
import { zoneHeading } from '../../lib/format';
import { useInterval, useRequest } from '../../lib/use-request';

const STATE_WORDS = { running: 'Writing…', done: 'Saved', failed: 'Failed', cancelled: 'Cancelled' } as const;

/** This session's exports, newest first, each with its file to show. */
export function RecentExports() {
  const { timeZone } = useApp();
  const jobs = useRequest('reports/status', undefined);
  useInterval(jobs.reload, 1_000, true);
  if (!jobs.data?.length) return null;
  return (
    <section>
      <h2>Exports this session</h2>
      <table className="figures">
        <thead>
          <tr>
            <th>Report</th>
            <th>{zoneHeading('Started', timeZone)}</th>
            <th>State</th>
            <th>File</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {jobs.data.map((job) => (
            <tr key={job.id}>
              <td>{REPORT_TITLES[job.kind]}</td>
              <td>
                <ZonedTime ms={job.startedAtMs} timeOnly zoneInHeading />
              </td>
              <td>{job.state === 'failed' ? `Failed: ${job.error}` : STATE_WORDS[job.state]}</td>
              <td className="file">{job.file}</td>
              <td>
                {job.state === 'done' && (
                  <button type="button" onClick={() => void request('reports/show-in-folder', { jobId: job.id })}>
                    Show in folder
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
