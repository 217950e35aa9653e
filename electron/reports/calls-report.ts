import type { CallListQuery, CallRow } from '../../shared/calls';
import { VENDOR_NAMES } from '../../shared/vendors';
import { listCalls } from '../store/call-list';
import { selectedCalls } from '../store/call-selection';
import type { Db } from '../store/database';
import { aboutLines, type ReportScope } from './about';
import { createReportWorkbook, type CellInput, type ReportColumn } from './workbook';

export const CALL_COLUMNS: readonly ReportColumn[] = [
  { header: 'Started', kind: 'dateTime' },
  { header: 'Connection', kind: 'text' },
  { header: 'Platform', kind: 'text' },
  { header: 'Direction', kind: 'text' },
  { header: 'Status', kind: 'text' },
  { header: 'Vendor status', kind: 'text' },
  { header: 'Recruiter / agent', kind: 'text' },
  { header: 'Contact', kind: 'text' },
  { header: 'Contact number', kind: 'text' },
  { header: 'Contact type', kind: 'text' },
  { header: 'Talk time', kind: 'duration' },
  { header: 'Total time', kind: 'duration' },
  { header: 'Summary', kind: 'text' },
  { header: 'Score', kind: 'decimal' },
  { header: 'Sentiment', kind: 'text' },
  { header: 'Transcript', kind: 'boolean' },
];

const callCells = (c: CallRow): CellInput[] => [
  c.startedAtMs,
  c.connectionLabel,
  VENDOR_NAMES[c.vendor],
  c.direction,
  c.status.replace('_', ' '),
  c.vendorStatus,
  c.userName ?? c.userEmail ?? c.userId,
  c.contactName,
  c.contactNumber,
  c.contactType,
  c.talkSeconds,
  c.totalSeconds,
  c.summary,
  c.score,
  c.sentiment,
  c.hasTranscript,
];

export interface ReportOptions {
  file: string;
  timeZone: string;
  signal?: AbortSignal;
  /** Called with rows written so far, for a progress bar. */
  onProgress?: (written: number, total: number) => void;
  nowMs?: number;
}

/** Exactly the calls the query selects (filters, search, sort), one row each, with typed columns. */
export async function writeCallsReport(db: Db, query: CallListQuery, scope: Omit<ReportScope, 'counted' | 'timeZone'>, options: ReportOptions): Promise<number> {
  const total = listCalls(db, { ...query, limit: 1, offset: 0 }).total;
  const book = await createReportWorkbook({ file: options.file, timeZone: options.timeZone, ...(options.signal ? { signal: options.signal } : {}) });
  try {
    book.addInfoSheet('About this report', aboutLines(db, { ...scope, timeZone: options.timeZone, counted: { what: 'Calls', count: total } }, options.nowMs));
    const sheet = book.addSheet('Calls', CALL_COLUMNS);
    let written = 0;
    for (const chunk of selectedCalls(db, query)) {
      for (const call of chunk) await sheet.addRow(callCells(call));
      written += chunk.length;
      options.onProgress?.(written, total);
    }
    await book.commit();
    return written;
  } catch (error) {
    await book.abort();
    throw error;
  }
}
