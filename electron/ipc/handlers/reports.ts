import type { Handlers } from '../dispatch';
import type { HandlerDeps } from '../handler-deps';
import { notFound, UserFacingError } from '../errors';

export function reportHandlers({ reports, showItemInFolder }: HandlerDeps): Pick<Handlers, 'reports/start' | 'reports/status' | 'reports/cancel' | 'reports/show-in-folder'> {
  return {
    'reports/start': (request) => reports.start(request),
    'reports/status': () => reports.status(),
    'reports/cancel': ({ jobId }) => ({ cancelled: reports.cancel(jobId) }),
    'reports/show-in-folder': ({ jobId }) => {
      // Only a file this session saved: the window can never name a path to reveal.
      const file = reports.savedFile(jobId);
      if (!file) throw reports.status().some((j) => j.id === jobId) ? new UserFacingError('FAILED', 'That report was not saved, so there is no file to show.') : notFound('That report');
      showItemInFolder(file);
      return { shown: true };
    },
  };
}
