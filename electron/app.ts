import type { AppInfo } from '../shared/app';
import { DemoService } from './demo/demo';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import type { HandlerDeps } from './ipc/handler-table';
import { createHandlers } from './ipc/handler-table';
import { ReportJobs } from './reports/jobs';
import { ReportScheduler, type ReportSchedulerOptions } from './reports/report-scheduler';
import { inProcessReportWriter } from './reports/write-report';
import { createKeychainSecretStore } from './secrets/keychain';
import type { SecretStore } from './secrets/secret-store';
import { getDatabaseId, getSettings } from './store/app-settings';
import { LATEST_SCHEMA_VERSION, openDatabase } from './store/database';
import type { Db } from './store/db';
import { inProcessTrackerHits } from './store/tracker-hits';
import { inProcessSyncRunner } from './sync/runner';
import { SyncScheduler } from './sync/schedule';
import { SyncService } from './sync/service';
import type { HttpFor } from './vendors/connector';
import { CoreWorker } from './worker/host';

/** What only the shell can do (Electron in the app; recorders in tests): the core asks, it never imports `electron`. */
export type ShellParts = Pick<HandlerDeps, 'openExternal' | 'showItemInFolder' | 'chooseFolder' | 'defaultReportsFolder' | 'moveDatabase'>;

export interface CoreOptions {
  databasePath: string;
  /** An already open database (tests open theirs); otherwise the core opens `databasePath` and closes it. */
  db?: Db;
  shell: ShellParts;
  /** The app's version and the computer's time zone, for "About". */
  version: string;
  systemTimeZone?: string;
  /** The built worker bundle syncs and exports run in; null runs them on this thread (the CLI, where nothing waits on the loop). */
  workerFile: string | null;
  /** HTTP tuning for connections other than the demo's (tests point everything at the fast local simulator). */
  http?: HttpFor;
  /** Keys; default: the OS keychain, filed under this database's id. */
  secrets?: SecretStore;
  demoCallsPerVendor?: number;
  log?: (line: string) => void;
  /** The scheduled reports' clock and timers (tests drive them; the app uses the real ones). */
  reportScheduleClock?: Pick<ReportSchedulerOptions, 'now' | 'setTimer' | 'clearTimer'>;
}

export interface Core {
  db: Db;
  secrets: SecretStore;
  sync: SyncService;
  schedule: SyncScheduler;
  reports: ReportJobs;
  /** The last week's or month's workbooks, saved by themselves (Settings, "Scheduled reports"). */
  reportSchedule: ReportScheduler;
  demo: DemoService;
  /** Null when syncs and exports run on this thread. */
  worker: CoreWorker | null;
  handlers: ReturnType<typeof createHandlers>;
  dispatch: Dispatch;
  /** After the window is up: the demo's simulator serves again, then the schedules start (a sync at start-up if wanted, a missed report caught up). */
  start(): Promise<void>;
  /** Stops the schedule, syncs (at their next page) and exports, waits for them, stops the demo and the worker. */
  close(): Promise<void>;
}

/**
 * The one composition root of the core: the store, keys, syncs, schedule,
 * reports, demo and the handler table, wired once. Electron's main, the test
 * helpers and the benchmarks all build the app here, so a dependency wired in
 * main is wired in every test too.
 */
export function createCore(options: CoreOptions): Core {
  const log = options.log ?? (() => undefined);
  const ownsDb = options.db === undefined;
  const db = options.db ?? openDatabase(options.databasePath);
  const secrets = options.secrets ?? createKeychainSecretStore(getDatabaseId(db));
  const worker = options.workerFile === null ? null : new CoreWorker({ databasePath: options.databasePath, workerFile: options.workerFile, log });
  // The demo's connections get its pacing; every other connection the given tuning, or the vendor's published limits.
  const demoHolder: { demo?: DemoService } = {};
  const http: HttpFor = (connection) => demoHolder.demo?.httpFor(connection) ?? options.http?.(connection);
  const sync = new SyncService({ db, secrets, http, log, runner: worker?.syncRunner ?? inProcessSyncRunner(db, log) });
  const demo = (demoHolder.demo = new DemoService({
    db,
    secrets,
    sync,
    ...(worker ? { serve: (simulator) => worker.startSimulator(simulator) } : {}),
    ...(options.demoCallsPerVendor ? { callsPerVendor: options.demoCallsPerVendor } : {}),
  }));
  const schedule = new SyncScheduler({ syncAll: () => sync.start(), settings: () => getSettings(db) });
  const { shell } = options;
  const reportWriter = worker?.reportWriter ?? inProcessReportWriter(db);
  const reports = new ReportJobs({
    writer: reportWriter,
    folder: () => getSettings(db).reportsFolder ?? shell.defaultReportsFolder,
    timeZone: () => getSettings(db).timeZone,
    log,
  });
  const reportSchedule = new ReportScheduler({
    db,
    writer: reportWriter,
    settings: () => getSettings(db),
    defaultReportsFolder: shell.defaultReportsFolder,
    beforeWrite: () => sync.idle(),
    log,
    ...options.reportScheduleClock,
  });
  const appInfo = (): AppInfo => ({
    version: options.version,
    databasePath: options.databasePath,
    schemaVersion: LATEST_SCHEMA_VERSION,
    timeZone: options.systemTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const trackerHits = worker?.trackerHits ?? inProcessTrackerHits(db);
  const handlers = createHandlers({ db, secrets, sync, schedule, http, reports, reportSchedule, trackerHits, demo, appInfo, ...shell });
  return {
    db,
    secrets,
    sync,
    schedule,
    reports,
    reportSchedule,
    demo,
    worker,
    handlers,
    dispatch: createDispatch(handlers, { error: log }),
    async start() {
      // The demo's simulator (if the user has the demo) must be serving before its connections sync.
      await demo.resume().catch((error: unknown) => log(`demo: ${String(error)}`));
      schedule.start();
      void reportSchedule.start();
    },
    async close() {
      schedule.stop();
      sync.cancel();
      reports.cancelAll();
      await Promise.all([sync.idle(), reports.idle(), reportSchedule.stop()]);
      await demo.stop();
      await worker?.close();
      if (ownsDb) db.close();
    },
  };
}
