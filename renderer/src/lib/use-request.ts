import { useCallback, useEffect, useEffectEvent, useState } from 'react';
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
 * Asks main again whenever the payload or `refreshKey` (e.g. "data changed")
 * changes, keeping only the latest answer so a slow reply never overwrites a
 * newer one. The previous answer stays on screen while the next one loads.
 */
export function useRequest<C extends Channel>(channel: C, payload: RequestOf<C> | undefined, refreshKey = ''): RequestState<ResponseOf<C>> {
  const payloadKey = JSON.stringify(payload ?? null);
  const [generation, setGeneration] = useState(0);
  const requestKey = `${channel}|${payloadKey}|${refreshKey}|${generation}`;
  const [state, setState] = useState<{ key: string | null; data: ResponseOf<C> | null; error: string | null }>({ key: null, data: null, error: null });

  useEffect(() => {
    let current = true;
    const sent = JSON.parse(payloadKey) as RequestOf<C> | null;
    request(channel, sent ?? undefined).then(
      (data) => current && setState({ key: requestKey, data, error: null }),
      (error: unknown) => current && setState((s) => ({ key: requestKey, data: s.data, error: message(error) })),
    );
    return () => {
      current = false;
    };
  }, [channel, payloadKey, requestKey]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, error: state.error, loading: state.key !== requestKey, reload };
}

/** Calls `tick` every `ms` while `active`, for progress that main reports by polling. */
export function useInterval(tick: () => void, ms: number, active: boolean): void {
  const onTick = useEffectEvent(tick);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => onTick(), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
}

export { message as errorMessage };
