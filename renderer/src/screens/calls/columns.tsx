import { DIRECTION_WORDS, STATUS_WORDS } from '../../../../shared/call-words';
import type { CallRow, CallSortColumn } from '../../../../shared/calls';
import { VENDOR_NAMES } from '../../../../shared/vendors';
import { Highlighted } from '../../components/Highlighted';
import { formatDateTime, formatDuration, zoneNote } from '../../lib/format';

export interface CallColumn {
  id: string;
  header: string;
  /** Width in pixels in the grid. */
  width: number;
  /** The SQL sort this column maps to, when main can sort by it. */
  sort?: Exclude<CallSortColumn, 'relevance'>;
  numeric?: boolean;
  /** Its cells are times: the header names their zone ("Date (Europe/London)"), the cells do not repeat it. */
  zoned?: boolean;
  cell(call: CallRow, timeZone: string): React.ReactNode;
}

/** Every column the table can show; the user picks which and their order. */
export const CALL_COLUMNS: readonly CallColumn[] = [
  { id: 'startedAt', header: 'Date', width: 190, sort: 'startedAt', zoned: true, cell: (c, tz) => formatDateTime(c.startedAtMs, tz) },
  { id: 'connection', header: 'Connection', width: 150, sort: 'connection', cell: (c) => <span title={VENDOR_NAMES[c.vendor]}>{c.connectionLabel}</span> },
  { id: 'direction', header: 'Direction', width: 90, sort: 'direction', cell: (c) => DIRECTION_WORDS[c.direction] },
  { id: 'status', header: 'Outcome', width: 105, sort: 'status', cell: (c) => <span className={`status status-${c.status}`}>{STATUS_WORDS[c.status]}</span> },
  { id: 'vendorStatus', header: 'Vendor status', width: 120, cell: (c) => c.vendorStatus ?? '' },
  { id: 'userName', header: 'Recruiter / agent', width: 160, sort: 'userName', cell: (c) => c.userName ?? c.userEmail ?? c.userId ?? '' },
  { id: 'contactName', header: 'Contact', width: 160, sort: 'contactName', cell: (c) => c.contactName ?? '' },
  { id: 'contactNumber', header: 'Number', width: 140, cell: (c) => c.contactNumber ?? '' },
  { id: 'contactType', header: 'Contact type', width: 110, cell: (c) => c.contactType ?? '' },
  { id: 'talkSeconds', header: 'Talk time', width: 90, sort: 'talkSeconds', numeric: true, cell: (c) => formatDuration(c.talkSeconds) },
  { id: 'score', header: 'Score', width: 70, numeric: true, cell: (c) => (c.score === null ? '' : String(c.score)) },
  {
    id: 'summary',
    header: 'Summary / match',
    width: 360,
    // A search shows where it matched (from main, marked); otherwise the summary.
    cell: (c) => (c.snippet ? <Highlighted text={c.snippet} /> : (c.summary ?? '')),
  },
  { id: 'hasTranscript', header: 'Transcript', width: 90, cell: (c) => (c.hasTranscript ? 'Yes' : '') },
];

/**
 * What the table's header says for a column: its name, and the zone when its cells are times,
 * on a line of its own so a long zone ("America/New_York") fits the column. Read out as "Date (America/New_York)".
 */
export function ColumnHeader({ column, timeZone }: { column: CallColumn; timeZone: string }) {
  if (!column.zoned) return column.header;
  return (
    <>
      {column.header} <span className="header-zone">{zoneNote(timeZone)}</span>
    </>
  );
}

/** The column that shows where a search matched. */
export const MATCH_COLUMN = 'summary';

/**
 * Every column id in the order the table shows them: the user's order, new
 * columns at the end. While a search runs, the match column comes second
 * (after the user's first, the date by default), so the reason a row matched
 * is in view however wide the table is.
 */
export function displayOrder(order: readonly string[], searching: boolean): string[] {
  const all = [...order.filter((id) => CALL_COLUMNS.some((c) => c.id === id)), ...CALL_COLUMNS.map((c) => c.id).filter((id) => !order.includes(id))];
  if (!searching) return all;
  const rest = all.filter((id) => id !== MATCH_COLUMN);
  return [...rest.slice(0, 1), MATCH_COLUMN, ...rest.slice(1)];
}

/** How wide the first `count` shown columns are together, in pixels. */
export function widthOfFirst(count: number, order: readonly string[], hidden: readonly string[]): number {
  return displayOrder(order, false)
    .filter((id) => !hidden.includes(id))
    .slice(0, count)
    .reduce((sum, id) => sum + (CALL_COLUMNS.find((c) => c.id === id)?.width ?? 0), 0);
}
