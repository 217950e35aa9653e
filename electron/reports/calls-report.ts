import { DIRECTION_WORDS, HANDLER_WORDS, STATUS_WORDS } from '../../shared/call-words';
import type { CallListQuery, CallRow } from '../../shared/calls';
import { VENDOR_NAMES } from '../../shared/vendors';
import type { Db } from '../store/db';
import { trackerNamesByCall } from '../store/tracker-counts';
import type { ReportScope } from './about';
import { writePerCallReport, type ReportOptions } from './per-call-report';
import type { CellInput, ReportColumn } from './workbook';

export type { ReportOptions } from './per-call-report';

export const CALL_COLUMNS: readonly ReportColumn[] = [
  { header: 'Started', kind: 'dateTime' },
  { header: 'Connection', kind: 'text' },
  { header: 'Platform', kind: 'text' },
  { header: 'Direction', kind: 'text' },
  { header: 'Outcome', kind: 'text' },
  { header: 'Vendor status', kind: 'text' },
  { header: 'Recruiter / agent', kind: 'text' },
  { header: 'Handled by', kind: 'text' },
  { header: 'Contact', kind: 'text' },
  { header: 'Contact number', kind: 'text' },
  { header: 'Contact type', kind: 'text' },
  { header: 'Talk time', kind: 'duration' },
  { header: 'Total time', kind: 'duration' },
  { header: 'Summary', kind: 'text', width: 50, wrap: true },
  { header: 'Score', kind: 'decimal' },
  { header: 'Sentiment', kind: 'text' },
  { header: 'Transcript', kind: 'boolean' },
  { header: 'Trackers', kind: 'text' },
  // Last, so a manager can find the call in the vendor's own dashboard.
  { header: 'Vendor call ID', kind: 'text' },
];

/** One call's cells, in CALL_COLUMNS order (the benchmark writes the same values with openpyxl); `trackers` are the names of those it hit. */
export const callCells = (c: CallRow, trackers: readonly string[] = []): CellInput[] => [
  c.startedAtMs,
  c.connectionLabel,
  VENDOR_NAMES[c.vendor],
  DIRECTION_WORDS[c.direction],
  STATUS_WORDS[c.status],
  c.vendorStatus,
  c.userName ?? c.userEmail ?? c.userId,
  HANDLER_WORDS[c.handlerKind],
  c.contactName,
  c.contactNumber,
  c.contactType,
  c.talkSeconds,
  c.totalSeconds,
  c.summary,
  c.score,
  c.sentiment,
  c.hasTranscript,
  trackers.length ? trackers.join(', ') : null,
  c.vendorCallId,
];

/** Exactly the calls the query selects (filters, search, sort), one row each, with typed columns. */
export function writeCallsReport(db: Db, query: CallListQuery, scope: Omit<ReportScope, 'counted' | 'timeZone'>, options: ReportOptions): Promise<number> {
  // The trackers each call hit, looked up a chunk of calls at a time.
  let trackers = new Map<number, string[]>();
  return writePerCallReport(db, query, scope, options, {
    name: 'Calls',
    columns: CALL_COLUMNS,
    beforeChunk: (calls) =>
      (trackers = trackerNamesByCall(
        db,
        calls.map((c) => c.id),
      )),
    writeCall: (sheet, call) => sheet.addRow(callCells(call, trackers.get(call.id))),
  });
}
