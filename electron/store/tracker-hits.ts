import type { Db } from './db';
import { refreshActivityDays, refreshActivityDaysSteps } from './day-totals';
import { prepared } from './statements';

/**
 * Which calls hit which tracker, and on which side (ARCHITECTURE.md, "Trackers").
 *
 * Candidates come from the search index: a tracker's phrases as one FTS5 query
 * on the transcript column, each phrase a quoted string, so the tokenizer reads
 * it as it reads the calls (case, accents and punctuation folded: "O'Brien" is
 * the phrase "o brien", "c++" the word "c") and no text can be an operator
 * (NEAR, AND, a star, a bracket are only words inside quotes).
 *
 * The side is decided per turn, by the same tokenizer: the candidates' turns
 * are put in a temporary contentless FTS5 table (one row per utterance, its
 * rowid carrying the call, the turn's position and whether the contact spoke),
 * and the same phrases are matched there. So "matches" means the same thing
 * to the search box, the candidates and the sides, and a phrase never spans
 * two speakers' turns. Turns whose speaker the vendor did not say (role
 * 'unknown') are neither side and hit nothing.
 */

/** As `calls_fts` (migrations 3 and 6): a tracker matches what search matches. */
const TOKENIZE = 'unicode61 remove_diacritics 2';
/** Calls per transaction when a whole tracker is worked out: a sync writing beside it waits for one chunk at most. */
export const HIT_CHUNK = 500;
/** Turn positions are packed in 20 bits of the temporary rowid. */
const MAX_POSITION = 1 << 20;
const LAST_ID = Number.MAX_SAFE_INTEGER;

interface TrackerPhrases {
  id: number;
  phrases: string[];
}

const quote = (phrase: string) => `"${phrase.replace(/"/g, '""')}"`;

/** A tracker's phrases as one FTS5 query: any of them, each as an exact phrase. */
export const phrasesQuery = (phrases: readonly string[]): string => phrases.map(quote).join(' OR ');

/** The same, on the transcript column of calls_fts only: names and summaries are not what was said. */
const transcriptQuery = (phrases: readonly string[]): string => `{transcript} : (${phrasesQuery(phrases)})`;

function ensureTurnsTable(db: Db): void {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.tracker_turns USING fts5(text, content = '', tokenize = '${TOKENIZE}')`);
}

const LOAD_TURNS = `INSERT INTO temp.tracker_turns (rowid, text)
  SELECT (call_id << 21) | (position << 1) | (role = 'contact'), text FROM utterances
  WHERE call_id IN (SELECT value FROM json_each(?)) AND role IN ('recruiter', 'agent', 'contact') AND position < ${MAX_POSITION}`;
const CLEAR_TURNS = `INSERT INTO temp.tracker_turns (tracker_turns) VALUES ('delete-all')`;
const INSERT_HITS = `INSERT OR IGNORE INTO call_tracker_hits (call_id, tracker_id, side, started_at_ms)
  SELECT h.call_id, @trackerId, h.side, c.started_at_ms
  FROM (SELECT DISTINCT rowid >> 21 AS call_id, CASE rowid & 1 WHEN 1 THEN 'contact' ELSE 'ours' END AS side
        FROM temp.tracker_turns WHERE tracker_turns MATCH @match) AS h
  JOIN calls c ON c.id = h.call_id`;

function trackersToMatch(db: Db, trackerId: number | undefined): TrackerPhrases[] {
  const rows = prepared<[{ trackerId: number | null }], { id: number; phrases_json: string }>(
    db,
    `SELECT id, phrases_json FROM trackers WHERE @trackerId IS NULL OR id = @trackerId`,
  ).all({ trackerId: trackerId ?? null });
  return rows.map((r) => ({ id: r.id, phrases: JSON.parse(r.phrases_json) as string[] }));
}

/** Matches the trackers in the turns of `callIds`, already cleared of their old hits. */
function insertHits(db: Db, callIds: readonly number[], trackers: readonly TrackerPhrases[]): void {
  if (callIds.length === 0 || trackers.length === 0) return;
  ensureTurnsTable(db);
  prepared(db, LOAD_TURNS).run(JSON.stringify(callIds));
  try {
    for (const tracker of trackers) prepared(db, INSERT_HITS).run({ trackerId: tracker.id, match: phrasesQuery(tracker.phrases) });
  } finally {
    prepared(db, CLEAR_TURNS).run();
  }
}

/** Works out the hits of these calls again (all trackers, or one). Runs inside the caller's transaction when there is one. */
function refreshCalls(db: Db, callIds: readonly number[], trackerId: number | undefined): void {
  const trackers = trackersToMatch(db, trackerId);
  db.transaction(() => {
    for (let at = 0; at < callIds.length; at += HIT_CHUNK) {
      const chunk = callIds.slice(at, at + HIT_CHUNK);
      prepared(
        db,
        `DELETE FROM call_tracker_hits WHERE call_id IN (SELECT value FROM json_each(@ids)) AND (@trackerId IS NULL OR tracker_id = @trackerId)`,
      ).run({ ids: JSON.stringify(chunk), trackerId: trackerId ?? null });
      insertHits(db, chunk, trackers);
    }
  })();
}

/**
 * One tracker over every call, a chunk of candidate calls per transaction:
 * each replaces the tracker's hits between the last chunk's end and its own,
 * with the phrases stored at that moment (a save of the same tracker meanwhile
 * is not undone by the older one going on). A transcript the sync saves meanwhile is
 * matched by the sync itself (saveTranscript), before or after its chunk, so
 * nothing is lost or counted twice; readers see the old hits of calls not yet
 * reached. Yields after each chunk, so the caller may let other work run.
 */
function* trackerChunks(db: Db, trackerId: number): Generator<void, void, void> {
  const candidates = prepared<[string, number, number], number>(
    db,
    // CAST: FTS5 ignores a rowid bound that is not an INTEGER, and JavaScript numbers bind as REAL.
    `SELECT rowid FROM calls_fts WHERE calls_fts MATCH ? AND rowid > CAST(? AS INTEGER) ORDER BY rowid LIMIT ?`,
  ).pluck();
  const clear = prepared(db, `DELETE FROM call_tracker_hits WHERE tracker_id = ? AND call_id > CAST(? AS INTEGER) AND call_id <= CAST(? AS INTEGER)`);
  let after = 0;
  while (after < LAST_ID) {
    const chunk = db.transaction((): number => {
      const [tracker] = trackersToMatch(db, trackerId);
      if (!tracker) return LAST_ID; // Removed meanwhile: its hits went with it.
      const ids = candidates.all(transcriptQuery(tracker.phrases), after, HIT_CHUNK);
      const upTo = ids.length < HIT_CHUNK ? LAST_ID : (ids.at(-1) as number);
      clear.run(tracker.id, after, upTo);
      insertHits(db, ids, [tracker]);
      return upTo;
    });
    after = db.inTransaction ? chunk() : chunk.immediate();
    yield;
  }
}

export interface HitScope {
  trackerId?: number;
  callIds?: readonly number[];
}

/**
 * Brings `call_tracker_hits` up to date: for `callIds` (a new or changed
 * transcript: called by saveTranscript in its own transaction), for one
 * tracker over every call (`trackerId`: saving a tracker), both, or every
 * tracker over every call (neither).
 */
export function refreshTrackerHits(db: Db, scope: HitScope = {}): void {
  if (scope.callIds) return refreshCalls(db, scope.callIds, scope.trackerId);
  for (const { id } of trackersToMatch(db, scope.trackerId)) {
    const chunks = trackerChunks(db, id);
    while (!chunks.next().done);
  }
  // The days whose hits changed, into the day totals Activity reads.
  refreshActivityDays(db);
}

/**
 * The same, letting the event loop run between chunks: the window's other
 * requests are answered while a tracker is worked out over a million calls
 * on main (a chunk holds it for tens of milliseconds; see bench/trackers.ts).
 */
export async function refreshTrackerHitsInSteps(db: Db, scope: HitScope = {}): Promise<void> {
  if (scope.callIds) return refreshCalls(db, scope.callIds, scope.trackerId);
  for (const { id } of trackersToMatch(db, scope.trackerId)) {
    const chunks = trackerChunks(db, id);
    while (!chunks.next().done) await nextTurn();
  }
  const dirtyDays = refreshActivityDaysSteps(db);
  while (!dirtyDays.next().done) await nextTurn();
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Works out one tracker's hits over every call: a read of the search index and
 * every hit call's turns, seconds on a million calls, so the app runs it in the
 * core's worker (worker/host.ts) and main only waits for the answer.
 */
export interface TrackerHitsRunner {
  refresh(trackerId: number): Promise<void>;
}

/** The same work on this thread, in chunks that let other work run between them (the CLI, tests without the worker). */
export const inProcessTrackerHits = (db: Db): TrackerHitsRunner => ({ refresh: (trackerId) => refreshTrackerHitsInSteps(db, { trackerId }) });
