import type { z } from 'zod';
import type { CallListQuery } from '../../shared/calls';
import { REPORT_TITLES, type ReportRequestSchema } from '../../shared/reports';
import { getConnection } from '../store/connections';
import type { Db } from '../store/db';
import { writeActivityReport } from './activity-report';
import { writeCallsReport } from './calls-report';
import { describeCallQuery } from './describe-query';
import { activityQuery, dayRangeMs } from './range';
import { writeTranscriptsReport } from './transcripts-report';

export type ParsedReportRequest = z.output<typeof ReportRequestSchema>;

export interface WriteReportOptions {
  file: string;
  timeZone: string;
  signal?: AbortSignal;
  onProgress?: (written: number, total: number) => void;
}

/**
 * Writes one report as the window asked for it: the activity workbook for a
 * range, or the calls/transcripts workbook of the table's query, with its About
 * sheet worded from the request itself. Returns the rows of its main kind.
 * The worker and the in-process runner both call this.
 */
export async function writeReport(db: Db, request: ParsedReportRequest, options: WriteReportOptions): Promise<number> {
  const { timeZone } = options;
  if (request.kind === 'activity') {
    const query = activityQuery(request.range, timeZone, request.connectionId, request.excludeDeleted);
    const filters = request.connectionId === undefined ? [] : [`Connection: ${getConnection(db, request.connectionId)?.label ?? `#${request.connectionId}`}`];
    const scope = { title: REPORT_TITLES.activity, ...dayRangeMs(request.range, timeZone), filters };
    return writeActivityReport(db, query, scope, options);
  }
  const query: CallListQuery = { ...request.query, offset: 0, limit: 1 };
  const scope = {
    title: REPORT_TITLES[request.kind],
    fromMs: query.filters.fromMs ?? null,
    toMs: query.filters.toMs ?? null,
    filters: describeCallQuery(db, query),
  };
  return (request.kind === 'calls' ? writeCallsReport : writeTranscriptsReport)(db, query, scope, options);
}

/** Writes reports somewhere: in this thread, or in the core's worker. Rejects with ReportFileError for file problems. */
export interface ReportWriter {
  write(request: ParsedReportRequest, options: WriteReportOptions): Promise<number>;
}

export const inProcessReportWriter = (db: Db): ReportWriter => ({ write: (request, options) => writeReport(db, request, options) });
