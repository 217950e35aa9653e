import { DateTime } from 'luxon';
import type { DayRange } from '../../shared/reports';
import type { ActivityQuery } from '../store/activity-totals';

/** The first instant of a day in a zone (midnight, or whenever a DST change makes the day start). */
export const startOfDayMs = (day: string, timeZone: string): number => DateTime.fromISO(day, { zone: timeZone }).startOf('day').toMillis();

/** [from, to) in ms for whole days in a zone: the last day is included. */
export function dayRangeMs(range: DayRange, timeZone: string): { fromMs: number; toMs: number } {
  return { fromMs: startOfDayMs(range.fromDay, timeZone), toMs: DateTime.fromISO(range.toDay, { zone: timeZone }).plus({ days: 1 }).startOf('day').toMillis() };
}

/** Today and the days before it in a zone: the default range of the activity screen and report. */
export function lastDays(days: number, timeZone: string, nowMs = Date.now()): DayRange {
  const today = DateTime.fromMillis(nowMs, { zone: timeZone });
  return { fromDay: today.minus({ days: days - 1 }).toISODate() ?? '', toDay: today.toISODate() ?? '' };
}

/** An activity query for whole days in the user's zone (daily vendor rows by their day, derived figures by instant). */
export function activityQuery(range: DayRange, timeZone: string, connectionId?: number, excludeDeleted = false): ActivityQuery {
  return { ...range, ...dayRangeMs(range, timeZone), ...(connectionId === undefined ? {} : { connectionId }), excludeDeleted };
}

/**
 * The period just before a range, of the same number of days: what a KPI's
 * change is measured against ("last 7 days" against the 7 days before them).
 */
export function previousDayRange(range: DayRange): DayRange {
  const from = DateTime.fromISO(range.fromDay, { zone: 'utc' });
  const days = DateTime.fromISO(range.toDay, { zone: 'utc' }).diff(from, 'days').days + 1;
  return { fromDay: from.minus({ days }).toISODate() ?? '', toDay: from.minus({ days: 1 }).toISODate() ?? '' };
}

/**
 * The period a change is measured against: the same number of days just
 * before (previousDayRange), as instants in the zone for the figures derived
 * from calls, exactly as the range itself is.
 */
export function previousPeriod(query: ActivityQuery, timeZone: string): ActivityQuery {
  const days = previousDayRange({ fromDay: query.fromDay, toDay: query.toDay });
  return { ...query, ...days, ...dayRangeMs(days, timeZone) };
}
