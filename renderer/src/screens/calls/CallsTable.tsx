import {
  columnOrderingFeature,
  columnVisibilityFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef } from 'react';
import type { CallRow, CallSort } from '../../../../shared/calls';
import { CALL_COLUMNS, ColumnHeader, displayOrder } from './columns';
import type { CallPages } from './use-call-pages';

const ROW_HEIGHT = 34;
/**
 * Browsers cap an element's height (Chromium at about 33.5 million pixels), so
 * a list taller than that cannot scroll to its end. Past this many rows the
 * table shows the result in parts of this size, with a control to move between them.
 */
export const ROWS_PER_PART = 400_000;
const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature, columnOrderingFeature });

/** A row still loading: drawn as an empty line of the right height, so the scrollbar is true from the start. */
interface Slot {
  index: number;
  call: CallRow | undefined;
}

interface Props {
  pages: CallPages;
  /** The index of the part's first row in the whole result, and how many rows the part has. */
  base: number;
  count: number;
  timeZone: string;
  sort: CallSort;
  onSort(sort: CallSort): void;
  hidden: readonly string[];
  order: readonly string[];
  /** A search is running: its match column comes second. */
  searching: boolean;
  /** The row the keyboard is on. */
  selected: number | null;
  onSelect(index: number): void;
  onOpen(index: number): void;
}

/**
 * The calls grid: TanStack Table in manual mode (main sorts, filters and pages
 * in SQL) over a virtual list as long as the result, so a million calls scroll
 * like a hundred; only the rows in view are drawn and only their pages fetched.
 * The grid itself takes focus and names the keyboard's row as its active
 * descendant, so a screen reader follows the selection and "back to the row"
 * is one focus() call.
 */
export function CallsTable({ pages, base, count, timeZone, sort, onSort, hidden, order, searching, selected, onSelect, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const rowId = useId();
  const hintId = `${rowId}-hint`;
  // TanStack Virtual returns functions React Compiler cannot memoize; this component is left uncompiled, as its docs advise.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure } = pages;
  useEffect(() => {
    if (count) ensure(base + first, base + last);
  }, [ensure, base, first, last, count]);
  useEffect(() => {
    if (selected !== null && selected >= base && selected < base + count) virtualizer.scrollToIndex(selected - base, { align: 'auto' });
  }, [selected, base, count, virtualizer]);

  const columns = useMemo<ColumnDef<typeof features, Slot>[]>(
    () =>
      CALL_COLUMNS.map((c) => ({
        id: c.id,
        header: c.header,
        enableSorting: Boolean(c.sort),
        accessorFn: (slot: Slot) => slot.call,
        cell: (info) => {
          const call = info.row.original.call;
          return call ? c.cell(call, timeZone) : '';
        },
      })),
    [timeZone],
  );
  const sorting: SortingState = sort.column === 'relevance' ? [] : [{ id: sort.column, desc: sort.direction === 'desc' }];
  const columnVisibility = Object.fromEntries(hidden.map((id) => [id, false]));
  const columnOrder = displayOrder(order, searching);
  const data = useMemo(() => items.map((item) => ({ index: base + item.index, call: pages.rowAt(base + item.index) })), [items, pages, base]);

  const table = useTable({
    features,
    columns,
    data,
    state: { sorting, columnVisibility, columnOrder },
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const chosen = next[0];
      const column = CALL_COLUMNS.find((c) => c.id === chosen?.id)?.sort;
      if (chosen && column) onSort({ column, direction: chosen.desc ? 'desc' : 'asc' });
    },
    getRowId: (slot) => String(slot.index),
  });

  const visible = table.getVisibleLeafColumns();
  const template = visible.map((column) => `${CALL_COLUMNS.find((c) => c.id === column.id)?.width ?? 120}px`).join(' ');
  const width = visible.reduce((sum, column) => sum + (CALL_COLUMNS.find((c) => c.id === column.id)?.width ?? 120), 0);

  const selectedShown = selected !== null && items.some((item) => base + item.index === selected);

  return (
    <div
      className="calls-grid"
      role="grid"
      aria-rowcount={pages.total ?? 0}
      aria-label="Calls"
      aria-describedby={hintId}
      aria-activedescendant={selectedShown ? `${rowId}-${selected}` : undefined}
      ref={scroller}
      tabIndex={0}
    >
      <span id={hintId} hidden>
        Arrow keys move, Enter opens the transcript.
      </span>
      <div className="calls-head" role="row" style={{ gridTemplateColumns: template, width }}>
        {table.getHeaderGroups()[0]?.headers.map((header) => {
          const sorted = header.column.getIsSorted();
          const column = CALL_COLUMNS.find((c) => c.id === header.column.id);
          return (
            <div
              key={header.id}
              role="columnheader"
              aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
              className={column?.numeric ? 'numeric' : ''}
            >
              {header.column.getCanSort() ? (
                <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()} title={`Sort by ${column?.header.toLowerCase()}`}>
                  {column && <ColumnHeader column={column} timeZone={timeZone} />}
                  <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                </button>
              ) : (
                column && <ColumnHeader column={column} timeZone={timeZone} />
              )}
            </div>
          );
        })}
      </div>
      <div className="calls-body" style={{ height: virtualizer.getTotalSize(), width }}>
        {table.getRowModel().rows.map((row, i) => {
          const item = items[i];
          if (!item) return null;
          const { call, index } = row.original;
          return (
            <div
              key={item.key}
              role="row"
              id={`${rowId}-${index}`}
              aria-rowindex={index + 1}
              aria-selected={selected === index}
              data-call-id={call?.id}
              className={`calls-row${selected === index ? ' selected' : ''}${call ? '' : ' pending'}${call?.deletedAtMs ? ' deleted' : ''}`}
              style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: template, height: ROW_HEIGHT }}
              onClick={() => onSelect(index)}
              // A double click opens the call; it should not also select a word of it.
              onMouseDown={(event) => event.detail > 1 && event.preventDefault()}
              onDoubleClick={() => onOpen(index)}
            >
              {row.getVisibleCells().map((cell) => (
                <div key={cell.id} role="gridcell" className={CALL_COLUMNS.find((c) => c.id === cell.column.id)?.numeric ? 'numeric' : ''}>
                  {/* One box for the cell's text: as the cell's flex items, a snippet's words and marks would lose the spaces between them. */}
                  <span className="cell-text">
                    <table.FlexRender cell={cell} />
                  </span>
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
