import type { ActivityTotals } from '../../shared/activity';
import { activityTotals, type ActivityQuery } from '../store/activity-totals';
import type { Db } from '../store/db';
import { aboutLines, type ReportScope } from './about';
import { CONVERSATION_METHOD } from '../../shared/conversation';
import { listTrackers } from '../store/trackers';
import { activityPeople } from './activity-people';
import { CONVERSATION_COLUMNS, DAY_COLUMN, PERSON_COLUMNS, SUMMARY_COLUMNS, totalCells, trackerColumns, type ActivityColumn } from './activity-columns';
import type { ReportOptions } from './per-call-report';
import { previousPeriod } from './range';
import { createReportWorkbook, type InfoLine, type ReportWorkbook } from './workbook';

/** What the figures of voice-AI platforms (derived from their calls) count, for the About sheet. */
export function countedCallsLine(query: Pick<ActivityQuery, 'excludeDeleted'>): InfoLine {
  return [
    'Calls counted',
    query.excludeDeleted
      ? "Calls still at the vendor: calls since moved to a vendor's trash or deleted there are left out. Test and trial calls are left out."
      : "Every call that happened, including calls since moved to a vendor's trash or deleted there. Test and trial calls are left out.",
  ];
}

/** A person is the same person in both periods when the connection, the vendor's id and the kind agree. */
const personKey = (r: ActivityTotals): string => `${r.connectionId}|${r.kind}|${r.userId ?? ''}`;

function changeLine(previous: ActivityQuery): InfoLine {
  return [
    'Change columns',
    `Each person's figure against the previous period of the same length, ${previous.fromDay} to ${previous.toDay}: +10.0% is a tenth more. ` +
      "The answered share's change is in percentage points. Blank where the person had no such figure then (not there, or none to compare with).",
  ];
}

const TOTALS_LINE: InfoLine = [
  'Totals rows',
  'Below each table, apart from it: SUBTOTAL formulas, so when you filter a sheet its totals add up only the rows shown; sorting never moves them.',
];

async function writePeople(
  book: ReportWorkbook,
  name: string,
  columns: readonly ActivityColumn[],
  rows: readonly ActivityTotals[],
  previous: ReadonlyMap<string, ActivityTotals> | null,
): Promise<void> {
  const sheet = book.addSheet(name, columns);
  for (const r of rows) {
    const before = previous?.get(personKey(r));
    await sheet.addRow(columns.map((column) => column.value(r, before)));
  }
  if (rows.length) await sheet.addTotalRow((at) => totalCells(columns, rows, at));
}

/**
 * The summary first (one row per person, recruiters then agents, with the
 * change against the previous period), then the About sheet, every figure per
 * person, and every figure per person per day; each table with its totals row.
 */
export async function writeActivityReport(
  db: Db,
  query: ActivityQuery,
  scope: Omit<ReportScope, 'counted' | 'timeZone'>,
  options: ReportOptions,
): Promise<number> {
  const rows = activityPeople(db, query);
  const personColumns = [...PERSON_COLUMNS, ...CONVERSATION_COLUMNS, ...trackerColumns(listTrackers(db))];
  const earlier = previousPeriod(query, options.timeZone);
  const previous = new Map(activityTotals(db, earlier, false).map((r) => [personKey(r), r]));
  const book = await createReportWorkbook({ file: options.file, timeZone: options.timeZone, ...(options.signal ? { signal: options.signal } : {}) });
  try {
    await writePeople(book, 'Summary', SUMMARY_COLUMNS, rows, previous);
    const about = aboutLines(db, { ...scope, timeZone: options.timeZone, counted: { what: 'Users and agents', count: rows.length } }, options.nowMs);
    book.addInfoSheet('About this report', [
      ...about.slice(0, 3),
      countedCallsLine(query),
      changeLine(earlier),
      TOTALS_LINE,
      ...CONVERSATION_METHOD.map((line, i): InfoLine => [i === 0 ? 'Conversation figures' : '', line]),
      ...about.slice(3),
    ]);
    await writePeople(book, 'Activity', personColumns, rows, null);
    await writePeople(book, 'Activity by day', [DAY_COLUMN, ...PERSON_COLUMNS], activityTotals(db, query, true), null);
    await book.commit();
    return rows.length;
  } catch (error) {
    await book.abort();
    throw error;
  }
}
