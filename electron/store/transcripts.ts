import type { SpeakerRole, Transcript, TranscriptFields, TranscriptStatus, Utterance } from '../../shared/transcripts';
import { saveConversation } from './conversation';
import type { Db } from './db';
import { prepared, upsertSql } from './statements';
import { refreshTrackerHits } from './tracker-hits';

const UPSERT_TRANSCRIPT = upsertSql({
  table: 'transcripts',
  columns: ['call_id', 'status', 'language_code', 'confidence', 'duration_seconds', 'error', 'full_text', 'raw_json'],
  conflictColumns: ['call_id'],
  changedAtColumn: 'fetched_at_ms',
});

/** The text search and "copy transcript" read: one "speaker: text" line per turn. */
export function transcriptText(utterances: readonly Utterance[]): string | null {
  return utterances.length ? utterances.map((u) => `${u.speaker}: ${u.text}`).join('\n') : null;
}

/**
 * Stores a call's transcript and its utterances. When nothing changed since the
 * last fetch the rows are left alone; otherwise the utterances are replaced whole,
 * and the call's conversation figures and tracker hits worked out again.
 */
export function saveTranscript(db: Db, callId: number, transcript: TranscriptFields, nowMs = Date.now()): boolean {
  return db.transaction(() => {
    const { changes } = prepared(db, UPSERT_TRANSCRIPT).run({
      call_id: callId,
      status: transcript.status,
      language_code: transcript.languageCode,
      confidence: transcript.confidence,
      duration_seconds: transcript.durationSeconds,
      error: transcript.error,
      full_text: transcriptText(transcript.utterances),
      raw_json: JSON.stringify(transcript.raw ?? null),
      fetched_at_ms: nowMs,
    });
    if (changes === 0) return false;
    prepared(db, `DELETE FROM utterances WHERE call_id = ?`).run(callId);
    const insert = prepared(
      db,
      `INSERT INTO utterances (call_id, position, speaker, role, text, start_ms, end_ms, confidence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    transcript.utterances.forEach((u, position) => insert.run(callId, position, u.speaker, u.role, u.text, u.startMs, u.endMs, u.confidence));
    // In the same transaction, so a call's tracker hits never lag its transcript (the sync's worker runs this too).
    refreshTrackerHits(db, { callIds: [callId] });
    // The figures follow the turns they come from, in the same transaction.
    saveConversation(db, callId, transcript.utterances);
    return true;
  })();
}

/** Drops a call's transcript (a purge at the vendor): the text leaves the search index too. */
export function deleteTranscript(db: Db, callId: number): boolean {
  return prepared(db, `DELETE FROM transcripts WHERE call_id = ?`).run(callId).changes > 0;
}

interface TranscriptRow {
  call_id: number;
  status: TranscriptStatus;
  language_code: string | null;
  confidence: number | null;
  duration_seconds: number | null;
  error: string | null;
  fetched_at_ms: number;
}

interface UtteranceRow {
  speaker: string;
  role: SpeakerRole;
  text: string;
  start_ms: number | null;
  end_ms: number | null;
  confidence: number | null;
}

export function getTranscript(db: Db, callId: number): Transcript | null {
  const row = prepared<[number], TranscriptRow>(
    db,
    `SELECT call_id, status, language_code, confidence, duration_seconds, error, fetched_at_ms
     FROM transcripts WHERE call_id = ?`,
  ).get(callId);
  if (!row) return null;
  const utterances = prepared<[number], UtteranceRow>(
    db,
    `SELECT speaker, role, text, start_ms, end_ms, confidence FROM utterances WHERE call_id = ? ORDER BY position`,
  )
    .all(callId)
    .map((u) => ({
      speaker: u.speaker,
      role: u.role,
      text: u.text,
      startMs: u.start_ms,
      endMs: u.end_ms,
      confidence: u.confidence,
    }));
  return {
    callId: row.call_id,
    status: row.status,
    languageCode: row.language_code,
    confidence: row.confidence,
    durationSeconds: row.duration_seconds,
    error: row.error,
    fetchedAtMs: row.fetched_at_ms,
    utterances,
  };
}

export interface PendingTranscript {
  id: number;
  vendor_call_id: string;
  user_id: string | null;
  /** The `messageId` of the stored list record, when it has one as text or a number (TalentLynk keys transcripts by it). */
  message_id: string | null;
}

/** Calls that should have a transcript but have none yet, or one the vendor was still processing. */
const PENDING = `FROM calls c LEFT JOIN transcripts t ON t.call_id = c.id
     WHERE c.connection_id = ? AND c.has_transcript = 1 AND c.is_purged = 0
       AND (t.call_id IS NULL OR t.status = 'processing')`;

/**
 * Calls that should have a transcript but have none yet, or one the vendor was
 * still processing, newest first: a recruiter looks at recent calls first, and
 * a backlog cut short (cancelled, or paused for the rate limit) has the newest
 * done. A completed transcript is never asked for again: vendors forget them (Talknex keeps 90
 * days) and the local copy may be the only one. The message id is read from
 * the raw record of these rows only (one JSON parse each), not of every call.
 */
export function pendingTranscripts(db: Db, connectionId: number): PendingTranscript[] {
  return prepared<[number], PendingTranscript>(
    db,
    `SELECT c.id, c.vendor_call_id, c.user_id,
            CASE WHEN json_type(c.raw_json, '$.messageId') IN ('text', 'integer')
                 THEN CAST(json_extract(c.raw_json, '$.messageId') AS TEXT) END AS message_id
     ${PENDING}
     ORDER BY c.started_at_ms DESC, c.id DESC`,
  ).all(connectionId);
}

/** The vendor says no transcript will come: stop asking for one, and drop a "still processing" placeholder. */
export function markNoTranscript(db: Db, callId: number): void {
  prepared(db, `UPDATE calls SET has_transcript = 0 WHERE id = ?`).run(callId);
  prepared(db, `DELETE FROM transcripts WHERE call_id = ? AND status = 'processing'`).run(callId);
}

/** How many transcripts `pendingTranscripts` would ask for: the backlog the Sync screen and CLI estimate. */
export function countPendingTranscripts(db: Db, connectionId: number): number {
  return prepared<[number], { n: number }>(db, `SELECT count(*) AS n ${PENDING}`).get(connectionId)?.n ?? 0;
}
