import { DateTime } from 'luxon';
import type { DayRange } from '../../../../shared/reports';
import { dayInZone, daysBefore } from '../../lib/format';

export type { DayRange };

/** Every preset a range picker can offer, relative to today in the user's time zone. */
const PRESETS = {
  today: 'Today',
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  last90: 'Last 90 days',
  thisMonth: 'This month',
  /** No bound at either end: only for lists that may run unbounded (the calls list), never for a report's figures. */
  anyTime: 'Any time',
} as const;
export type RangePreset = keyof typeof PRESETS;
export interface RangePresetChoice {
  id: RangePreset;
  label: string;
}
const choices = (...ids: RangePreset[]): readonly RangePresetChoice[] => ids.map((id) => ({ id, label: PRESETS[id] }));

/** The ranges a manager asks for most (Activity, Reports). */
export const RANGE_PRESETS = choices('last7', 'last30', 'last90', 'thisMonth');
/** A recruiter looking through calls starts from today's, and can look at all of them. */
export const CALL_RANGE_PRESETS = choices('today', 'last7', 'last30', 'thisMonth', 'anyTime');

export const DEFAULT_PRESET: RangePreset = 'last30';

/** The days a preset covers, today included. */
export function presetRange(preset: RangePreset, timeZone: string, nowMs = Date.now()): DayRange {
  const today = dayInZone(nowMs, timeZone);
  switch (preset) {
    case 'today':
      return { fromDay: today, toDay: today };
    case 'last7':
      return { fromDay: daysBefore(today, 6), toDay: today };
    case 'last30':
      return { fromDay: daysBefore(today, 29), toDay: today };
    case 'last90':
      return { fromDay: daysBefore(today, 89), toDay: today };
    case 'thisMonth':
      return { fromDay: `${today.slice(0, 7)}-01`, toDay: today };
    case 'anyTime':
      return { fromDay: '', toDay: '' };
  }
}

/** Which preset (if any) the range is, so its button shows as chosen. */
export function matchingPreset(
  range: DayRange,
  timeZone: string,
  presets: readonly RangePresetChoice[] = RANGE_PRESETS,
  nowMs = Date.now(),
): RangePreset | null {
  const found = presets.find((p) => {
    const candidate = presetRange(p.id, timeZone, nowMs);
    return candidate.fromDay === range.fromDay && candidate.toDay === range.toDay;
  });
  return found?.id ?? null;
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Why a range cannot be asked for, in plain words, or null when it can. */
export function rangeProblem(range: DayRange): string | null {
  if (!DAY_PATTERN.test(range.fromDay) || !DAY_PATTERN.test(range.toDay)) return 'Choose both a first and a last day.';
  if (range.fromDay > range.toDay) return 'The first day (From) is after the last day (To): choose a From day on or before the To day.';
  return null;
}

/** Every day from the first to the last, so a chart shows quiet days as gaps rather than skipping them. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  const last = DateTime.fromISO(range.toDay, { zone: 'UTC' });
  for (let day = DateTime.fromISO(range.fromDay, { zone: 'UTC' }); day <= last; day = day.plus({ days: 1 })) {
    days.push(day.toISODate() ?? '');
  }
  return days;
}
