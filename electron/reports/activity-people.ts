import type { ActivityTotals } from '../../shared/activity';
import { activityTotals, type ActivityQuery } from '../store/activity-totals';
import { conversationByPerson } from '../store/conversation';
import type { Db } from '../store/db';
import { trackerCountsByPerson } from '../store/tracker-counts';

/** A person as their calls name them: the key conversation figures and tracker counts are kept under. */
const callsKey = (connectionId: number, callsUserId: string | null): string => `${connectionId}|${callsUserId ?? ''}`;

/**
 * Each person's figures over the range, with what their stored transcripts add:
 * the conversation figures and, per tracker, how many of their calls hit it.
 * One function for the Activity screen and the activity workbook, so both show
 * the same numbers. Joined on the id the person's calls carry (`callsUserId`):
 * TalentLynk's activity rows name a user by id, its calls by email.
 */
export function activityPeople(db: Db, query: ActivityQuery): ActivityTotals[] {
  const rows = activityTotals(db, query, false);
  const conversations = new Map(conversationByPerson(db, query).map((c) => [callsKey(c.connectionId, c.userId), c]));
  const trackers = new Map<string, Record<number, number>>();
  for (const hit of trackerCountsByPerson(db, query)) {
    const key = callsKey(hit.connectionId, hit.userId);
    const counts = trackers.get(key) ?? {};
    counts[hit.trackerId] = hit.calls;
    trackers.set(key, counts);
  }
  return rows.map((row) => {
    const key = callsKey(row.connectionId, row.callsUserId);
    return { ...row, conversation: conversations.get(key) ?? null, trackerCalls: trackers.get(key) ?? {} };
  });
}
