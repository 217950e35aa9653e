import { basisOf, talkShareOf, type CallConversation, type ConversationBasis, type PersonConversation } from '../../shared/conversation';
import type { SpeakerRole, Utterance } from '../../shared/transcripts';
import type { ActivityQuery } from './activity-totals';
import { readSpans, dayParams, summedPerPerson } from './activity-days';
import type { Db } from './db';
import { CONVERSATION_DAYS } from './day-totals';
import { prepared } from './statements';

/** What the figures read of a turn. */
export type ConversationTurn = Pick<Utterance, 'role' | 'text' | 'startMs' | 'endMs'>;

type Side = 'ours' | 'contact';
/** Unknown speakers belong to neither side (see CONVERSATION_METHOD). */
const SIDE_OF: Record<SpeakerRole, Side | null> = { recruiter: 'ours', agent: 'ours', contact: 'contact', unknown: null };

const isTimed = (u: ConversationTurn): boolean => u.startMs !== null && u.endMs !== null && u.endMs >= u.startMs;
const wordsIn = (text: string): number => text.split(/\s+/).filter(Boolean).length;
/** A question mark at the end, after any spaces and closing quotes. */
const QUESTION = /\?["'\u2019\u201D\u00BB\u203A\s]*$/u;

/**
 * One call's figures from its turns in order, or null when no turn is
 * attributed to a side (nothing can be said about who talked). The call is
 * timed when every attributed turn has a start and an end; one turn without
 * them puts the whole call on words, so its amounts share one unit.
 *
 * A run is a stretch of consecutive turns of one side; a turn of the other
 * side or of an unknown speaker ends it. Timed, a run lasts from its first
 * turn's start to its last turn's end (pauses between its turns included);
 * on words, it is its turns' words added up.
 */
export function conversationOf(turns: readonly ConversationTurn[]): CallConversation | null {
  let sided = 0;
  let timed = true;
  for (const u of turns) {
    if (SIDE_OF[u.role] === null) continue;
    sided += 1;
    if (!isTimed(u)) timed = false;
  }
  if (sided === 0) return null;

  const amounts = { ours: 0, contact: 0 };
  const longest: Record<Side, number | null> = { ours: null, contact: null };
  let questionsAsked = 0;
  // The run being read: whose, when it started (timed) and how long it is so far.
  let runSide: Side | null = null;
  let runStartMs = 0;
  let runLength = 0;
  for (const u of turns) {
    const side = SIDE_OF[u.role];
    if (side !== runSide) runSide = null;
    if (side === null) continue;
    const amount = timed ? (u.endMs as number) - (u.startMs as number) : wordsIn(u.text);
    amounts[side] += amount;
    if (side === 'ours' && QUESTION.test(u.text)) questionsAsked += 1;
    if (runSide === null) {
      runSide = side;
      runStartMs = u.startMs ?? 0;
      runLength = 0;
    }
    runLength = timed ? Math.max(0, (u.endMs as number) - runStartMs) : runLength + amount;
    longest[side] = Math.max(longest[side] ?? 0, runLength);
  }

  const totalAmount = amounts.ours + amounts.contact;
  return {
    basis: timed ? 'timed' : 'words',
    ourAmount: amounts.ours,
    totalAmount,
    talkShare: totalAmount > 0 ? amounts.ours / totalAmount : null,
    longestMonologue: longest.ours,
    questionsAsked,
    contactLongestAnswer: longest.contact,
    unknownTurns: turns.length - sided,
  };
}

/**
 * A call's figures with the call's facts the per-person sums filter and group
 * by, copied from `calls` (and kept current by the trigger of migration 9), so
 * those sums read this small table alone.
 */
const INSERT = `INSERT INTO call_conversation
  (call_id, basis, our_amount, total_amount, longest_monologue, questions_asked, contact_longest_answer, unknown_turns,
   connection_id, user_id, started_at_ms, is_test, is_deleted)
  SELECT id, @basis, @ourAmount, @totalAmount, @longestMonologue, @questionsAsked, @contactLongestAnswer, @unknownTurns,
    connection_id, user_id, started_at_ms, is_test, (deleted_at_ms IS NOT NULL OR gone_at_ms IS NOT NULL)
  FROM calls WHERE id = @callId`;

const insertParams = (callId: number, c: CallConversation) => ({
  callId,
  basis: c.basis,
  ourAmount: c.ourAmount,
  totalAmount: c.totalAmount,
  longestMonologue: c.longestMonologue,
  questionsAsked: c.questionsAsked,
  contactLongestAnswer: c.contactLongestAnswer,
  unknownTurns: c.unknownTurns,
});

/**
 * Replaces a call's figures with those of its (new) turns: called wherever a
 * transcript's utterances are written, in the same transaction. A call whose
 * turns give no figures keeps no row.
 */
export function saveConversation(db: Db, callId: number, turns: readonly ConversationTurn[]): void {
  prepared(db, `DELETE FROM call_conversation WHERE call_id = ?`).run(callId);
  const c = conversationOf(turns);
  if (!c) return;
  prepared(db, INSERT).run(insertParams(callId, c));
}

/** How many transcripts the backfill reads at a time: one statement's rows held in memory, not the whole table's. */
const BACKFILL_CHUNK = 5_000;

/**
 * Works out the figures of every stored transcript again (the migration that
 * added them; a later one that changes a definition calls it too). Reads the
 * utterances in primary-key order a chunk of calls at a time, as better-sqlite3
 * cannot write while a statement is still being read. Returns the rows written.
 */
export function recomputeConversations(db: Db): number {
  db.exec(`DELETE FROM call_conversation`);
  const nextIds = db.prepare<[number, number], number>(`SELECT call_id FROM transcripts WHERE call_id > ? ORDER BY call_id LIMIT ?`).pluck();
  const turnsOf = db
    .prepare<[number, number], [number, SpeakerRole, string, number | null, number | null]>(
      `SELECT call_id, role, text, start_ms, end_ms FROM utterances WHERE call_id BETWEEN ? AND ? ORDER BY call_id, position`,
    )
    .raw();
  const insert = db.prepare(INSERT);
  let written = 0;
  for (let after = 0; ;) {
    const ids = nextIds.all(after, BACKFILL_CHUNK);
    const last = ids.at(-1);
    if (last === undefined) return written;
    let callId: number | null = null;
    let turns: ConversationTurn[] = [];
    const flush = () => {
      const c = callId === null ? null : conversationOf(turns);
      if (!c) return;
      insert.run(insertParams(callId as number, c));
      written += 1;
    };
    for (const [id, role, text, startMs, endMs] of turnsOf.all(ids[0] as number, last)) {
      if (id !== callId) {
        flush();
        callId = id;
        turns = [];
      }
      turns.push({ role, text, startMs, endMs });
    }
    flush();
    after = last;
  }
}

interface ConversationRow {
  basis: ConversationBasis;
  our_amount: number;
  total_amount: number;
  longest_monologue: number | null;
  questions_asked: number;
  contact_longest_answer: number | null;
  unknown_turns: number;
}

/** A call's stored figures, or null when it has none (no transcript, or none of its turns has a side). */
export function getConversation(db: Db, callId: number): CallConversation | null {
  const row = prepared<[number], ConversationRow>(
    db,
    `SELECT basis, our_amount, total_amount, longest_monologue, questions_asked, contact_longest_answer, unknown_turns
     FROM call_conversation WHERE call_id = ?`,
  ).get(callId);
  if (!row) return null;
  return {
    basis: row.basis,
    ourAmount: row.our_amount,
    totalAmount: row.total_amount,
    talkShare: row.total_amount > 0 ? row.our_amount / row.total_amount : null,
    longestMonologue: row.longest_monologue,
    questionsAsked: row.questions_asked,
    contactLongestAnswer: row.contact_longest_answer,
    unknownTurns: row.unknown_turns,
  };
}

/**
 * Per person over the calls started in the range: the conversation day totals
 * and the calls not summed there yet (store/activity-days.ts).
 */
export const CONVERSATION_BY_PERSON_SQL = `WITH ${readSpans(CONVERSATION_DAYS)}
  SELECT u.connection_id AS connectionId, u.user_id AS userId, sum(u.calls) AS calls,
    sum(u.timed_calls) AS timedCalls, sum(u.word_calls) AS wordCalls, sum(u.our_ms) AS ourMs, sum(u.total_ms) AS totalMs,
    sum(u.our_words) AS ourWords, sum(u.total_words) AS totalWords,
    max(u.longest_monologue_ms) AS longestMonologueMs, max(u.longest_monologue_words) AS longestMonologueWords,
    sum(u.questions_asked) AS questionsAsked,
    max(u.contact_longest_answer_ms) AS contactLongestAnswerMs, max(u.contact_longest_answer_words) AS contactLongestAnswerWords
  FROM (${summedPerPerson(CONVERSATION_DAYS, 'conversation_days_by_person')}) u
  GROUP BY u.connection_id, u.user_id
  ORDER BY u.connection_id, u.user_id`;

type PersonRow = Omit<PersonConversation, 'basis' | 'talkShare'>;

/**
 * Each recruiter's or agent's conversation figures over their calls started in
 * [fromMs, toMs) that have figures, one row per (connectionId, userId), in that
 * order. Test calls are left out, and with `excludeDeleted` calls the vendor
 * has deleted, as the activity totals do.
 */
export function conversationByPerson(db: Db, query: Pick<ActivityQuery, 'fromMs' | 'toMs' | 'connectionId' | 'excludeDeleted'>): PersonConversation[] {
  const params = dayParams(query.fromMs, query.toMs, query.connectionId, query.excludeDeleted);
  return prepared<[typeof params], PersonRow>(db, CONVERSATION_BY_PERSON_SQL)
    .all(params)
    .map((row) => ({ ...row, basis: basisOf(row.timedCalls, row.wordCalls), talkShare: talkShareOf(row) }));
}
