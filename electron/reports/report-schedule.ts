import { DateTime } from 'luxon';
import type { DayRange } from '../../shared/reports';
import type { ReportPeriod, ReportSchedule } from '../../shared/report-schedule';
import { addDays, addMonths, periodBefore, periodContaining } from './report-periods';
import { DAY_MS } from '../../shared/time';

/**
 * The planner of scheduled reports: pure, no clock, no database. Each week (or
 * month) has one run, on the chosen weekday (day of the month) at the chosen
 * local time; that run writes the workbook of the whole week (month) before it.
 */

const MINUTE = 60_000;

/** The zone's UTC offset at an instant, in minutes. */
const offsetAt = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;

/**
 * The instant the clock in `zone` shows `time` (HH:MM) on `onDay`.
 * - Shown twice (the hour repeated when clocks go back): the first time, so the
 *   report runs once, as early as the user asked.
 * - Never shown (the hour skipped when clocks go forward, 02:30 in New York on
 *   the second Sunday of March): the moment the clocks jump, the first valid
 *   instant after the time asked for.
 * Luxon alone picks the later of two and moves a skipped time on by the gap,
 * so both cases are worked out here from the offsets either side.
 */
export function localRunInstant(onDay: string, time: string, zone: string): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const [year, month, dayOfMonth] = onDay.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, dayOfMonth, hour, minute);
  // A zone changes its offset at most once around a given day: the offsets a day either side are the only candidates.
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const valid = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => offsetAt(instant, zone) === (wall - instant) / MINUTE);
  if (valid.length) return Math.min(...valid);
  // In the gap: read with the old offset the time is already past the change, with the new one still before it.
  let lo = wall - after * MINUTE;
  let hi = wall - before * MINUTE;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, zone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** One scheduled run: the period it reports on and when it is due. */
export interface PlannedReport {
  period: ReportPeriod;
  /** The period reported on: "2026-W48" or "2026-11". */
  periodKey: string;
  range: DayRange;
  dueAtMs: number;
}

/** The run that falls in the week (month) holding `anchorDay`. */
function runIn(rule: ReportSchedule, timeZone: string, anchorDay: string): PlannedReport {
  const first = periodContaining(rule.period, anchorDay).range.fromDay;
  const runDay = addDays(first, (rule.period === 'week' ? rule.weekday : rule.dayOfMonth) - 1);
  const covered = periodBefore(rule.period, runDay);
  return { period: rule.period, periodKey: covered.key, range: covered.range, dueAtMs: localRunInstant(runDay, rule.time, timeZone) };
}

/** The run `n` weeks (months) after the one holding `anchorDay`. */
function runAfter(rule: ReportSchedule, timeZone: string, anchorDay: string, n: number): PlannedReport {
  const first = periodContaining(rule.period, anchorDay).range.fromDay;
  return runIn(rule, timeZone, rule.period === 'week' ? addDays(first, 7 * n) : addMonths(first, n));
}

export interface ReportPlan {
  /** The run to do now, or null: only the latest one due, however many were missed. */
  due: PlannedReport | null;
  /** The first run after now whose period is not written yet. */
  next: PlannedReport;
}

export interface PlanInput {
  rule: ReportSchedule;
  timeZone: string;
  nowMs: number;
  /** The latest period of this rule's kind ("2026-W47") already written for this workbook, or null. */
  lastDone: string | null;
  /** When the schedule was turned on: a run due before it is not caught up (turning it on writes nothing at once). */
  sinceMs: number | null;
}

/**
 * Which period is due and when the next run is. A run whose time passed while
 * the app was closed is due at the next start (catch-up), but only the latest:
 * after three weeks away one workbook is written, for last week, not three.
 */
export function planReport({ rule, timeZone, nowMs, lastDone, sinceMs }: PlanInput): ReportPlan {
  const today = DateTime.fromMillis(nowMs, { zone: timeZone }).toISODate() ?? '';
  const current = runIn(rule, timeZone, today);
  const latest = current.dueAtMs <= nowMs ? current : runAfter(rule, timeZone, today, -1);
  const isDone = (run: PlannedReport) => lastDone !== null && run.periodKey <= lastDone;
  const due = latest.dueAtMs <= nowMs && (sinceMs === null || latest.dueAtMs >= sinceMs) && !isDone(latest) ? latest : null;
  let n = current.dueAtMs > nowMs ? 0 : 1;
  let next = runAfter(rule, timeZone, today, n);
  // A period already written (the rule moved from Monday to Friday of the same week) is not written again.
  while (isDone(next)) next = runAfter(rule, timeZone, today, ++n);
  return { due, next };
}
