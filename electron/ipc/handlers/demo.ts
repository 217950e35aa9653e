import { getDemoRecord } from '../../store/app-settings';
import type { Handlers } from '../dispatch';
import type { HandlerDeps } from '../handler-deps';
import { UserFacingError } from '../errors';

export function demoHandlers({ db, demo }: HandlerDeps): Pick<Handlers, 'demo/start' | 'demo/status' | 'demo/remove'> {
  const available = () => demo ?? (() => { throw new UserFacingError('FAILED', 'Demo data is not available in this build.'); })();
  return {
    'demo/start': async () => ({ connectionIds: await available().start() }),
    'demo/status': () => ({ connectionIds: getDemoRecord(db)?.connectionIds ?? [] }),
    'demo/remove': async () => ({ removed: await available().remove() }),
  };
}
