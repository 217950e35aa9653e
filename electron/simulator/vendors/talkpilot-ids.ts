import type { Dataset, SimCall, SimPerson } from '../dataset';
import { hashInt } from './common';

/** TalkPilot's ids are UUIDs; these are made from the dataset's ids, so they never change between runs. */

/** tp_live_ + 32 hex, obviously not a real key. */
export const API_KEY = 'tp_live_decafbad000000000000000000000001';

/** 32 hex digits as a version-4 UUID; the last group is kept as given. */
function uuidOf(hex: string): string {
  const variant = '89ab'[Number.parseInt(hex[16] ?? '0', 16) % 4] ?? '8';
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const hex8 = (...parts: (string | number)[]): string =>
  hashInt(...parts)
    .toString(16)
    .padStart(8, '0');

export const agentUuid = (agent: SimPerson): string => uuidOf(`${agent.id}${hex8(agent.id, 'agent')}`);

/** The call's index sits in the UUID's last group, so a UUID leads back to its call without a lookup table. */
export const callUuid = (call: SimCall): string =>
  uuidOf(`${hex8(call.id, 'a')}${hex8(call.id, 'b')}${hex8(call.id, 'c').slice(0, 4)}${call.index.toString(16).padStart(12, '0')}`);

export function callByUuid(dataset: Dataset, id: string): SimCall | undefined {
  const call = dataset.calls[Number.parseInt(id.slice(-12), 16)];
  return call && callUuid(call) === id ? call : undefined;
}

export const agentByUuid = (dataset: Dataset, id: string): SimPerson | undefined => dataset.agents.find((a) => agentUuid(a) === id);
