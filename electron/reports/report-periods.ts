import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { DayRange, ReportKind } from '../../shared/reports';
import type { ReportPeriod } from '../../shared/report-schedule';

/**
 * Weeks and months as a manager means them, in their own time zone: a week is
 * Monday to Sunday (ISO 8601, keyed "2026-W48", its year the ISO week-year so
 * 28 Dec 2026 is "2026-W53" and 4 Jan 2027 "2027-W01"), a month is a calendar
 * month (keyed "2026-11"). Keys of one kind sort in time order as text.
 * The scheduled reports and `talktally export --last-week` both use this.
 */
export interface Period {
  period: ReportPeriod;
  key: string;
  range: DayRange;
}

/** Calendar arithmetic on plain dates: UTC has no DST, so a day is always a day. */
const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const isoDay = (date: DateTime) => date.toISODate() ?? '';

/** The week or month that holds a calendar day (YYYY-MM-DD). */
export function periodContaining(period: ReportPeriod, onDay: string): Period {
  const start = day(onDay).startOf(period === 'week' ? 'week' : 'month');
  const end = start.endOf(period === 'week' ? 'week' : 'month');
  const key = period === 'week' ? start.toFormat("kkkk-'W'WW") : start.toFormat('yyyy-MM');
  return { period, key, range: { fromDay: isoDay(start), toDay: isoDay(end) } };
}

/** The whole week or month before the one holding `onDay`: what a report on that day covers. */
export function periodBefore(period: ReportPeriod, onDay: string): Period {
  const first = day(periodContaining(period, onDay).range.fromDay);
  return periodContaining(period, isoDay(first.minus({ days: 1 })));
}

/** The last complete week or month as of an instant in a zone ("last week" on a Wednesday is Monday to Sunday before it). */
export function lastCompletePeriod(period: ReportPeriod, timeZone: string, nowMs: number): Period {
  return periodBefore(period, isoDay(DateTime.fromMillis(nowMs, { zone: timeZone })));
}

/** The days after `fromDay`, as a date (the planner walks run days with it). */
export const addDays = (fromDay: string, days: number): string => isoDay(day(fromDay).plus({ days }));
export const addMonths = (fromDay: string, months: number): string => isoDay(day(fromDay).plus({ months }));

/**
 * "Talktally activity 2026-W48.xlsx" in the folder, or "… (2).xlsx" and so on
 * when that name is taken: a scheduled or cron report never replaces a file.
 */
export function periodReportFile(folder: string, kind: ReportKind, periodKey: string): string {
  for (let n = 1; ; n++) {
    const file = path.join(folder, `Talktally ${kind} ${periodKey}${n === 1 ? '' : ` (${n})`}.xlsx`);
    if (!fs.existsSync(file)) return file;
  }
}
