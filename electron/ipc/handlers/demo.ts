import { getDemoRecord } from '../../store/app-settings';
import type { Handlers } from '../dispatch';
import type { DemoService } from '../../demo/demo';
import type { Db } from '../../store/db';
import { UserFacingError } from '../errors';

export interface DemoHandlerDeps {
  db: Db;
  /** The demo's simulator and connections (createCore always gives it); without one, demo/start and demo/remove say it is not available. */
  demo?: DemoService;
}

export function demoHandlers({ db, demo }: DemoHandlerDeps): Pick<Handlers, 'demo/start' | 'demo/status' | 'demo/remove'> {
  const available = () =>
    demo ??
    (() => {
      throw new UserFacingError('FAILED', 'Demo data is not available in this build.');
    })();
  return {
    'demo/start': async () => ({ connectionIds: await available().start() }),
    'demo/status': () => ({ connectionIds: getDemoRecord(db)?.connectionIds ?? [] }),
    'demo/remove': async () => ({ removed: await available().remove() }),
  };
}
