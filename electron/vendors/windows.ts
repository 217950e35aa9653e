import type { TimeWindow } from './connector';

/** Cuts a window into consecutive pieces no longer than `maxMs`, covering it exactly. */
export function splitWindow(window: TimeWindow, maxMs: number): TimeWindow[] {
  const pieces: TimeWindow[] = [];
  for (let from = window.fromMs; from < window.toMs; from += maxMs) {
    pieces.push({ fromMs: from, toMs: Math.min(window.toMs, from + maxMs) });
  }
  return pieces;
}

export const isoMs = (ms: number): string => new Date(ms).toISOString();
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const inWindow = (ms: number, window: TimeWindow): boolean => ms >= window.fromMs && ms < window.toMs;
