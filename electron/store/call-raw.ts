import type { Db } from './db';
import { prepared } from './statements';

/**
 * The vendor's own JSON of a stored call, as the list read it, or null for no
 * such call. Parsed on demand: only a call's detail needs what our columns
 * leave out (HighLevel's extracted fields).
 */
export function getCallRaw(db: Db, callId: number): unknown {
  const json = prepared<[number], string>(db, `SELECT raw_json FROM calls WHERE id = ?`).pluck().get(callId);
  return json === undefined ? null : (JSON.parse(json) as unknown);
}
