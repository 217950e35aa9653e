import type { ActivityTotals } from '../../../../shared/activity';
import { metricChange, type MetricDefinition } from '../../../../shared/activity-metrics';
import { formatDuration, formatNumber, formatPercent } from '../../lib/format';

/** A figure as the user reads it: counts grouped, times as a call timer, shares as a percentage; "—" when there is none. */
export function formatMetric(metric: MetricDefinition, row: ActivityTotals): string {
  const value = metric.value(row);
  if (value === null) return '—';
  if (metric.unit === 'seconds') return formatDuration(value);
  if (metric.unit === 'share') return formatPercent(value);
  return formatNumber(metric.unit === 'credits' ? Math.round(value * 100) / 100 : value);
}

export interface ChangeText {
  /** "+12%", "−4 pts", "new", "no change", "—". */
  text: string;
  direction: 'up' | 'down' | 'flat' | 'none';
}

const signed = (n: number, unit: string) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${formatNumber(Math.abs(n))}${unit}`;

/** The change of a figure against the period before, in words that fit a cell. */
export function changeText(metric: MetricDefinition, current: ActivityTotals, previous: ActivityTotals | undefined): ChangeText {
  const change = metricChange(metric, current, previous);
  if (change === null) return { text: '—', direction: 'none' };
  if (change === 'new') return { text: 'new', direction: 'up' };
  const rounded = Math.round(change * 100);
  if (rounded === 0) return { text: 'no change', direction: 'flat' };
  return { text: signed(rounded, metric.change === 'points' ? ' pts' : '%'), direction: rounded > 0 ? 'up' : 'down' };
}
