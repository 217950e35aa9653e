import { type ActiveFilter } from './active-filters';
import { ROWS_PER_PART } from './CallsTable';
import { FilterChips } from './FilterChips';

interface Props {
  /** How many calls the query selects; null while the first page loads. */
  total: number | null;
  counting: boolean;
  /** False when the filters cannot be asked for (a range ending before it starts): nothing is loading. */
  waiting: boolean;
  search: string;
  /** Which part of a very long result is in the table. */
  part: number;
  onPart(part: number): void;
  filters: readonly ActiveFilter[];
  onRemoveFilter(filter: ActiveFilter): void;
  focusAfterLastFilter(): void;
}

/** The line under the toolbar: how many calls, which part of a very long list, and the filters that chose them. */
export function CallsSummary({ total, counting, waiting, search, part, onPart, filters, onRemoveFilter, focusAfterLastFilter }: Props) {
  const shown = total ?? 0;
  const parts = Math.max(1, Math.ceil(shown / ROWS_PER_PART));
  const base = part * ROWS_PER_PART;
  return (
    <div className="calls-summary">
      <div className="calls-status muted" aria-live="polite" data-testid="calls-status">
        {total === null
          ? waiting
            ? 'Loading calls…'
            : ''
          : `${total.toLocaleString()}${counting ? '+' : ''} ${total === 1 ? 'call' : 'calls'}${search ? ` matching “${search}”` : ''}${counting ? ' (counting…)' : ''}`}
        {parts > 1 && (
          <span className="parts">
            {' '}
            · showing {(base + 1).toLocaleString()}–{Math.min(shown, base + ROWS_PER_PART).toLocaleString()}{' '}
            <button type="button" disabled={part === 0} onClick={() => onPart(part - 1)}>
              Previous {ROWS_PER_PART.toLocaleString()}
            </button>{' '}
            <button type="button" disabled={part >= parts - 1} onClick={() => onPart(part + 1)}>
              Next {ROWS_PER_PART.toLocaleString()}
            </button>
          </span>
        )}
      </div>
      <FilterChips filters={filters} onRemove={onRemoveFilter} focusAfterLast={focusAfterLastFilter} />
    </div>
  );
}
