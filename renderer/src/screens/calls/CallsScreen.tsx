import { useEffect, useMemo, useRef, useState } from 'react';
import type { CallFilters, CallSort } from '../../../../shared/calls';
import { useApp } from '../../app/context';
import { Empty, ErrorMessage } from '../../components/States';
import { useRequest } from '../../lib/use-request';
import { activeFilters } from './active-filters';
import { CallsSummary } from './CallsSummary';
import { CallsTable, ROWS_PER_PART } from './CallsTable';
import { CallsToolbar } from './CallsToolbar';
import { COLUMNS_KEPT, readerLayout } from './reader-layout';
import { widthOfFirst } from './columns';
import { ReaderPane } from './ReaderPane';
import { TranscriptReader, type ReaderHandle } from './TranscriptReader';
import { useCallPages } from './use-call-pages';
import { useCallsView } from './view-state';
import { useDebounced } from './use-debounced';
import { useElementWidth } from './use-element-width';
import { useReaderWidth } from './use-reader-width';
import './calls.css';

const BEST_MATCH: CallSort = { column: 'relevance', direction: 'desc' };
const isTyping = (target: EventTarget | null) => target instanceof HTMLElement && (target.matches('input, select, textarea') || target.isContentEditable);

/**
 * Every call from every connection: search, filters, sortable columns the
 * user arranges, and the transcript beside the table (over it, when the window
 * is too narrow for both). Keyboard: / or Ctrl+F search, ↑ ↓ move, Enter opens
 * the transcript, Ctrl+F then finds in it, Esc closes it.
 */
export function CallsScreen() {
  const { timeZone, connections, dataVersion, go, pendingDrillDown, drillDownTaken } = useApp();
  // A drill-down from Activity opens with exactly its calls; the view remembers it until the filters change.
  const [view, setView] = useCallsView(pendingDrillDown);
  useEffect(() => {
    if (pendingDrillDown) drillDownTaken();
  }, [pendingDrillDown, drillDownTaken]);
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), 200);
  // A search ranks by best match until the user picks a column to sort by (for that search).
  const [searchSort, setSearchSort] = useState<{ search: string; sort: CallSort } | null>(null);
  const sort = search ? (searchSort?.search === search ? searchSort.sort : BEST_MATCH) : view.sort;

  const rangeValid = view.filters.fromMs === undefined || view.filters.toMs === undefined || view.filters.fromMs < view.filters.toMs;
  const query = useMemo(() => ({ filters: view.filters, sort, ...(search ? { search } : {}) }), [view.filters, sort, search]);
  const pages = useCallPages(query, dataVersion, rangeValid);
  const facets = useRequest('calls/facets', undefined, String(dataVersion));
  const trackers = useRequest('trackers/list', undefined).data ?? [];
  const setFilters = (filters: CallFilters) => setView(({ drillDown: _, ...v }) => ({ ...v, filters }));
  const inUse = activeFilters(view.filters, {
    timeZone,
    connection: (id) => connections.find((c) => c.id === id)?.label ?? `connection #${id}`,
    user: (id) => facets.data?.users.find((u) => u.id === id)?.name ?? id,
    tracker: (id) => trackers.find((t) => t.id === id)?.name ?? 'a removed tracker',
  });

  // The keyboard's row and the part of a long list in view belong to one query: a new query starts at the top.
  const queryKey = JSON.stringify(query);
  const [position, setPosition] = useState<{ queryKey: string; selected: number | null; part: number }>({ queryKey, selected: null, part: 0 });
  const here = position.queryKey === queryKey ? position : { queryKey, selected: null, part: 0 };
  const selected = here.selected;
  const part = here.part;
  const setSelected = (index: number | null) => setPosition({ queryKey, selected: index, part: index === null ? part : Math.floor(index / ROWS_PER_PART) });
  const setPart = (next: number) => setPosition({ queryKey, selected: null, part: next });
  const [openId, setOpenId] = useState<number | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const filtersButton = useRef<HTMLButtonElement>(null);
  const tableWrap = useRef<HTMLDivElement>(null);
  const reader = useRef<ReaderHandle>(null);
  const screen = useRef<HTMLDivElement>(null);
  const screenWidth = useElementWidth(screen);
  const [chosenWidth, chooseWidth] = useReaderWidth();
  const layout = readerLayout(screenWidth, widthOfFirst(COLUMNS_KEPT, view.order, view.hidden), chosenWidth);

  // The grid holds focus and names the selected row, so focusing it is "back to the row".
  const focusTable = () => tableWrap.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
  const focusSearch = () => {
    searchInput.current?.focus();
    searchInput.current?.select();
  };
  const open = (index: number) => {
    const call = pages.rowAt(index);
    if (call) setOpenId(call.id);
  };
  const close = () => {
    setOpenId(null);
    focusTable();
  };

  // Over the table the reader is modal: the page's shortcuts leave the search box behind it alone.
  const readerIsModal = openId !== null && layout.mode === 'overlay';
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const findKey = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f';
      if (findKey) {
        // With a transcript open, Ctrl+F finds in it, starting with what the table was searched for (its words, not FTS quotes).
        event.preventDefault();
        if (openId !== null && reader.current?.find(searchText.replace(/"/g, '').trim())) return;
        if (!readerIsModal) focusSearch();
      } else if (event.key === '/' && !isTyping(event.target) && !readerIsModal) {
        event.preventDefault();
        focusSearch();
      } else if (event.key === 'Escape' && openId !== null) {
        setOpenId(null);
        tableWrap.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openId, searchText, readerIsModal]);

  const total = pages.total ?? 0;
  // Which part of a very long result is in the table (see ROWS_PER_PART): the one holding the selection.
  const base = part * ROWS_PER_PART;
  const onGridKey = (event: React.KeyboardEvent) => {
    if (isTyping(event.target) || !total) return;
    const moves: Record<string, (i: number) => number> = {
      ArrowDown: (i) => i + 1,
      ArrowUp: (i) => i - 1,
      PageDown: (i) => i + 20,
      PageUp: (i) => i - 20,
      Home: () => 0,
      End: () => total - 1,
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const next = Math.max(0, Math.min(total - 1, move(selected ?? -1)));
      setSelected(next);
      // With the reader open, it follows the selection.
      if (openId !== null) {
        const call = pages.rowAt(next);
        if (call) setOpenId(call.id);
      }
    } else if (event.key === 'Enter' && selected !== null && !(event.target instanceof HTMLButtonElement)) {
      // Enter on a focused control in the table (a column's sort button) is that control's.
      event.preventDefault();
      open(selected);
    }
  };

  const filtered = inUse.length > 0 || Boolean(search);
  return (
    <div className="calls-screen" ref={screen}>
      <div className="calls-main">
        <h1 className="visually-hidden">Calls</h1>
        <CallsToolbar
          searchText={searchText}
          onSearchText={setSearchText}
          onSearchDown={() => {
            if (!total) return;
            setSelected(0);
            focusTable();
          }}
          searchInput={searchInput}
          filtersButton={filtersButton}
          view={view}
          onFilters={setFilters}
          onColumns={(columns) => setView((v) => ({ ...v, ...columns }))}
          activeFilters={inUse.length}
          connections={connections}
          facets={facets.data}
          trackers={trackers}
          timeZone={timeZone}
          query={query}
          canExport={total > 0}
        />
        {view.drillDown && (
          <div className="drill-down" role="status" data-testid="drill-down">
            <span>
              Showing the calls behind <strong>{view.drillDown}</strong>, from Activity.
            </span>
            <button type="button" onClick={() => go('activity')}>
              Back to Activity
            </button>
            <button type="button" onClick={() => setView(({ drillDown: _, ...v }) => ({ ...v, filters: {} }))}>
              Show all calls
            </button>
          </div>
        )}
        <CallsSummary
          total={pages.total}
          counting={pages.counting}
          waiting={rangeValid}
          search={search}
          part={part}
          onPart={setPart}
          filters={inUse}
          onRemoveFilter={(filter) => setFilters(filter.without)}
          focusAfterLastFilter={() => filtersButton.current?.focus()}
        />
        {pages.error && <ErrorMessage onRetry={pages.reload}>Could not load calls: {pages.error}</ErrorMessage>}
        {pages.total === 0 && !filtered && (
          <Empty title="No calls yet">
            Calls appear here after a sync.{' '}
            <button type="button" onClick={() => go('sync')}>
              Go to Sync
            </button>
          </Empty>
        )}
        {pages.total === 0 && filtered && (
          <Empty title={search ? `No calls match “${search}”` : 'No calls match these filters'}>
            <button
              type="button"
              onClick={() => {
                setSearchText('');
                setFilters({});
              }}
            >
              Clear search and filters
            </button>
          </Empty>
        )}
        <div className="calls-table-wrap" ref={tableWrap} onKeyDown={onGridKey}>
          {pages.total !== 0 && (
            <CallsTable
              key={part}
              pages={pages}
              base={base}
              count={Math.min(ROWS_PER_PART, total - base)}
              timeZone={timeZone}
              sort={sort}
              onSort={(next) => (search ? setSearchSort({ search, sort: next }) : setView((v) => ({ ...v, sort: next })))}
              hidden={view.hidden}
              order={view.order}
              searching={Boolean(search)}
              selected={selected}
              onSelect={(index) => {
                setSelected(index);
                focusTable();
              }}
              onOpen={open}
            />
          )}
        </div>
      </div>
      {openId !== null && (
        <ReaderPane layout={layout} onResize={chooseWidth} onClose={close}>
          <TranscriptReader key={openId} ref={reader} callId={openId} onClose={close} />
        </ReaderPane>
      )}
    </div>
  );
}
