import { z } from 'zod';

/** The workbooks a schedule can write: activity always makes sense for a period; calls lists every call in it. */
export const SCHEDULED_REPORT_KINDS = ['activity', 'calls'] as const;
export type ScheduledReportKind = (typeof SCHEDULED_REPORT_KINDS)[number];

export const REPORT_PERIODS = ['week', 'month'] as const;
/** "week": the previous Monday–Sunday (ISO week); "month": the previous calendar month. Both in the user's zone. */
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** ISO weekdays, as Luxon numbers them: 1 is Monday, 7 is Sunday. */
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** The latest day every month has, so a monthly report never skips February. */
export const LAST_SCHEDULABLE_DAY = 28;

/** "/home/me/Reports", "C:\Reports" or "\\server\share": the shared layer has no `path`, so this is the rule by hand. */
export const isAbsoluteFolder = (folder: string): boolean => folder.startsWith('/') || /^[A-Za-z]:[\\/]/.test(folder) || folder.startsWith('\\\\');

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use a 24-hour time like 08:00');

const common = {
  reports: z
    .array(z.enum(SCHEDULED_REPORT_KINDS, { message: 'a scheduled report is "activity" or "calls"' }))
    .min(1, 'choose at least one workbook to write')
    .max(SCHEDULED_REPORT_KINDS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, 'name each workbook once'),
  /** Local time in the user's zone (settings.timeZone), HH:MM. */
  time,
  /** An absolute folder, or null for the reports folder (the one-click exports' folder). */
  folder: z.string().min(1).max(4096).refine(isAbsoluteFolder, 'choose a full folder path (like /home/me/Reports or C:\\Reports)').nullable(),
};

/**
 * When the workbooks for the last week or month are saved by themselves:
 * weekly on an ISO weekday, or monthly on a day 1–28, at a local time.
 */
export const ReportScheduleSchema = z.discriminatedUnion(
  'period',
  [
    z
      .object({
        period: z.literal('week'),
        weekday: z
          .number({ message: 'choose a weekday' })
          .int()
          .min(1, 'choose a weekday from 1 (Monday) to 7 (Sunday)')
          .max(7, 'choose a weekday from 1 (Monday) to 7 (Sunday)'),
        ...common,
      })
      .strict(),
    z
      .object({
        period: z.literal('month'),
        dayOfMonth: z
          .number({ message: 'choose a day of the month' })
          .int()
          .min(1, `choose a day from 1 to ${LAST_SCHEDULABLE_DAY} (every month has those)`)
          .max(LAST_SCHEDULABLE_DAY, `choose a day from 1 to ${LAST_SCHEDULABLE_DAY} (every month has those)`),
        ...common,
      })
      .strict(),
  ],
  { message: 'the period is "week" or "month"' },
);
export type ReportSchedule = z.infer<typeof ReportScheduleSchema>;

/** One scheduled workbook for one period, as the history lists it. */
export interface ScheduledReportRun {
  id: number;
  /** "2026-W48" (ISO week) or "2026-11". */
  periodKey: string;
  period: ReportPeriod;
  report: ScheduledReportKind;
  /** The days it covers, inclusive, in the zone it was written in. */
  fromDay: string;
  toDay: string;
  /** When the schedule said it should be written. */
  dueAtMs: number;
  startedAtMs: number;
  finishedAtMs: number | null;
  status: 'running' | 'done' | 'failed';
  file: string | null;
  /** In plain words, when it failed. */
  error: string | null;
  /** Users and agents (activity) or calls written. */
  rows: number | null;
  attempts: number;
}

/** What Settings shows under the schedule: when the next workbooks are written, and what was written before. */
export interface ReportScheduleStatus {
  next: { atMs: number; periodKey: string; fromDay: string; toDay: string; reports: ScheduledReportKind[]; retry: boolean } | null;
  /** The folder scheduled workbooks go to now. */
  folderInUse: string | null;
  history: ScheduledReportRun[];
}
