import { CHANNELS, type Channel } from '../../shared/ipc/channels';
import type { Api } from '../../shared/ipc/contract';

export type Invoke = (channel: Channel, payload: unknown) => Promise<unknown>;

/**
 * `window.api`: one function per contract channel, each forwarding its single
 * payload to main. Nothing else: no raw ipcRenderer, no channel chosen by the page.
 */
export function buildApi(invoke: Invoke): Api {
  const api: Record<string, (payload?: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNELS) api[channel] = (payload?: unknown) => invoke(channel, payload);
  return Object.freeze(api) as unknown as Api;
}
