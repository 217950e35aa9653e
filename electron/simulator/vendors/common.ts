import type { SimRequest, SimResponse } from '../http';

/** A small deterministic number from any parts (FNV-1a), for values that must not change between runs. */
export function hashInt(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A header's value, or a query parameter's for vendors that accept both. */
export const headerOrQuery = (request: SimRequest, header: string, query?: string): string | undefined =>
  request.headers[header.toLowerCase()] ?? (query ? (request.query.get(query) ?? undefined) : undefined);

/** Parses an integer query parameter, answering the vendor's 400/422 when it is not one or is out of range. */
export function intParam(
  request: SimRequest,
  name: string,
  fallback: number,
  range: { min: number; max: number },
  invalid: (message: string) => SimResponse,
): number | SimResponse {
  const raw = request.query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    return invalid(`${name} must be an integer from ${range.min} to ${range.max}`);
  }
  return value;
}

export const isResponse = (value: unknown): value is SimResponse => typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
