import type { Handlers } from '../dispatch';
import type { ReportJobs } from '../../reports/jobs';
import { notFound, UserFacingError } from '../errors';

export interface ReportHandlerDeps {
  reports: ReportJobs;
  /** Shows a file in the system's file manager; only paths main chose reach it. */
  showItemInFolder(file: string): void;
}

export function reportHandlers({
  reports,
  showItemInFolder,
}: ReportHandlerDeps): Pick<Handlers, 'reports/start' | 'reports/status' | 'reports/cancel' | 'reports/show-in-folder'> {
  return {
    'reports/start': (request) => reports.start(request),
    'reports/status': () => reports.status(),
    'reports/cancel': ({ jobId }) => ({ cancelled: reports.cancel(jobId) }),
    'reports/show-in-folder': ({ jobId }) => {
      // Only a file this session saved: the window can never name a path to reveal.
      const file = reports.savedFile(jobId);
      if (!file)
        throw reports.status().some((j) => j.id === jobId)
          ? new UserFacingError('FAILED', 'That report was not saved, so there is no file to show.')
          : notFound('That report');
      showItemInFolder(file);
      return { shown: true };
    },
  };
}
