import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallListRequest, CallRow } from '../../../../shared/calls';
import { request } from '../../api';
import { errorMessage } from '../../lib/use-request';

export const PAGE_SIZE = 100;

export interface CallPages {
  /** How many calls the query selects (null until the first page arrives). */
  total: number | null;
  /** True while `total` is only "at least": main stopped counting at its limit and the exact count is on its way. */
  counting: boolean;
  /** The row at an index, or undefined while its page is loading. */
  rowAt(index: number): CallRow | undefined;
  /** Asks for the pages covering [from, to] that are not loaded yet. */
  ensure(from: number, to: number): void;
  error: string | null;
  reload(): void;
}

/** What is known about one query's result; a new query starts from nothing. */
interface Result {
  key: string;
  total: number | null;
  counting: boolean;
  error: string | null;
  /** Bumped as pages arrive, so the table draws them. */
  pagesLoaded: number;
}

/**
 * Pages of the calls list, fetched as the table scrolls to them. Filtering,
 * sorting and search run in main; a new query drops every page, and answers
 * to an older query are ignored.
 */
export function useCallPages(query: Omit<CallListRequest, 'offset' | 'limit'>, version: number, enabled = true): CallPages {
  const [reloads, setReloads] = useState(0);
  const queryJson = JSON.stringify(query);
  const key = `${version}:${reloads}:${queryJson}`;
  const [result, setResult] = useState<Result | null>(null);
  // The pages of the current query only: replaced as a whole when the key changes.
  const pages = useRef<{ key: string; rows: Map<number, CallRow[]>; inFlight: Set<number> }>({ key: '', rows: new Map(), inFlight: new Set() });

  const update = useCallback((forKey: string, change: (r: Result) => Partial<Result>) => {
    setResult((r) => {
      const current = r?.key === forKey ? r : { key: forKey, total: null, counting: false, error: null, pagesLoaded: 0 };
      return { ...current, ...change(current) };
    });
  }, []);

  const fetchPage = useCallback(
    (page: number) => {
      const store = pages.current;
      if (store.key !== key || store.rows.has(page) || store.inFlight.has(page)) return;
      store.inFlight.add(page);
      const listQuery = JSON.parse(queryJson) as CallListRequest;
      request('calls/list', { ...listQuery, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then((answer) => {
          if (pages.current !== store) return;
          store.rows.set(page, answer.rows);
          update(key, (r) => ({
            pagesLoaded: r.pagesLoaded + 1,
            error: null,
            ...(page === 0 ? { total: answer.total, counting: Boolean(answer.totalCapped) } : {}),
          }));
          // The first page shows at once; a large result's exact count follows.
          if (page === 0 && answer.totalCapped) {
            request('calls/count', listQuery).then(
              ({ total }) => pages.current === store && update(key, () => ({ total, counting: false })),
              (e: unknown) => pages.current === store && update(key, () => ({ error: errorMessage(e), counting: false })),
            );
          }
        })
        .catch((e: unknown) => pages.current === store && update(key, () => ({ error: errorMessage(e) })))
        .finally(() => store.inFlight.delete(page));
    },
    [key, queryJson, update],
  );

  useEffect(() => {
    pages.current = { key, rows: new Map(), inFlight: new Set() };
    if (enabled) fetchPage(0);
  }, [key, enabled, fetchPage]);

  const ensure = useCallback(
    (from: number, to: number) => {
      for (let page = Math.floor(Math.max(0, from) / PAGE_SIZE); page <= Math.floor(Math.max(0, to) / PAGE_SIZE); page++) fetchPage(page);
    },
    [fetchPage],
  );
  // A new function whenever pages arrive, so the table redraws with them.
  const pagesLoaded = result?.key === key ? result.pagesLoaded : 0;
  const rowAt = useCallback(
    (index: number) => (pagesLoaded >= 0 && pages.current.key === key ? pages.current.rows.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE] : undefined),
    [key, pagesLoaded],
  );
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const current = result?.key === key ? result : null;
  return {
    total: current?.total ?? null,
    counting: current?.counting ?? false,
    rowAt,
    ensure,
    error: current?.error ?? null,
    reload,
  };
}
