import { useEffect, useState } from 'react';

/** Relative times move on by themselves: "4 min ago" becomes "5 min ago" without a sync. */
const TICK_MS = 30_000;

/** The time now, updated every half minute: for "4 min ago" beside a time. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}
