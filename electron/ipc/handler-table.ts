import type { Handlers } from './dispatch';
import { activityHandlers, type ActivityHandlerDeps } from './handlers/activity';
import { appHandlers, type AppHandlerDeps } from './handlers/app';
import { callHandlers, type CallHandlerDeps } from './handlers/calls';
import { connectionHandlers, type ConnectionHandlerDeps } from './handlers/connections';
import { demoHandlers, type DemoHandlerDeps } from './handlers/demo';
import { reportScheduleHandlers, type ReportScheduleHandlerDeps } from './handlers/report-schedule';
import { reportHandlers, type ReportHandlerDeps } from './handlers/reports';
import { settingsHandlers, type SettingsHandlerDeps } from './handlers/settings';
import { syncHandlers, type SyncHandlerDeps } from './handlers/sync';
import { teamHandlers, type TeamHandlerDeps } from './handlers/teams';
import { trackerHandlers, type TrackerHandlerDeps } from './handlers/trackers';

/**
 * What the whole table is built over: each channel prefix's file declares only the deps it
 * uses, and createCore passes one object holding them all.
 */
export type HandlerDeps = AppHandlerDeps &
  ConnectionHandlerDeps &
  CallHandlerDeps &
  ActivityHandlerDeps &
  TrackerHandlerDeps &
  TeamHandlerDeps &
  SyncHandlerDeps &
  SettingsHandlerDeps &
  ReportHandlerDeps &
  ReportScheduleHandlerDeps &
  DemoHandlerDeps;

/**
 * The app's handlers over the core, built once by `createCore` (electron/app.ts): Electron's
 * ipcMain, the IPC and browser tests and the bench all answer through this one table. The CLI
 * does not: it calls the core's modules directly (electron/cli/).
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...connectionHandlers(deps),
    ...callHandlers(deps),
    ...activityHandlers(deps),
    ...trackerHandlers(deps),
    ...teamHandlers(deps),
    ...syncHandlers(deps),
    ...settingsHandlers(deps),
    ...reportHandlers(deps),
    ...reportScheduleHandlers(deps),
    ...demoHandlers(deps),
  };
}
