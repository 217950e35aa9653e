import { DateTime } from 'luxon';
import type { DayRange } from '../../../../shared/reports';
import { dayInZone, daysBefore } from '../../lib/format';

export type { DayRange };

/** The ranges a manager asks for most, relative to today in their time zone. */
export const RANGE_PRESETS = [
  { id: 'last7', label: 'Last 7 days' },
  { id: 'last30', label: 'Last 30 days' },
  { id: 'last90', label: 'Last 90 days' },
  { id: 'thisMonth', label: 'This month' },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]['id'];

export const DEFAULT_PRESET: RangePreset = 'last30';

/** The days a preset covers, today included. */
export function presetRange(preset: RangePreset, timeZone: string, nowMs = Date.now()): DayRange {
  const today = dayInZone(nowMs, timeZone);
  switch (preset) {
    case 'last7':
      return { fromDay: daysBefore(today, 6), toDay: today };
    case 'last30':
      return { fromDay: daysBefore(today, 29), toDay: today };
    case 'last90':
      return { fromDay: daysBefore(today, 89), toDay: today };
    case 'thisMonth':
      return { fromDay: `${today.slice(0, 7)}-01`, toDay: today };
  }
}

/** Which preset (if any) the range is, so its button shows as chosen. */
export function matchingPreset(range: DayRange, timeZone: string, nowMs = Date.now()): RangePreset | null {
  const found = RANGE_PRESETS.find((p) => {
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
