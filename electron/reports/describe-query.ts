import { DIRECTION_WORDS, STATUS_WORDS } from '../../shared/call-words';
import type { CallListQuery, CallSortColumn, HandlerKind } from '../../shared/calls';
import { VENDOR_NAMES } from '../../shared/vendors';
import type { Db } from '../store/db';
import { getConnection } from '../store/connections';
import { callFacets } from '../store/call-facets';
import { getTracker } from '../store/trackers';

const SORT_NAMES: Record<CallSortColumn, string> = {
  relevance: 'best match',
  startedAt: 'date',
  talkSeconds: 'talk time',
  contactName: 'contact',
  userName: 'recruiter or agent',
  status: 'outcome',
  direction: 'direction',
  connection: 'connection',
};

/** Plural, as a filter line reads: "Handled by: recruiters". */
const HANDLERS_WORDS: Record<HandlerKind, string> = { recruiter: 'recruiters', ai_agent: 'voice-AI agents' };

/** "Amira Torphy (Demo: TalentLynk), Nova – Inbound line 5 (Demo: HighLevel)": each by the name on their latest call, or the agent list's. */
function describePeople(db: Db, people: NonNullable<CallListQuery['filters']['people']>): string {
  const name = db
    .prepare<[number, string], string>(
      `SELECT coalesce((SELECT name FROM vendor_agents WHERE connection_id = ?1 AND agent_id = ?2),
       (SELECT user_name FROM calls WHERE connection_id = ?1 AND user_id = ?2 AND user_name IS NOT NULL ORDER BY started_at_ms DESC LIMIT 1))`,
    )
    .pluck();
  return people
    .map(
      (p) =>
        `${p.userId === null ? 'nobody named' : (name.get(p.connectionId, p.userId) ?? p.userId)} (${getConnection(db, p.connectionId)?.label ?? `#${p.connectionId}`})`,
    )
    .join(', ');
}

/**
 * The table's filters, search and order in plain words, for a report's first
 * sheet. Worked out here from the query itself, so the sheet says exactly what
 * selected the rows, whoever asked for them.
 */
export function describeCallQuery(db: Db, query: Pick<CallListQuery, 'filters' | 'search' | 'sort'>): string[] {
  const f = query.filters;
  const lines: string[] = [];
  if (query.search?.trim()) lines.push(`Search: ${query.search.trim()}`);
  if (f.connectionIds?.length) lines.push(`Connection: ${f.connectionIds.map((id) => getConnection(db, id)?.label ?? `#${id}`).join(', ')}`);
  if (f.vendors?.length) lines.push(`Platform: ${f.vendors.map((v) => VENDOR_NAMES[v]).join(', ')}`);
  if (f.directions?.length) lines.push(`Direction: ${f.directions.map((d) => DIRECTION_WORDS[d]).join(', ')}`);
  if (f.statuses?.length) lines.push(`Outcome: ${f.statuses.map((s) => STATUS_WORDS[s]).join(', ')}`);
  if (f.userIds?.length) {
    const names = new Map(callFacets(db).users.map((u) => [u.id, u.name]));
    lines.push(`Recruiter or agent: ${f.userIds.map((id) => names.get(id) ?? id).join(', ')}`);
  }
  if (f.people?.length) lines.push(`${f.people.length === 1 ? 'Person' : 'People'}: ${describePeople(db, f.people)}`);
  if (f.handlerKinds?.length) lines.push(`Handled by: ${f.handlerKinds.map((k) => HANDLERS_WORDS[k]).join(', ')}`);
  if (f.contactTypes?.length) lines.push(`Contact type: ${f.contactTypes.join(', ')}`);
  if (f.hasTranscript !== undefined) lines.push(f.hasTranscript ? 'Only calls with a transcript' : 'Only calls without a transcript');
  if (f.processed !== undefined) lines.push(f.processed ? 'Only calls marked processed at the vendor' : 'Only calls not marked processed at the vendor');
  if (f.trackerIds?.length) {
    const names = f.trackerIds.map((id) => getTracker(db, id)?.name ?? `#${id} (since removed)`).join(', ');
    const side = f.trackerSide === 'ours' ? ', said by our side (recruiter or agent)' : f.trackerSide === 'contact' ? ', said by the contact' : '';
    lines.push(`Tracker${f.trackerIds.length > 1 ? ' (any of)' : ''}: ${names}${side}`);
  }
  if (f.minTalkSeconds) lines.push(`Talk time at least ${f.minTalkSeconds} s`);
  if (f.includeDeleted) lines.push('Includes calls deleted at the vendor');
  if (f.includeTestCalls) lines.push('Includes test calls');
  lines.push(
    `Sorted by ${SORT_NAMES[query.sort.column]}${query.sort.column === 'relevance' ? '' : query.sort.direction === 'asc' ? ', ascending' : ', descending'}`,
  );
  return lines;
}
