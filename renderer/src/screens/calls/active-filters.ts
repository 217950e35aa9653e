import { DIRECTION_WORDS, STATUS_WORDS } from '../../../../shared/call-words';
import type { CallFilters } from '../../../../shared/calls';
import { VENDOR_NAMES } from '../../../../shared/vendors';
import { CALL_RANGE_PRESETS, matchingPreset } from '../../components/range/range';
import { formatDay } from '../../lib/format';
import { dayRangeOf } from './date-filter';

/** One filter the user has set, as a chip says it, and the filters without it. */
export interface ActiveFilter {
  id: string;
  label: string;
  /** The chip's × button, for a screen reader: "Remove the direction filter". */
  removeLabel: string;
  without: CallFilters;
  /** For the drill-down chips the Activity screen's tests and users look for. */
  testId?: string;
}

/** The names a chip shows instead of ids, looked up by the screen. */
export interface FilterNames {
  timeZone: string;
  connection(id: number): string;
  user(id: string): string;
  tracker(id: number): string;
}

const omit = (filters: CallFilters, ...keys: (keyof CallFilters)[]): CallFilters =>
  Object.fromEntries(Object.entries(filters).filter(([key]) => !keys.includes(key as keyof CallFilters))) as CallFilters;

function dateLabel(filters: CallFilters, timeZone: string): string {
  const range = dayRangeOf(filters, timeZone);
  const preset = matchingPreset(range, timeZone, CALL_RANGE_PRESETS);
  const chosen = CALL_RANGE_PRESETS.find((p) => p.id === preset);
  if (chosen) return chosen.label;
  if (range.fromDay && range.toDay) return range.fromDay === range.toDay ? formatDay(range.fromDay) : `${formatDay(range.fromDay)} – ${formatDay(range.toDay)}`;
  return range.fromDay ? `From ${formatDay(range.fromDay)}` : `Until ${formatDay(range.toDay)}`;
}

/**
 * The filters that differ from "any", one entry per choice the user made (a
 * date range is one, however many ends it has): what "Filters (n)" counts and
 * the chips show, so the two always agree.
 */
export function activeFilters(filters: CallFilters, names: FilterNames): ActiveFilter[] {
  const f = filters;
  const found: ActiveFilter[] = [];
  const add = (id: string, label: string, what: string, ...keys: (keyof CallFilters)[]) =>
    found.push({ id, label, removeLabel: `Remove the ${what} filter`, without: omit(f, ...keys) });

  if (f.people) {
    const people = f.people.map((p) => `${p.userId === null ? 'calls naming nobody' : names.user(p.userId)} (${names.connection(p.connectionId)})`).join(', ');
    found.push({
      id: 'people',
      label: `${f.people.length === 1 ? 'Only ' : `Only these ${f.people.length}: `}${people}`,
      removeLabel: 'Remove the people filter',
      without: omit(f, 'people'),
      testId: 'people-filter',
    });
  }
  if (f.handlerKinds) {
    const kinds = f.handlerKinds.map((k) => (k === 'ai_agent' ? 'AI agents' : 'recruiters')).join(' and ');
    found.push({
      id: 'handlerKinds',
      label: `Only ${kinds}`,
      removeLabel: 'Remove the recruiters or AI agents filter',
      without: omit(f, 'handlerKinds'),
      testId: 'handler-filter',
    });
  }
  if (f.fromMs !== undefined || f.toMs !== undefined) add('date', dateLabel(f, names.timeZone), 'date', 'fromMs', 'toMs');
  if (f.connectionIds?.length) add('connectionIds', f.connectionIds.map(names.connection).join(', '), 'connection', 'connectionIds');
  if (f.vendors?.length) add('vendors', f.vendors.map((v) => VENDOR_NAMES[v]).join(', '), 'platform', 'vendors');
  if (f.directions?.length) add('directions', f.directions.map((d) => DIRECTION_WORDS[d]).join(', '), 'direction', 'directions');
  if (f.statuses?.length) add('statuses', f.statuses.map((s) => STATUS_WORDS[s]).join(', '), 'outcome', 'statuses');
  if (f.userIds?.length) add('userIds', f.userIds.map(names.user).join(', '), 'recruiter or agent', 'userIds');
  if (f.contactTypes?.length) add('contactTypes', f.contactTypes.join(', '), 'contact type', 'contactTypes');
  if (f.hasTranscript !== undefined) add('hasTranscript', f.hasTranscript ? 'With transcript' : 'Without transcript', 'transcript', 'hasTranscript');
  if (f.processed !== undefined) add('processed', f.processed ? 'Marked processed' : 'Not processed', 'processed', 'processed');
  // The side only means something with a tracker, so removing the tracker removes it too.
  if (f.trackerIds?.length) add('trackerIds', `Tracker: ${f.trackerIds.map(names.tracker).join(', ')}`, 'tracker', 'trackerIds', 'trackerSide');
  if (f.trackerSide) add('trackerSide', f.trackerSide === 'ours' ? 'Said by our side' : 'Said by the contact', 'said by', 'trackerSide');
  if (f.minTalkSeconds !== undefined) add('minTalkSeconds', `Talk time ≥ ${f.minTalkSeconds / 60} min`, 'talk time', 'minTalkSeconds');
  if (f.includeDeleted) add('includeDeleted', 'Including deleted', 'include deleted', 'includeDeleted');
  if (f.includeTestCalls) add('includeTestCalls', 'Including test calls', 'include test calls', 'includeTestCalls');
  return found;
}
