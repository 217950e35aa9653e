import type { CallFacets, CallFilters, CallListRequest } from '../../../../shared/calls';
import type { ConnectionSummary } from '../../../../shared/connections';
import type { Tracker } from '../../../../shared/trackers';
import { ExportButton } from '../../components/ExportButton';
import { ColumnMenu } from './ColumnMenu';
import { Filters } from './Filters';
import { FiltersMenu } from './FiltersMenu';
import type { CallsView } from './view-state';

interface Props {
  searchText: string;
  onSearchText(text: string): void;
  /** ↓ in the search box: into the table. */
  onSearchDown(): void;
  searchInput: React.RefObject<HTMLInputElement | null>;
  filtersButton: React.RefObject<HTMLButtonElement | null>;
  view: CallsView;
  onFilters(filters: CallFilters): void;
  onColumns(columns: Pick<CallsView, 'hidden' | 'order'>): void;
  activeFilters: number;
  connections: ConnectionSummary[];
  facets: CallFacets | null;
  trackers: readonly Tracker[];
  timeZone: string;
  query: Omit<CallListRequest, 'offset' | 'limit'>;
  canExport: boolean;
}

/** One line above the table: search, the Filters panel, the columns, the exports. */
export function CallsToolbar(props: Props) {
  const { searchText, onSearchText, onSearchDown, searchInput, filtersButton, view, onFilters, onColumns, activeFilters, query, canExport } = props;
  return (
    <div className="toolbar calls-toolbar">
      <input
        ref={searchInput}
        type="search"
        className="search"
        placeholder="Search names, numbers, summaries, transcripts  ( / )"
        title="Search names, numbers, summaries and transcripts ( / or Ctrl+F)"
        aria-label="Search calls"
        value={searchText}
        onChange={(e) => onSearchText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            onSearchDown();
          }
        }}
      />
      <FiltersMenu active={activeFilters} onClear={() => onFilters({})} buttonRef={filtersButton}>
        <Filters
          filters={view.filters}
          onChange={onFilters}
          connections={props.connections}
          facets={props.facets}
          trackers={props.trackers}
          timeZone={props.timeZone}
        />
      </FiltersMenu>
      <ColumnMenu hidden={view.hidden} order={view.order} onChange={onColumns} />
      <ExportButton label="Export calls" disabled={!canExport} report={() => ({ kind: 'calls', query })} />
      <ExportButton label="Export transcripts" disabled={!canExport} report={() => ({ kind: 'transcripts', query })} />
    </div>
  );
}
