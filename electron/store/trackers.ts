import { foldedText, tidyPhrases, trackerProblem, type Tracker, type TrackerProblem, type TrackerSaveRequest } from '../../shared/trackers';
import type { Db } from './db';
import { prepared } from './statements';
import { refreshTrackerHits, type TrackerHitsRunner } from './tracker-hits';

export { inProcessTrackerHits, refreshTrackerHits, refreshTrackerHitsInSteps, type TrackerHitsRunner } from './tracker-hits';
export { trackerCountsByPerson, trackerNamesByCall, trackersOfCall } from './tracker-counts';

interface TrackerRow {
  id: number;
  name: string;
  phrases_json: string;
  created_at_ms: number;
  updated_at_ms: number;
}

const rowToTracker = (row: TrackerRow): Tracker => ({
  id: row.id,
  name: row.name,
  phrases: JSON.parse(row.phrases_json) as string[],
  createdAtMs: row.created_at_ms,
  updatedAtMs: row.updated_at_ms,
});

/** A tracker that cannot be saved as entered; `field` says which part of the form is wrong. */
export class TrackerInputError extends Error {
  override name = 'TrackerInputError';
  readonly field: TrackerProblem['field'];
  constructor(problem: TrackerProblem) {
    super(problem.message);
    this.field = problem.field;
  }
}

export class TrackerNotFoundError extends Error {
  override name = 'TrackerNotFoundError';
  constructor() {
    super('That tracker was not found. It may have been removed.');
  }
}

/** Every tracker, by name. */
export function listTrackers(db: Db): Tracker[] {
  return prepared<[], TrackerRow>(db, `SELECT id, name, phrases_json, created_at_ms, updated_at_ms FROM trackers ORDER BY name COLLATE NOCASE, id`)
    .all()
    .map(rowToTracker);
}

export function getTracker(db: Db, id: number): Tracker | null {
  const row = prepared<[number], TrackerRow>(db, `SELECT id, name, phrases_json, created_at_ms, updated_at_ms FROM trackers WHERE id = ?`).get(id);
  return row ? rowToTracker(row) : null;
}

/**
 * Creates a tracker (no id) or changes one. Names are compared without case or
 * accents: "Pay" and "pay" would be one tracker to the person reading Activity.
 * `needsHits`: its phrases are new or changed, so its hits must be worked out.
 */
function writeTracker(db: Db, input: TrackerSaveRequest, nowMs: number): { id: number; needsHits: boolean } {
  const name = input.name.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const phrases = tidyPhrases(input.phrases);
  const problem = trackerProblem({ name, phrases });
  if (problem) throw new TrackerInputError(problem);
  return db
    .transaction(() => {
      const taken = listTrackers(db).find((t) => t.id !== input.id && foldedText(t.name) === foldedText(name));
      if (taken)
        throw new TrackerInputError({ field: 'name', message: `A tracker named "${taken.name}" already exists. Choose another name, or edit that one.` });
      if (input.id === undefined) {
        const { lastInsertRowid } = prepared(db, `INSERT INTO trackers (name, phrases_json, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?)`).run(
          name,
          JSON.stringify(phrases),
          nowMs,
          nowMs,
        );
        return { id: Number(lastInsertRowid), needsHits: true };
      }
      const before = getTracker(db, input.id);
      if (!before) throw new TrackerNotFoundError();
      prepared(db, `UPDATE trackers SET name = ?, phrases_json = ?, updated_at_ms = ? WHERE id = ?`).run(name, JSON.stringify(phrases), nowMs, input.id);
      // A new name alone changes no hit.
      return { id: input.id, needsHits: JSON.stringify(before.phrases) !== JSON.stringify(phrases) };
    })
    .immediate();
}

function savedTracker(db: Db, id: number): Tracker {
  const saved = getTracker(db, id);
  if (!saved) throw new TrackerNotFoundError();
  return saved;
}

/** Saves a tracker and works out its hits over every call before it returns (tests, the CLI, the bench). */
export function saveTracker(db: Db, input: TrackerSaveRequest, nowMs = Date.now()): Tracker {
  const { id, needsHits } = writeTracker(db, input, nowMs);
  if (needsHits) refreshTrackerHits(db, { trackerId: id });
  return savedTracker(db, id);
}

/** The same, with the hits worked out by `hits` (the app's: in the core's worker, so main stays free for the window). */
export async function saveTrackerWith(db: Db, input: TrackerSaveRequest, hits: TrackerHitsRunner, nowMs = Date.now()): Promise<Tracker> {
  const { id, needsHits } = writeTracker(db, input, nowMs);
  if (needsHits) await hits.refresh(id);
  return savedTracker(db, id);
}

/**
 * Removes a tracker; its hits go with it (ON DELETE CASCADE), and its day and
 * week totals here. Deleting the hits marks their days for summing again;
 * those marks are taken back, as nothing else in those days changed (one
 * transaction), so Activity stays fast without a refresh. False when there was
 * no such tracker.
 */
export function removeTracker(db: Db, id: number): boolean {
  return db.transaction(() => {
    const marked = `SELECT day FROM activity_days_dirty WHERE day_table = 'tracker_days'`;
    const dirtyBefore = JSON.stringify(prepared<[], number>(db, marked).pluck().all());
    if (prepared(db, `DELETE FROM trackers WHERE id = ?`).run(id).changes === 0) return false;
    prepared(db, `DELETE FROM tracker_days WHERE tracker_id = ?`).run(id);
    prepared(db, `DELETE FROM tracker_weeks WHERE tracker_id = ?`).run(id);
    prepared(db, `DELETE FROM activity_days_dirty WHERE day_table = 'tracker_days' AND day NOT IN (SELECT value FROM json_each(?))`).run(dirtyBefore);
    return true;
  })();
}
