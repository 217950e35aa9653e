import type { AppInfo } from '../../shared/ipc/contract';
import type { SecretStore } from '../secrets/secret-store';
import { activityTotalsRow } from '../../shared/activity';
import type { DemoService } from '../demo/demo';
import type { ReportJobs } from '../reports/jobs';
import type { ReportScheduler } from '../reports/report-scheduler';
import { activityPeople } from '../reports/activity-people';
import { activityQuery, previousPeriod } from '../reports/range';
import { activityTotals } from '../store/activity-totals';
import { getSettings } from '../store/app-settings';
import { callFacets } from '../store/call-facets';
import { countCalls, listCalls } from '../store/call-list';
import { getCallRaw } from '../store/call-raw';
import { getCall } from '../store/calls';
import { getConversation } from '../store/conversation';
import type { Db } from '../store/database';
import { getTranscript } from '../store/transcripts';
import type { SyncService } from '../sync/service';
import { extractedFieldsFor } from '../vendors/call-facts';
import type { HttpFor } from '../vendors/connector';
import type { Handlers } from './dispatch';
import { notFound } from './errors';
import { connectionHandlers } from './handlers/connections';
import { demoHandlers } from './handlers/demo';
import { reportScheduleHandlers } from './handlers/report-schedule';
import { reportHandlers } from './handlers/reports';
import { settingsHandlers } from './handlers/settings';
import { syncHandlers } from './handlers/sync';
import { trackerHandlers } from './handlers/trackers';
import { teamHandlers } from './handlers/teams';
import { listTeams } from '../store/teams';
import { listTrackers, type TrackerHitsRunner } from '../store/trackers';

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
  /** The demo's simulator and connections; absent where there is no demo (the CLI). */
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

/** The app's handlers over the core. Electron's ipcMain, the browser tests and the CLI all use this one table. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, openExternal, appInfo } = deps;
  return {
    'app/info': () => appInfo(),
    'app/open-external': async ({ url }) => {
      await openExternal(url);
      return { opened: true };
    },
    ...connectionHandlers(deps),
    'calls/list': (query) => listCalls(db, query),
    'calls/get': ({ callId }) => {
      const call = getCall(db, callId);
      if (!call) throw notFound('That call');
      return {
        call,
        transcript: getTranscript(db, callId),
        extractedFields: extractedFieldsFor(call.vendor, getCallRaw(db, callId)),
        conversation: getConversation(db, callId),
      };
    },
    'calls/count': (query) => ({ total: countCalls(db, query) }),
    'calls/facets': () => callFacets(db),
    'activity/summary': ({ range, connectionId, excludeDeleted }) => {
      const { timeZone } = getSettings(db);
      const query = activityQuery(range, timeZone, connectionId, excludeDeleted);
      const users = activityPeople(db, query);
      // The period just before, of the same length, for each figure's change.
      const before = previousPeriod(query, timeZone);
      const previousUsers = activityTotals(db, before, false);
      return {
        users,
        total: activityTotalsRow(users),
        daily: activityTotals(db, query, true),
        rangeMs: { fromMs: query.fromMs, toMs: query.toMs },
        previous: { range: { fromDay: before.fromDay, toDay: before.toDay }, rangeMs: { fromMs: before.fromMs, toMs: before.toMs }, users: previousUsers, total: activityTotalsRow(previousUsers) },
        teams: listTeams(db),
        trackers: listTrackers(db).map(({ id, name }) => ({ id, name })),
      };
    },
    ...trackerHandlers(deps),
    ...teamHandlers(deps),
    ...syncHandlers(deps),
    ...settingsHandlers(deps),
    ...reportHandlers(deps),
    ...reportScheduleHandlers(deps),
    ...demoHandlers(deps),
  };
}
