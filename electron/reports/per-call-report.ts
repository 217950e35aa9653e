import type { CallListQuery, CallRow } from '../../shared/calls';
import { countCalls } from '../store/call-list';
import { selectedCalls } from '../store/call-selection';
import type { Db } from '../store/db';
import { aboutLines, type ReportScope } from './about';
import { createReportWorkbook, type InfoLine, type ReportColumn, type ReportSheet, type ReportWorkbook } from './workbook';

export interface ReportOptions {
  file: string;
  timeZone: string;
  signal?: AbortSignal;
  /** Called with calls written so far, for a progress bar. */
  onProgress?: (written: number, total: number) => void;
  nowMs?: number;
}

export interface PerCallSheet {
  name: string;
  columns: readonly ReportColumn[];
  writeCall(sheet: ReportSheet, call: CallRow): Promise<void>;
  /** Called with each chunk of calls before they are written: to look up what their rows need in one query. */
  beforeChunk?(calls: readonly CallRow[]): void;
  /** Lines the About sheet adds after the filters (what the sheets leave out, and where it is instead). */
  about?: readonly InfoLine[];
  /** Sheets after the main one, once every call is written. */
  finish?(book: ReportWorkbook): Promise<void>;
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
  sheet: PerCallSheet,
): Promise<number> {
  const total = countCalls(db, query);
  const book = await createReportWorkbook({ file: options.file, timeZone: options.timeZone, ...(options.signal ? { signal: options.signal } : {}) });
  try {
    const about = aboutLines(db, { ...scope, timeZone: options.timeZone, counted: { what: 'Calls', count: total } }, options.nowMs);
    book.addInfoSheet('About this report', [...about.slice(0, 4), ...(sheet.about ?? []), ...about.slice(4)]);
    const rows = book.addSheet(sheet.name, sheet.columns);
    let written = 0;
    for (const chunk of selectedCalls(db, query)) {
      sheet.beforeChunk?.(chunk);
      for (const call of chunk) await sheet.writeCall(rows, call);
      written += chunk.length;
      options.onProgress?.(written, total);
    }
    await sheet.finish?.(book);
    await book.commit();
    return written;
  } catch (error) {
    await book.abort();
    throw error;
  }
}
