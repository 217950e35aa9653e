import { z } from 'zod';
import { CallListRequestSchema } from './calls';

export const REPORT_KINDS = ['calls', 'transcripts', 'activity'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_TITLES: Record<ReportKind, string> = {
  calls: 'Calls report',
  transcripts: 'Transcripts report',
  activity: 'Activity report',
};

/** A calendar day typed by the user, YYYY-MM-DD, that exists (no 2026-02-30). */
export const DaySchema = z.iso.date({ message: 'use a date like 2026-10-01' });

/** An inclusive range of days in the report's time zone. */
export const DayRangeSchema = z
  .object({ fromDay: DaySchema, toDay: DaySchema })
  .strict()
  .refine((r) => r.fromDay <= r.toDay, { message: 'the first day must not be after the last', path: ['toDay'] });
export type DayRange = z.infer<typeof DayRangeSchema>;

/**
 * One click in the window: the calls and transcripts reports take the table's
 * own query (filters, search, sort); the activity report takes a range of days.
 * Main words the filters for the report's first sheet itself, from the query.
 */
export const ReportRequestSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.enum(['calls', 'transcripts']),
      query: CallListRequestSchema.omit({ offset: true, limit: true }).default({ filters: {}, sort: { column: 'startedAt', direction: 'desc' } }),
    })
    .strict(),
  z
    .object({
      kind: z.literal('activity'),
      range: DayRangeSchema,
      connectionId: z.number().int().positive().optional(),
      /** Leave out calls since moved to a vendor's trash or deleted there (by default they count: they happened). */
      excludeDeleted: z.boolean().optional(),
    })
    .strict(),
]);
export type ReportRequest = z.input<typeof ReportRequestSchema>;

export const REPORT_JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export type ReportJobState = (typeof REPORT_JOB_STATES)[number];

/** An export the window started, for its progress bar and "Show in folder". */
export interface ReportJob {
  id: number;
  kind: ReportKind;
  /** Where the workbook is saved (only once it is complete). */
  file: string;
  state: ReportJobState;
  /** Rows of the main kind written so far, of total (calls; users for activity). */
  written: number;
  total: number | null;
  /** In plain words, when it failed. */
  error: string | null;
  startedAtMs: number;
  finishedAtMs: number | null;
}
