import type { ReportJob } from '../../shared/reports';
import { reportFilePath } from './file-name';
import { ReportFileError } from './workbook';
import type { ParsedReportRequest, ReportWriter } from './write-report';

export interface ReportJobsOptions {
  /** Writes the workbook: in the core's worker in the app, in this thread in the CLI. */
  writer: ReportWriter;
  /** Where one-click exports are saved (the user's setting, or Downloads). */
  folder(): string;
  timeZone(): string;
  log?: (line: string) => void;
}

/** Finished exports kept for the window's list. */
const KEPT = 20;

/**
 * The window's exports: each runs in the background with progress to poll,
 * can be cancelled (no file is left), and ends with its file to show.
 */
export class ReportJobs {
  private readonly jobs = new Map<number, { job: ReportJob; controller: AbortController; done: Promise<void> }>();
  private nextId = 1;

  constructor(private readonly options: ReportJobsOptions) {}

  start(request: ParsedReportRequest): ReportJob {
    const { timeZone: zone, folder } = this.options;
    const timeZone = zone();
    const taken = new Set([...this.jobs.values()].map((j) => j.job.file));
    const job: ReportJob = {
      id: this.nextId++,
      kind: request.kind,
      file: reportFilePath(folder(), request.kind, timeZone, taken),
      state: 'running',
      written: 0,
      total: null,
      error: null,
      startedAtMs: Date.now(),
      finishedAtMs: null,
    };
    const controller = new AbortController();
    const entry = { job, controller, done: this.run(job, request, timeZone, controller.signal) };
    this.jobs.set(job.id, entry);
    this.forgetOldJobs();
    return { ...job };
  }

  private async run(job: ReportJob, request: ParsedReportRequest, timeZone: string, signal: AbortSignal): Promise<void> {
    const onProgress = (written: number, total: number) => Object.assign(job, { written, total });
    try {
      // Let the window have its answer (and show the bar) before the first rows are read.
      await new Promise((resolve) => setImmediate(resolve));
      job.written = await this.options.writer.write(request, { file: job.file, timeZone, signal, onProgress });
      job.total = job.written;
      job.state = 'done';
    } catch (error) {
      if (signal.aborted) {
        job.state = 'cancelled';
      } else {
        job.state = 'failed';
        // File problems are already in plain words; anything else is ours, so say so without internals.
        job.error = error instanceof ReportFileError ? error.message : 'The report could not be written because of an unexpected problem. Please try again.';
        if (!(error instanceof ReportFileError))
          this.options.log?.(`report ${job.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    } finally {
      job.finishedAtMs = Date.now();
    }
  }

  /** Every export this session still lists, newest first. */
  status(): ReportJob[] {
    return [...this.jobs.values()].map((j) => ({ ...j.job })).reverse();
  }

  /** Stops an export; the half-written file is removed. False when it had already ended. */
  cancel(id: number): boolean {
    const entry = this.jobs.get(id);
    if (!entry || entry.job.state !== 'running') return false;
    entry.controller.abort();
    return true;
  }

  /** The saved file of a finished export, or null: the only paths "Show in folder" will reveal. */
  savedFile(id: number): string | null {
    const job = this.jobs.get(id)?.job;
    return job?.state === 'done' ? job.file : null;
  }

  /** Resolves when no export is running (tests, quitting). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.jobs.values()].map((j) => j.done));
  }

  cancelAll(): void {
    for (const { job, controller } of this.jobs.values()) if (job.state === 'running') controller.abort();
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((j) => j.job.state !== 'running');
    for (const old of finished.slice(0, Math.max(0, finished.length - KEPT))) this.jobs.delete(old.job.id);
  }
}
