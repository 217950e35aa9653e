import { useId, type ReactNode } from 'react';
import type { TooltipProps } from 'recharts';

/** A chart with its heading, which also names it for screen readers. */
export function ChartFrame({
  title,
  note,
  testId,
  empty,
  children,
}: {
  title: string;
  note?: string;
  testId: string;
  empty?: string | false;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="panel activity-chart" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {note && <p className="muted chart-note">{note}</p>}
      {empty ? <p className="chart-empty">{empty}</p> : children}
    </figure>
  );
}

/**
 * Tooltip colours from the app's theme (light or dark). Recharts sets these as
 * style properties, which the page's CSP allows (it forbids style attributes in markup and inline <style>).
 */
export const TOOLTIP_LOOK = {
  contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 6, color: 'var(--text)' },
  labelStyle: { color: 'var(--text)', fontWeight: 600 },
  cursor: { fill: 'var(--accent-soft)' },
} satisfies Partial<TooltipProps<number, string>>;

/** Room for a row of bars in a horizontal bar chart, so names never overlap. */
export const heightForBars = (bars: number) => 60 + bars * 30;
