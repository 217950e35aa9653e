import { useEffect, useRef, useState } from 'react';
import type { ReportJob, ReportRequest } from '../../../shared/reports';
import { request } from '../api';
import { errorMessage } from '../lib/use-request';
import { ProgressBar } from './States';

const POLL_MS = 250;

/** A file path's last part, whichever separator the system uses. */
const fileName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/**
 * One click: starts the export in main, shows its progress with Cancel, then
 * the saved file with "Show in folder", or what went wrong in plain words.
 */
export function ExportButton({ report, label, disabled }: { report: () => ReportRequest; label: string; disabled?: boolean }) {
  const [job, setJob] = useState<ReportJob | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  const stopPolling = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };
  useEffect(() => stopPolling, []);

  const start = async () => {
    setProblem(null);
    try {
      const started = await request('reports/start', report());
      setJob(started);
      stopPolling();
      timer.current = setInterval(() => {
        void request('reports/status').then((jobs) => {
          const now = jobs.find((j) => j.id === started.id);
          if (!now) return;
          setJob(now);
          if (now.state !== 'running') stopPolling();
        });
      }, POLL_MS);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  const running = job?.state === 'running';
  // The button disables itself while the export runs, and Cancel goes when it ends: focus that fell to the
  // page comes back to the button, so a keyboard user carries on from where they were.
  useEffect(() => {
    if (!running && job && (document.activeElement === document.body || document.activeElement === null)) trigger.current?.focus();
  }, [running, job]);
  return (
    <div className="export" data-testid="export">
      <button type="button" ref={trigger} onClick={() => void start()} disabled={disabled || running}>
        {label}
      </button>
      {/* What the export is doing or did, in one box a screen can place apart from the button (the calls toolbar does). */}
      {(job || problem) && (
        <div className="export-status">
          {job && running && (
            <>
              <ProgressBar
                value={job.written}
                max={job.total}
                label={job.total ? `Writing ${job.written.toLocaleString()} of ${job.total.toLocaleString()}` : 'Preparing…'}
              />
              <button type="button" onClick={() => void request('reports/cancel', { jobId: job.id })}>
                Cancel
              </button>
            </>
          )}
          {job?.state === 'done' && (
            <span className="export-done" role="status">
              Saved {fileName(job.file)}
              <button
                type="button"
                onClick={() => void request('reports/show-in-folder', { jobId: job.id }).catch((e: unknown) => setProblem(errorMessage(e)))}
              >
                Show in folder
              </button>
            </span>
          )}
          {job?.state === 'cancelled' && <span role="status">Export cancelled; no file was left.</span>}
          {job?.state === 'failed' && (
            <span role="alert" className="error">
              {job.error}
            </span>
          )}
          {problem && (
            <span role="alert" className="error">
              {problem}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
