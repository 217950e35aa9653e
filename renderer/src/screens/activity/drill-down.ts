import type { PersonKey } from '../../../../shared/activity';
import { metricDefinition, type MetricId } from '../../../../shared/activity-metrics';
import type { CallFilters, HandlerKind } from '../../../../shared/calls';
import type { CallsDrillDown } from '../../app/context';
import { formatDay } from '../../lib/format';
import type { DayRange } from '../../components/range/range';
import { DAY_MS } from '../../../../shared/time';

/** What the Activity screen's figures cover: a drill-down asks for calls on exactly the same terms. */
export interface ActivityScope {
  range: DayRange;
  /** The instants the range covers in the user's zone, from main (the summary's `rangeMs`). */
  rangeMs: { fromMs: number; toMs: number };
  connectionId: number | undefined;
  excludeDeleted: boolean;
}

/** Whose calls: one person, a team's members, or everyone of a kind (a section's tile). */
export interface CallsOf {
  kind: HandlerKind;
  /** Absent: everyone of the kind. */
  people?: readonly PersonKey[];
  /** "Amira Torphy", "Team Nurses desk", "AI agents". */
  label: string;
}

const rangeWords = (range: DayRange) => (range.fromDay === range.toDay ? formatDay(range.fromDay) : `${formatDay(range.fromDay)} – ${formatDay(range.toDay)}`);

/**
 * The calls behind a figure. Activity counts calls since deleted at the vendor
 * (unless the manager leaves them out) and never test calls; it counts only the
 * outcomes the metric names (calls: answered, missed, no answer). A day narrows
 * the range to that UTC day, the day the per-day rows are grouped by.
 */
export function drillDown(scope: ActivityScope, of: CallsOf, metric: MetricId = 'calls', day?: string): CallsDrillDown {
  const definition = metricDefinition(metric);
  const dayFrom = day ? Date.parse(`${day}T00:00:00Z`) : undefined;
  const fromMs = dayFrom === undefined ? scope.rangeMs.fromMs : Math.max(scope.rangeMs.fromMs, dayFrom);
  const toMs = dayFrom === undefined ? scope.rangeMs.toMs : Math.min(scope.rangeMs.toMs, dayFrom + DAY_MS);
  const filters: CallFilters = {
    fromMs,
    toMs,
    handlerKinds: [of.kind],
    ...(of.people ? { people: of.people.map((p) => ({ ...p })) } : {}),
    ...(scope.connectionId === undefined ? {} : { connectionIds: [scope.connectionId] }),
    ...(definition.statuses ? { statuses: [...definition.statuses] } : {}),
    ...(scope.excludeDeleted ? {} : { includeDeleted: true }),
  };
  return { title: `${of.label} · ${definition.name} · ${day ? formatDay(day) : rangeWords(scope.range)}`, filters };
}
