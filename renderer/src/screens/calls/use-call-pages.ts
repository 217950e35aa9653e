import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallListRequest, CallRow } from '../../../../shared/calls';
import { request } from '../../api';
import { errorMessage } from '../../lib/use-request';

export const PAGE_SIZE = 100;

export interface CallPages {
  /** How many calls the query selects (null until the first page arrives). */
  total: number | null;
  /** The row at an index, or undefined while its page is loading. */
  rowAt(index: number): CallRow | undefined;
  /** Asks for the pages covering [from, to] that are not loaded yet. */
  ensure(from: number, to: number): void;
  loading: boolean;
  error: string | null;
  /** How long main took to answer the first page, for the status line. */
  firstPageMs: number | null;
  reload(): void;
}

/**
 * Pages of the calls list, fetched as the table scrolls to them. Filtering,
 * sorting and search run in main; a new query drops every page, and answers
 * to an older query are ignored.
 */
export function useCallPages(query: Omit<CallListRequest, 'offset' | 'limit'>, version: number, enabled = true): CallPages {
  const key = JSON.stringify(query);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [firstPageMs, setFirstPageMs] = useState<number | null>(null);
  const [, setLoadedCount] = useState(0);
  const pages = useRef(new Map<number, CallRow[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const [reloads, setReloads] = useState(0);

  const fetchPage = useCallback(
    (page: number, ticket: number) => {
      if (pages.current.has(page) || inFlight.current.has(page)) return;
      inFlight.current.add(page);
      const started = performance.now();
      request('calls/list', { ...(JSON.parse(key) as CallListRequest), offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then((result) => {
          if (ticket !== generation.current) return;
          pages.current.set(page, result.rows);
          setTotal(result.total);
          if (page === 0) setFirstPageMs(Math.round(performance.now() - started));
          setError(null);
          setLoadedCount((n) => n + 1);
        })
        .catch((e: unknown) => ticket === generation.current && setError(errorMessage(e)))
        .finally(() => {
          if (ticket !== generation.current) return;
          inFlight.current.delete(page);
          setLoading(inFlight.current.size > 0);
        });
      setLoading(true);
    },
    [key],
  );

  useEffect(() => {
    const ticket = ++generation.current;
    pages.current = new Map();
    inFlight.current = new Set();
    setTotal(null);
    setFirstPageMs(null);
    if (enabled) fetchPage(0, ticket);
    else setLoading(false);
  }, [fetchPage, version, reloads, enabled]);

  const ensure = useCallback(
    (from: number, to: number) => {
      for (let page = Math.floor(Math.max(0, from) / PAGE_SIZE); page <= Math.floor(Math.max(0, to) / PAGE_SIZE); page++) fetchPage(page, generation.current);
    },
    [fetchPage],
  );

  const rowAt = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { total, rowAt, ensure, loading, error, firstPageMs, reload };
}
