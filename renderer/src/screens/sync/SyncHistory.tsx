import { Fragment, useState } from 'react';
import { useApp } from '../../app/context';
import { Empty, ErrorMessage, Loading } from '../../components/States';
import { ZonedTime } from '../../components/ZonedTime';
import { formatNumber, zoneHeading } from '../../lib/format';
import { useRequest } from '../../lib/use-request';
import { updatedCalls, type SyncHistoryEntry } from '../../../../shared/sync';
import { RUN_STATUS_WORDS } from './run-status';

const RUNS_SHOWN = 50;

/** The last runs of every connection: when, how it ended, what it wrote; why it failed or what it skipped, on request. */
export function SyncHistory() {
  const { dataVersion, running, timeZone } = useApp();
  // Asked again when a sync starts (a new "running" row) and when one ends (its counts).
  const runningIds = running.map((r) => r.connectionId).join(',');
  const history = useRequest('sync/history', { limit: RUNS_SHOWN }, `${dataVersion}|${runningIds}`);

  if (history.error && !history.data) return <ErrorMessage onRetry={history.reload}>Could not read the sync history: {history.error}</ErrorMessage>;
  if (!history.data) return <Loading what="sync history" />;
  if (!history.data.length) return <Empty title="No syncs yet">Runs appear here with what they wrote and anything they had to skip.</Empty>;
  return (
    <table className="figures sync-history" aria-label="Sync history">
      <thead>
        <tr>
          <th scope="col">Connection</th>
          <th scope="col">{zoneHeading('Started', timeZone)}</th>
          <th scope="col">{zoneHeading('Finished', timeZone)}</th>
          <th scope="col">Result</th>
          <th scope="col" className="number">
            New calls
          </th>
          <th scope="col" className="number">
            Updated calls
          </th>
          <th scope="col" className="number">
            Transcripts
          </th>
          <th scope="col" className="number wide-only">
            Activity rows
          </th>
          <th scope="col" className="number">
            Skipped
          </th>
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {history.data.map((run) => (
          <HistoryRow key={run.id} run={run} />
        ))}
      </tbody>
    </table>
  );
}

function HistoryRow({ run }: { run: SyncHistoryEntry }) {
  const { connections } = useApp();
  const [open, setOpen] = useState(false);
  const name = connections.find((c) => c.id === run.connectionId)?.label ?? 'A removed connection';
  const explained = run.errorMessage !== null || run.warnings.length > 0;
  const detailsId = `run-${run.id}-details`;
  return (
    <Fragment>
      <tr data-testid="history-row" data-status={run.status}>
        <td>
          {name}
          {run.reconcile && (
            <div className="muted">Checked every stored call again{run.callsGone > 0 ? ` · ${formatNumber(run.callsGone)} no longer at the vendor` : ''}</div>
          )}
        </td>
        <td>
          <ZonedTime ms={run.startedAtMs} zoneInHeading />
        </td>
        <td>{run.finishedAtMs === null ? '—' : <ZonedTime ms={run.finishedAtMs} zoneInHeading />}</td>
        <td className={`run-${run.status}`}>{RUN_STATUS_WORDS[run.status]}</td>
        <CallCounts run={run} />
        <td className="number">{formatNumber(run.transcriptsWritten)}</td>
        <td className="number wide-only">{formatNumber(run.activityRowsWritten)}</td>
        <td className="number">{formatNumber(run.warningCount)}</td>
        <td>
          {explained && (
            <button type="button" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
              {open ? 'Hide details' : 'Details'}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr id={detailsId} className="run-details">
          <td colSpan={10}>
            {run.errorMessage && <p>{run.errorMessage}</p>}
            {run.warnings.length > 0 && (
              <>
                <p>Skipped records, kept aside so the rest could be saved:</p>
                <ul>
                  {run.warnings.map((warning, i) => (
                    <li key={i}>
                      {warning.vendorRecordId && <code>{warning.vendorRecordId}</code>} {warning.message}
                    </li>
                  ))}
                </ul>
                {run.warningCount > run.warnings.length && <p className="muted">and {formatNumber(run.warningCount - run.warnings.length)} more.</p>}
              </>
            )}
          </td>
        </tr>
      )}
    </Fragment>
  );
}

/** New and updated calls apart, as a user counts them; a run from before they were told apart says so. */
function CallCounts({ run }: { run: SyncHistoryEntry }) {
  const updated = updatedCalls(run);
  if (updated === null) {
    return (
      <td className="number" colSpan={2}>
        {formatNumber(run.callsWritten)} <span className="muted">new or updated</span>
      </td>
    );
  }
  return (
    <>
      <td className="number">{formatNumber(run.callsNew ?? 0)}</td>
      <td className="number">{formatNumber(updated)}</td>
    </>
  );
}
