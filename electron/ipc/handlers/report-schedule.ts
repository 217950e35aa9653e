import fs from 'node:fs';
import path from 'node:path';
import { getScheduledReport } from '../../store/scheduled-reports';
import type { Handlers } from '../dispatch';
import type { ReportScheduler } from '../../reports/report-scheduler';
import type { Db } from '../../store/db';
import { InvalidFieldError, notFound, UserFacingError } from '../errors';

/** A folder scheduled reports can be saved in: absolute and existing now (each run checks again, and says so if it is gone). */
export function checkScheduleFolder(folder: string | null | undefined): void {
  if (folder === null || folder === undefined) return;
  if (!path.isAbsolute(folder)) throw new InvalidFieldError('reportSchedule', `Choose a full folder path, not "${folder}".`);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new InvalidFieldError('reportSchedule', `The folder ${folder} does not exist.`);
}

export interface ReportScheduleHandlerDeps {
  db: Db;
  /** Scheduled reports: asked what comes next and what was written. */
  reportSchedule?: Pick<ReportScheduler, 'status'>;
  /** Shows a file in the system's file manager; only paths main chose reach it. */
  showItemInFolder(file: string): void;
}

export function reportScheduleHandlers({
  db,
  reportSchedule,
  showItemInFolder,
}: ReportScheduleHandlerDeps): Pick<Handlers, 'reports/schedule-status' | 'reports/show-scheduled-report'> {
  return {
    'reports/schedule-status': () => {
      if (!reportSchedule) throw new UserFacingError('FAILED', 'Scheduled reports are not available here.');
      return reportSchedule.status();
    },
    'reports/show-scheduled-report': ({ runId }) => {
      const run = getScheduledReport(db, runId);
      if (!run) throw notFound('That scheduled report');
      // Only a file the schedule saved: the window can never name a path to reveal.
      if (run.status !== 'done' || run.file === null) throw new UserFacingError('FAILED', 'That report was not saved, so there is no file to show.');
      if (!fs.existsSync(run.file)) throw new UserFacingError('FAILED', `${run.file} is no longer there: it was moved or deleted.`);
      showItemInFolder(run.file);
      return { shown: true };
    },
  };
}
