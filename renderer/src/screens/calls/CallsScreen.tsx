import { useEffect, useMemo, useRef, useState } from 'react';
import type { CallSort } from '../../../../shared/calls';
import { useApp } from '../../app/context';
import { ExportButton } from '../../components/ExportButton';
import { Empty, ErrorMessage } from '../../components/States';
import { useRequest } from '../../lib/use-request';
import { CallsTable, ROWS_PER_PART } from './CallsTable';
import { ColumnMenu } from './ColumnMenu';
import { Filters } from './Filters';
import { TranscriptReader } from './TranscriptReader';
import { useCallPages } from './use-call-pages';
import { useCallsView } from './view-state';
import { useDebounced } from './use-debounced';
import './calls.css';

const BEST_MATCH: CallSort = { column: 'relevance', direction: 'desc' };
const isTyping = (target: EventTarget | null) => target instanceof HTMLElement && (target.matches('input, select, textarea') || target.isContentEditable);

/**
 * Every call from every connection: search, filters, sortable columns the
 * user arranges, and the transcript beside the table. Keyboard: / search,
 * ↑ ↓ move, Enter opens the transcript, Esc closes it.
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
  const grid = useRef<HTMLDivElement>(null);

  const open = (index: number) => {
    const call = pages.rowAt(index);
    if (call) setOpenId(call.id);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '/' && !isTyping(event.target)) {
        event.preventDefault();
        searchInput.current?.focus();
        searchInput.current?.select();
      } else if (event.key === 'Escape' && openId !== null) {
        setOpenId(null);
        grid.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openId]);

  const total = pages.total ?? 0;
  // Which part of a very long result is in the table (see ROWS_PER_PART): the one holding the selection.
  const parts = Math.max(1, Math.ceil(total / ROWS_PER_PART));
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

  const filtered = Object.keys(view.filters).length > 0 || Boolean(search);
  return (
    <div className={`calls-screen${openId !== null ? ' with-reader' : ''}`}>
      <div className="calls-main">
        <h1 className="visually-hidden">Calls</h1>
        <div className="toolbar calls-toolbar">
          <input
            ref={searchInput}
            type="search"
            className="search"
            placeholder="Search names, numbers, summaries, transcripts  ( / )"
            aria-label="Search calls"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' && total) {
                e.preventDefault();
                setSelected(0);
                grid.current?.focus();
              }
            }}
          />
          <ColumnMenu hidden={view.hidden} order={view.order} onChange={(columns) => setView((v) => ({ ...v, ...columns }))} />
          <ExportButton label="Export calls" disabled={!total} report={() => ({ kind: 'calls', query })} />
          <ExportButton label="Export transcripts" disabled={!total} report={() => ({ kind: 'transcripts', query })} />
        </div>
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
        <Filters filters={view.filters} onChange={(filters) => setView(({ drillDown: _, ...v }) => ({ ...v, filters }))} connections={connections} facets={facets.data} timeZone={timeZone} />
        <div className="calls-status muted" aria-live="polite" data-testid="calls-status">
          {pages.total === null ? (rangeValid ? 'Loading calls…' : '') : `${pages.total.toLocaleString()}${pages.counting ? '+' : ''} ${pages.total === 1 ? 'call' : 'calls'}${search ? ` matching “${search}”` : ''}${pages.counting ? ' (counting…)' : ''}`}
          {parts > 1 && (
            <span className="parts">
              {' '}
              · showing {(base + 1).toLocaleString()}–{Math.min(total, base + ROWS_PER_PART).toLocaleString()}{' '}
              <button type="button" disabled={part === 0} onClick={() => setPart(part - 1)}>
                Previous {ROWS_PER_PART.toLocaleString()}
              </button>{' '}
              <button type="button" disabled={part >= parts - 1} onClick={() => setPart(part + 1)}>
                Next {ROWS_PER_PART.toLocaleString()}
              </button>
            </span>
          )}
        </div>
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
                setView(({ drillDown: _, ...v }) => ({ ...v, filters: {} }));
              }}
            >
              Clear search and filters
            </button>
          </Empty>
        )}
        <div className="calls-table-wrap" ref={grid} tabIndex={0} onKeyDown={onGridKey} aria-label="Calls table: arrow keys move, Enter opens the transcript">
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
              selected={selected}
              onSelect={(index) => {
                setSelected(index);
                grid.current?.focus();
              }}
              onOpen={open}
            />
          )}
        </div>
      </div>
      {openId !== null && <TranscriptReader key={openId} callId={openId} onClose={() => setOpenId(null)} />}
    </div>
  );
}
