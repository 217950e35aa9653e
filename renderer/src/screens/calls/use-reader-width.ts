import { useState } from 'react';

const STORAGE_KEY = 'talktally.calls.reader-width.v1';

function load(): number | null {
  const stored = Number(localStorage.getItem(STORAGE_KEY));
  return Number.isFinite(stored) && stored > 0 ? stored : null;
}

/**
 * The reader's width as the user last dragged or keyed it, remembered between
 * runs like the rest of the calls view; null until they choose one.
 */
export function useReaderWidth(): [number | null, (width: number) => void] {
  const [width, setWidth] = useState<number | null>(load);
  const choose = (next: number) => {
    setWidth(next);
    localStorage.setItem(STORAGE_KEY, String(Math.round(next)));
  };
  return [width, choose];
}
