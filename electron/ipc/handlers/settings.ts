import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo } from '../../../shared/app';
import type { SettingsView } from '../../../shared/settings';
import type { ReportScheduler } from '../../reports/report-scheduler';
import { getSettings, updateSettings } from '../../store/app-settings';
import type { Handlers } from '../dispatch';
import type { Db } from '../../store/db';
import { copyDatabaseTo, MoveDatabaseError } from '../../store/move';
import type { SyncService } from '../../sync/service';
import { InvalidFieldError, UserFacingError } from '../errors';
import { checkScheduleFolder } from './report-schedule';

/** A folder exports can be saved in: absolute and existing (it is checked again when a report is written). */
function checkReportsFolder(folder: string | null | undefined): void {
  if (folder === null || folder === undefined) return;
  if (!path.isAbsolute(folder)) throw new InvalidFieldError('reportsFolder', `Choose a full folder path, not "${folder}".`);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new InvalidFieldError('reportsFolder', `The folder ${folder} does not exist.`);
}

export interface SettingsHandlerDeps {
  db: Db;
  /** Asked whether a sync is running before the data folder moves. */
  sync: Pick<SyncService, 'status'>;
  appInfo(): AppInfo;
  /** The daily sync: told when the settings change, asked when it runs next. */
  schedule?: { reschedule(): void; nextRunMs: number | null };
  /** Scheduled reports: told when the settings change. */
  reportSchedule?: Pick<ReportScheduler, 'reschedule'>;
  /** Asks the user for a folder (starting at this one); null when they cancel. */
  chooseFolder(startAt: string): Promise<string | null>;
  /** Where exports go until the user chooses a folder: Downloads. */
  defaultReportsFolder: string;
  /** After the database was copied elsewhere: remember its new place and restart on it. */
  moveDatabase?: { remember(databasePath: string): void; restart(): void };
}

export function settingsHandlers(
  deps: SettingsHandlerDeps,
): Pick<
  Handlers,
  'settings/get' | 'settings/update' | 'settings/choose-reports-folder' | 'settings/choose-scheduled-reports-folder' | 'settings/move-data-folder'
> {
  const { db, schedule, reportSchedule, chooseFolder, defaultReportsFolder, appInfo, moveDatabase, sync } = deps;
  const view = (): SettingsView => {
    const settings = getSettings(db);
    return {
      ...settings,
      nextDailySyncMs: schedule?.nextRunMs ?? null,
      reportsFolderInUse: settings.reportsFolder ?? defaultReportsFolder,
      dataFolder: path.dirname(appInfo().databasePath),
    };
  };
  return {
    'settings/get': view,
    'settings/update': (update) => {
      checkReportsFolder(update.reportsFolder);
      checkScheduleFolder(update.reportSchedule?.folder);
      updateSettings(db, update);
      schedule?.reschedule();
      void reportSchedule?.reschedule();
      return view();
    },
    'settings/choose-reports-folder': async () => {
      const folder = await chooseFolder(view().reportsFolderInUse);
      if (folder !== null) {
        checkReportsFolder(folder);
        updateSettings(db, { reportsFolder: folder });
        // Scheduled reports without a folder of their own go here: one that failed is tried again at once.
        void reportSchedule?.reschedule();
      }
      return view();
    },
    'settings/choose-scheduled-reports-folder': async () => {
      const settings = getSettings(db);
      const rule = settings.reportSchedule;
      if (!rule) throw new UserFacingError('FAILED', 'Turn scheduled reports on first, then choose their folder.');
      const folder = await chooseFolder(rule.folder ?? view().reportsFolderInUse);
      if (folder !== null) {
        checkScheduleFolder(folder);
        updateSettings(db, { reportSchedule: { ...rule, folder } });
        void reportSchedule?.reschedule();
      }
      return view();
    },
    'settings/move-data-folder': async () => {
      if (!moveDatabase) throw new UserFacingError('FAILED', 'The data folder cannot be moved here.');
      if (sync.status().length) throw new UserFacingError('FAILED', 'A sync is running: wait for it to finish (or cancel it), then move the data.');
      const folder = await chooseFolder(path.dirname(appInfo().databasePath));
      if (folder === null) return { movedTo: null };
      try {
        const movedTo = await copyDatabaseTo(db, folder);
        moveDatabase.remember(movedTo);
        // After this answer reaches the window: the app restarts on the copy.
        setTimeout(() => moveDatabase.restart(), 300);
        return { movedTo };
      } catch (error) {
        if (error instanceof MoveDatabaseError) throw new UserFacingError('FAILED', error.message);
        throw error;
      }
    },
  };
}
