import type { Db } from '../../store/db';
import {
  TrackerInputError,
  TrackerNotFoundError,
  inProcessTrackerHits,
  listTrackers,
  removeTracker,
  saveTrackerWith,
  type TrackerHitsRunner,
} from '../../store/trackers';
import type { Handlers } from '../dispatch';
import { InvalidFieldError, notFound } from '../errors';

/** The Settings screen's trackers. A save answers once the tracker's hits are worked out, so the Calls filter is right at once. */
export interface TrackerHandlerDeps {
  db: Db;
  /** Works out a saved tracker's hits (in the core's worker in the app); on this thread when absent. */
  trackerHits?: TrackerHitsRunner;
}

export function trackerHandlers(deps: TrackerHandlerDeps): Pick<Handlers, 'trackers/list' | 'trackers/save' | 'trackers/remove'> {
  const { db } = deps;
  const hits = deps.trackerHits ?? inProcessTrackerHits(db);
  return {
    'trackers/list': () => listTrackers(db),
    'trackers/save': async (request) => {
      try {
        return await saveTrackerWith(db, request, hits);
      } catch (error) {
        if (error instanceof TrackerInputError) throw new InvalidFieldError(error.field, error.message);
        if (error instanceof TrackerNotFoundError) throw notFound('That tracker');
        throw error;
      }
    },
    'trackers/remove': ({ id }) => {
      if (!removeTracker(db, id)) throw notFound('That tracker');
      return { removed: true };
    },
  };
}
