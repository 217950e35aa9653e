import type { CallListQuery, CallRow } from '../../shared/calls';
import { countCalls } from '../store/call-list';
import { selectedCalls } from '../store/call-selection';
import type { Db } from '../store/database';
import { aboutLines, type ReportScope } from './about';
import { createReportWorkbook, type ReportColumn, type ReportSheet } from './workbook';

export interface ReportOptions {
  file: string;
  timeZone: string;
  signal?: AbortSignal;
  /** Called with calls written so far, for a progress bar. */
  onProgress?: (written: number, total: number) => void;
  nowMs?: number;
}

/**
 * A report with rows for each call the query selects (its filters, search and
 * sort): the "About this report" sheet, then one sheet the caller fills per
 * call. Saved only when complete; any failure leaves no file.
 */
export async function writePerCallReport(
  db: Db,
  query: CallListQuery,
  scope: Omit<ReportScope, 'counted' | 'timeZone'>,
  options: ReportOptions,
  sheet: { name: string; columns: readonly ReportColumn[]; writeCall(sheet: ReportSheet, call: CallRow): Promise<void> },
): Promise<number> {
  const total = countCalls(db, query);
  const book = await createReportWorkbook({ file: options.file, timeZone: options.timeZone, ...(options.signal ? { signal: options.signal } : {}) });
  try {
    book.addInfoSheet('About this report', aboutLines(db, { ...scope, timeZone: options.timeZone, counted: { what: 'Calls', count: total } }, options.nowMs));
    const rows = book.addSheet(sheet.name, sheet.columns);
    let written = 0;
    for (const chunk of selectedCalls(db, query)) {
      for (const call of chunk) await sheet.writeCall(rows, call);
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
