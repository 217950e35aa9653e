import { useRef } from 'react';
import type { ActiveFilter } from './active-filters';

interface Props {
  filters: readonly ActiveFilter[];
  onRemove(filter: ActiveFilter): void;
  /** Where focus goes when the last chip is removed (the Filters button). */
  focusAfterLast(): void;
}

/**
 * The filters in force, one removable chip each, beside the count they
 * explain. Removing one by keyboard leaves focus on the next chip (or the
 * Filters button after the last), not on the page.
 */
export function FilterChips({ filters, onRemove, focusAfterLast }: Props) {
  const list = useRef<HTMLUListElement>(null);
  if (!filters.length) return null;
  const remove = (filter: ActiveFilter, index: number) => {
    onRemove(filter);
    requestAnimationFrame(() => {
      const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button');
      const next = buttons?.[Math.min(index, buttons.length - 1)];
      if (next) next.focus();
      else focusAfterLast();
    });
  };
  return (
    <ul className="filter-chips" aria-label="Filters in use" ref={list}>
      {filters.map((filter, index) => (
        <li key={filter.id} className="filter-chip" data-testid={filter.testId}>
          <span title={filter.label}>{filter.label}</span>
          <button type="button" aria-label={filter.removeLabel} title={filter.removeLabel} onClick={() => remove(filter, index)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
