import { useRef, useState } from 'react';

interface Props {
  /** The reader's width in pixels, and how narrow and wide it may be. */
  value: number;
  min: number;
  max: number;
  onChange(width: number): void;
  /** The id of the panel it resizes. */
  controls: string;
}

/** Pixels per arrow key press; with Shift, four times as many. */
const STEP = 24;

/**
 * The handle between the table and the reader (the ARIA window splitter):
 * drag it, or focus it and use ← → (Shift for bigger steps), Home for the
 * narrowest reader and End for the widest. It sits on the reader's left, so ←
 * widens the reader.
 */
export function Splitter({ value, min, max, onChange, controls }: Props) {
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const clamp = (width: number) => Math.round(Math.max(min, Math.min(max, width)));

  const onKeyDown = (event: React.KeyboardEvent) => {
    const step = event.shiftKey ? STEP * 4 : STEP;
    const next: Record<string, number> = { ArrowLeft: value + step, ArrowRight: value - step, Home: min, End: max };
    const to = next[event.key];
    if (to === undefined) return;
    event.preventDefault();
    onChange(clamp(to));
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Transcript width"
      aria-controls={controls}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={`${value} pixels wide`}
      tabIndex={0}
      title="Drag, or use ← and →, to resize the transcript"
      className={`splitter${dragging ? ' dragging' : ''}`}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { startX: event.clientX, startWidth: value };
        setDragging(true);
      }}
      onPointerMove={(event) => {
        if (drag.current) onChange(clamp(drag.current.startWidth + drag.current.startX - event.clientX));
      }}
      onPointerUp={() => {
        drag.current = null;
        setDragging(false);
      }}
      onPointerCancel={() => {
        drag.current = null;
        setDragging(false);
      }}
    />
  );
}
