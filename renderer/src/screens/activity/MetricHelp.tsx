import { useId } from 'react';

/**
 * A "?" button that opens a figure's definition beside it: a popover, so it
 * opens with Enter or Space, closes with Esc or a click elsewhere, and is read
 * out as the button's description. Not a hover title: keyboards reach it.
 */
export function MetricHelp({ name, definition }: { name: string; definition: string }) {
  const id = useId();
  return (
    <>
      <button type="button" className="metric-help" popoverTarget={id} aria-label={`What “${name}” means`} aria-describedby={`${id}-text`}>
        ?
      </button>
      <div id={id} popover="auto" className="metric-definition" role="note" aria-label={`${name}: definition`}>
        <strong>{name}</strong>
        <p id={`${id}-text`}>{definition}</p>
      </div>
    </>
  );
}
