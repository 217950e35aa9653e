import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel } from '../../../shared/ipc/channels';
import type { RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import { request } from '../api';

export interface RequestState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  /** Asks again (after a change elsewhere); the old data stays on screen meanwhile. */
  reload(): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Asks main once per change of `key` (a string naming the payload), keeping
 * only the latest answer so a slow reply never overwrites a newer one.
 */
export function useRequest<C extends Channel>(channel: C, payload: RequestOf<C> | undefined, key = JSON.stringify(payload ?? null)): RequestState<ResponseOf<C>> {
  const [state, setState] = useState<{ data: ResponseOf<C> | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const payloadRef = useRef(payload);
  payloadRef.current = payload;

  useEffect(() => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    request(channel, payloadRef.current).then(
      (data) => ticket === latest.current && setState({ data, error: null, loading: false }),
      (error: unknown) => ticket === latest.current && setState((s) => ({ data: s.data, error: message(error), loading: false })),
    );
  }, [channel, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

/** Calls `tick` every `ms` while `active`, for progress that main reports by polling. */
export function useInterval(tick: () => void, ms: number, active: boolean): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => tickRef.current(), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
}

export { message as errorMessage };
