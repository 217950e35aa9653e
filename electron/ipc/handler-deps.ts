import type { AppInfo } from '../../shared/ipc/contract';
import type { DemoService } from '../demo/demo';
import type { ReportJobs } from '../reports/jobs';
import type { ReportScheduler } from '../reports/report-scheduler';
import type { SecretStore } from '../secrets/secret-store';
import type { Db } from '../store/db';
import type { TrackerHitsRunner } from '../store/trackers';
import type { SyncService } from '../sync/service';
import type { HttpFor } from '../vendors/connector';

/** What the handlers are built over: the core's services and the shell's parts (createCore wires them). */
export interface HandlerDeps {
  db: Db;
  secrets: SecretStore;
  sync: SyncService;
  /** Opens an http(s) link in the user's browser; the URL is already validated. */
  openExternal(url: string): Promise<void>;
  appInfo(): AppInfo;
  /** HTTP tuning per connection for "Test connection" (the demo and tests point at the local simulator). */
  http?: HttpFor;
  /** The daily sync: told when the settings change, asked when it runs next. */
  schedule?: { reschedule(): void; nextRunMs: number | null };
  reports: ReportJobs;
  /** Scheduled reports: told when the settings change, asked what comes next and what was written. */
  reportSchedule?: Pick<ReportScheduler, 'reschedule' | 'status'>;
  /** Works out a saved tracker's hits (in the core's worker in the app); on this thread when absent. */
  trackerHits?: TrackerHitsRunner;
  /** The demo's simulator and connections (createCore always gives it); without one, demo/start and demo/remove say it is not available. */
  demo?: DemoService;
  /** Shows a file in the system's file manager; only paths main chose reach it. */
  showItemInFolder(file: string): void;
  /** Asks the user for a folder (starting at this one); null when they cancel. */
  chooseFolder(startAt: string): Promise<string | null>;
  /** Where exports go until the user chooses a folder: Downloads. */
  defaultReportsFolder: string;
  /** After the database was copied elsewhere: remember its new place and restart on it. */
  moveDatabase?: { remember(databasePath: string): void; restart(): void };
}
