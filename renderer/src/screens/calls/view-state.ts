import { useEffect, useState } from 'react';
import { CallFiltersSchema, CallSortSchema, type CallFilters, type CallSort } from '../../../../shared/calls';

/** What the user set up on the calls screen, remembered between runs of the app. */
export interface CallsView {
  filters: CallFilters;
  sort: CallSort;
  /** Column ids hidden by the user. */
  hidden: string[];
  /** Column ids in the user's order (unknown or new ones go at the end). */
  order: string[];
  /** Set while the filters are a drill-down from another screen: what they select, in words. Cleared with the filters. */
  drillDown?: string;
}

const STORAGE_KEY = 'talktally.calls.view.v1';
export const DEFAULT_VIEW: CallsView = {
  filters: {},
  sort: { column: 'startedAt', direction: 'desc' },
  hidden: ['vendorStatus', 'contactType', 'score'],
  order: [],
};

/** Reads the remembered view; anything that no longer validates (an older app's shape) falls back to the default. */
function load(): CallsView {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<CallsView> | null;
    if (!raw) return DEFAULT_VIEW;
    const filters = CallFiltersSchema.safeParse(raw.filters);
    const sort = CallSortSchema.safeParse(raw.sort);
    const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
    return {
      filters: filters.success ? filters.data : {},
      sort: sort.success && sort.data.column !== 'relevance' ? sort.data : DEFAULT_VIEW.sort,
      hidden: Array.isArray(raw.hidden) ? strings(raw.hidden) : DEFAULT_VIEW.hidden,
      order: strings(raw.order),
      ...(filters.success && typeof raw.drillDown === 'string' ? { drillDown: raw.drillDown } : {}),
    };
  } catch {
    return DEFAULT_VIEW;
  }
}

/** The remembered view; a drill-down (from Activity) replaces its filters, keeping the columns and sort. */
export function useCallsView(drillDown?: { title: string; filters: CallFilters } | null): [CallsView, (update: (view: CallsView) => CallsView) => void] {
  const [view, setView] = useState<CallsView>(() => {
    const remembered = load();
    return drillDown ? { ...remembered, filters: drillDown.filters, drillDown: drillDown.title } : remembered;
  });
  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(view));
  }, [view]);
  return [view, setView];
}
