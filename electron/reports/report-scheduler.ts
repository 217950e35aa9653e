import type { ReportScheduleStatus, ScheduledReportKind } from '../../shared/report-schedule';
import type { Settings } from '../../shared/settings';
import type { Db } from '../store/db';
import {
  claimScheduledReport,
  finishScheduledReport,
  getScheduleSince,
  lastDonePeriod,
  listScheduledReports,
  setScheduleSince,
} from '../store/scheduled-reports';
import { ReportFileError } from './file';
import { dayRangeMs } from './range';
import { periodReportFile } from './report-periods';
import { planReport, type PlannedReport } from './report-schedule';
import type { ParsedReportRequest, ReportWriter } from './write-report';

/** A failed workbook is tried again after this long while the app runs (and at every start, and when the schedule changes). */
export const RETRY_AFTER_MS = 60 * 60_000;
/**
 * The timer never waits longer than this before the planner looks at the wall
 * clock again: a timer does not count time a laptop sleeps, so a timer set for
 * Monday 08:00 on Friday could fire hours late; re-planning every few minutes
 * bounds that, whatever the shell says about waking.
 */
export const LONGEST_WAIT_MS = 10 * 60_000;
/** While another process writes a due workbook, look again after this long. */
const BUSY_ELSEWHERE_MS = 60_000;

type Timer = ReturnType<typeof setTimeout>;

export interface ReportSchedulerOptions {
  db: Db;
  /** The same writer one-click exports use: the core's worker in the app. */
  writer: ReportWriter;
  settings(): Settings;
  /** Where workbooks go when neither the schedule nor the settings name a folder (Downloads). */
  defaultReportsFolder: string;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => Timer;
  clearTimer?: (timer: Timer) => void;
  log?: (line: string) => void;
  /**
   * Waited for before a workbook is written: the syncs running now (the one at
   * start-up, after a weekend away), so the report holds the period's last days.
   */
  beforeWrite?: () => Promise<void>;
}

/** A sync stuck for longer than this does not hold a scheduled report back any more. */
const LONGEST_SYNC_WAIT_MS = 20 * 60_000;

function processGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, owned by another user.
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

const retryKey = (run: PlannedReport, kind: ScheduledReportKind) => `${run.periodKey}|${kind}`;

/**
 * Scheduled reports while the app runs: at start (catching up a run missed
 * while it was closed), on a timer re-armed after each run and each settings
 * change, and whenever the shell says the computer woke up. Each check asks
 * the planner afresh, so a late timer is harmless.
 */
export class ReportScheduler {
  private timer: Timer | null = null;
  private current: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private controller: AbortController | null = null;
  /** Workbooks that failed in this session, and when to try them again. */
  private readonly retryAt = new Map<string, number>();

  constructor(private readonly options: ReportSchedulerOptions) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  start(): Promise<void> {
    this.stopped = false;
    return this.check();
  }

  /** After the settings change: a workbook that failed is tried at once (the user may have fixed its folder). */
  reschedule(): Promise<void> {
    this.retryAt.clear();
    return this.check();
  }

  /** Writes whatever is due now, then re-arms the timer. Resolves when done (tests, the shell's wake-up). */
  check(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.current) {
      this.again = true;
      return this.current;
    }
    this.current = (async () => {
      do {
        this.again = false;
        await this.writeDue();
      } while (this.again && !this.stopped);
    })()
      .catch((error: unknown) => this.options.log?.(`scheduled reports: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`))
      .finally(() => {
        this.current = null;
        this.arm();
      });
    return this.current;
  }

  /** Resolves when no check is running (tests, the shell). */
  async idle(): Promise<void> {
    await this.current;
  }

  /** Stops the timer and any workbook being written (its row says so, and it is written at the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clear();
    this.controller?.abort();
    await this.current;
  }

  /** When the next workbooks are written, the folder, and the history, for Settings. */
  status(): ReportScheduleStatus {
    const settings = this.options.settings();
    const rule = settings.reportSchedule;
    return {
      next: this.stopped ? null : this.nextRun(),
      folderInUse: rule ? (rule.folder ?? settings.reportsFolder ?? this.options.defaultReportsFolder) : null,
      history: listScheduledReports(this.options.db),
    };
  }

  private plans() {
    const { db } = this.options;
    const settings = this.options.settings();
    const rule = settings.reportSchedule;
    if (!rule) return null;
    const nowMs = this.now();
    const sinceMs = getScheduleSince(db);
    const plans = rule.reports.map((kind) => ({
      kind,
      plan: planReport({ rule, timeZone: settings.timeZone, nowMs, lastDone: lastDonePeriod(db, rule.period, kind), sinceMs }),
    }));
    return { settings, rule, nowMs, plans };
  }

  private async writeDue(): Promise<void> {
    const { db } = this.options;
    if (this.options.settings().reportSchedule === null) {
      setScheduleSince(db, null);
      return;
    }
    // Kept only if not set: turning the schedule on starts the count, later edits do not.
    setScheduleSince(db, this.now());
    if (!this.plans()?.plans.some(({ plan }) => plan.due)) return;
    await this.waitForSyncs();
    // Planned again after the wait: the clock moved, and the settings may have changed.
    const planned = this.plans();
    if (!planned || this.stopped) return;
    for (const { kind, plan } of planned.plans) {
      if (this.stopped) return;
      if (!plan.due || (this.retryAt.get(retryKey(plan.due, kind)) ?? 0) > planned.nowMs) continue;
      await this.write(plan.due, kind, planned.settings);
    }
  }

  private async waitForSyncs(): Promise<void> {
    const { beforeWrite } = this.options;
    if (!beforeWrite) return;
    let timer: Timer | undefined;
    const cap = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, LONGEST_SYNC_WAIT_MS);
      timer.unref();
    });
    await Promise.race([beforeWrite(), cap]);
    clearTimeout(timer);
  }

  private async write(run: PlannedReport, kind: ScheduledReportKind, settings: Settings): Promise<void> {
    const { db, writer, log } = this.options;
    const id = claimScheduledReport(db, run, kind, { nowMs: this.now(), pid: process.pid, ownerGone: processGone });
    // Written already, or being written by another live process.
    if (id === null) return;
    const folder = settings.reportSchedule?.folder ?? settings.reportsFolder ?? this.options.defaultReportsFolder;
    const { timeZone } = settings;
    const request: ParsedReportRequest =
      kind === 'activity'
        ? { kind: 'activity', range: run.range }
        : { kind: 'calls', query: { filters: dayRangeMs(run.range, timeZone), sort: { column: 'startedAt', direction: 'asc' } } };
    const controller = (this.controller = new AbortController());
    try {
      const file = periodReportFile(folder, kind, run.periodKey);
      const rows = await writer.write(request, { file, timeZone, signal: controller.signal });
      finishScheduledReport(db, id, { status: 'done', file, rows }, this.now());
      this.retryAt.delete(retryKey(run, kind));
      log?.(`scheduled ${kind} report for ${run.periodKey} saved to ${file}`);
    } catch (error) {
      let message: string;
      if (controller.signal.aborted) message = 'Talktally was closed while this report was being written. It is written again at the next start.';
      else if (error instanceof ReportFileError) message = error.message;
      else {
        message = 'The report could not be written because of an unexpected problem.';
        log?.(`scheduled ${kind} report for ${run.periodKey} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      finishScheduledReport(db, id, { status: 'failed', error: message }, this.now());
      this.retryAt.set(retryKey(run, kind), this.now() + RETRY_AFTER_MS);
    } finally {
      this.controller = null;
    }
  }

  /** The earliest of: each workbook's next run, a failed one's retry, a due one another process is writing. */
  private nextRun(): ReportScheduleStatus['next'] {
    const planned = this.plans();
    if (!planned) return null;
    const candidates = planned.plans.map(({ kind, plan }) => {
      if (!plan.due) return { kind, run: plan.next, atMs: plan.next.dueAtMs, retry: false };
      const retry = this.retryAt.get(retryKey(plan.due, kind));
      return { kind, run: plan.due, atMs: retry ?? planned.nowMs + BUSY_ELSEWHERE_MS, retry: retry !== undefined };
    });
    const first = candidates.reduce((a, b) => (b.atMs < a.atMs ? b : a));
    // Workbooks of the same period due within a minute of each other are one run to the user (two retries a few ms apart).
    const together = candidates.filter((c) => c.atMs - first.atMs < 60_000 && c.run.periodKey === first.run.periodKey);
    return {
      atMs: first.atMs,
      periodKey: first.run.periodKey,
      fromDay: first.run.range.fromDay,
      toDay: first.run.range.toDay,
      reports: together.map((c) => c.kind),
      retry: first.retry,
    };
  }

  private arm(): void {
    this.clear();
    if (this.stopped) return;
    const next = this.nextRun();
    if (!next) return;
    const { setTimer = setTimeout } = this.options;
    const wait = Math.min(Math.max(next.atMs - this.now(), 0), LONGEST_WAIT_MS);
    this.timer = setTimer(() => void this.check(), wait);
    // The schedule alone must not keep a process alive (tests); the app's window does.
    if (typeof this.timer === 'object' && 'unref' in this.timer) this.timer.unref();
  }

  private clear(): void {
    if (this.timer) (this.options.clearTimer ?? clearTimeout)(this.timer);
    this.timer = null;
  }
}
