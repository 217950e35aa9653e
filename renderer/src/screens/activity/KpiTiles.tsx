import type { ActivityTotals } from '../../../../shared/activity';
import { CHANGE_DEFINITION, KPI_METRICS, metricDefinition, type MetricId } from '../../../../shared/activity-metrics';
import { formatDay } from '../../lib/format';
import type { DayRange } from '../../components/range/range';
import { changeText, formatMetric } from './change';
import { MetricHelp } from './MetricHelp';

const ARROWS = { up: '▲', down: '▼', flat: '', none: '' } as const;

/**
 * The headline figures of one section (recruiters, or AI agents), each with its
 * change against the period before. A tile's figure is a button: it opens the
 * calls behind it; its "?" opens the definition.
 */
export function KpiTiles({
  label,
  total,
  previous,
  previousRange,
  onOpen,
}: {
  label: string;
  total: ActivityTotals;
  previous: ActivityTotals | undefined;
  previousRange: DayRange;
  onOpen(metric: MetricId): void;
}) {
  const before = `${formatDay(previousRange.fromDay)} – ${formatDay(previousRange.toDay)}`;
  return (
    <ul className="kpi-tiles" aria-label={`${label}: headline figures`}>
      {KPI_METRICS.map((id) => {
        const metric = metricDefinition(id);
        const change = changeText(metric, total, previous);
        const beforeText = previous ? formatMetric(metric, previous) : 'none';
        return (
          <li key={id} className="kpi-tile" data-metric={id}>
            <div className="kpi-name">
              <span>{metric.name}</span>
              <MetricHelp name={metric.name} definition={metric.definition} />
            </div>
            <button
              type="button"
              className="kpi-value"
              onClick={() => onOpen(id)}
              aria-label={`${metric.name}: ${formatMetric(metric, total)}. Show these calls`}
            >
              {formatMetric(metric, total)}
            </button>
            <div className={`kpi-change change-${change.direction}`} title={`${CHANGE_DEFINITION} Before (${before}): ${beforeText}.`}>
              <span aria-hidden="true">{ARROWS[change.direction]} </span>
              {change.text} <span className="muted">vs {beforeText} before</span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
