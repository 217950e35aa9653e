import type { CallFilters } from '../../../../shared/calls';
import { DAY_MS } from '../../../../shared/time';
import type { DayRange } from '../../components/range/range';
import { dayInZone, startOfDayInZone } from '../../lib/format';

/** The day after, for an inclusive "to" day turned into an exclusive bound. */
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * The calls list takes instants (`fromMs` inclusive, `toMs` exclusive); the
 * range picker shows days in the user's zone, either end possibly empty
 * (no bound). These two turn one into the other.
 */
export function dayRangeOf(filters: CallFilters, timeZone: string): DayRange {
  return {
    fromDay: filters.fromMs === undefined ? '' : dayInZone(filters.fromMs, timeZone),
    toDay: filters.toMs === undefined ? '' : dayInZone(filters.toMs - 1, timeZone),
  };
}

/** The filters with this range's days as bounds: a day's midnight to the midnight after the last day. */
export function withDayRange(filters: CallFilters, range: DayRange, timeZone: string): CallFilters {
  const { fromMs: _from, toMs: _to, ...others } = filters;
  return {
    ...others,
    ...(range.fromDay ? { fromMs: startOfDayInZone(range.fromDay, timeZone) } : {}),
    ...(range.toDay ? { toMs: startOfDayInZone(nextDay(range.toDay), timeZone) } : {}),
  };
}
