import { useEffect, useState } from 'react';

/**
 * An element's width in pixels (0 until measured), kept current as the window
 * (or anything around it) resizes. A ResizeObserver reports the first size as
 * soon as it starts observing.
 */
export function useElementWidth(element: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width));
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);
  return width;
}
