import { useEffect, useId, useMemo, useState } from 'react';
import { activityTotalsRow, personId, personKeyOf, type ActivitySummary, type ActivityTotals } from '../../../../shared/activity';
import type { MetricId } from '../../../../shared/activity-metrics';
import type { HandlerKind } from '../../../../shared/calls';
import { teamRows } from '../../../../shared/teams';
import { useApp } from '../../app/context';
import { ActivityTable, type TableRow } from './ActivityTable';
import { activityColumns } from './columns';
import { AnswerRateChart } from './AnswerRateChart';
import { CallsPerDayChart } from './CallsPerDayChart';
import { answerRates, callsPerDay, topTalkTime } from './chart-data';
import { drillDown, type ActivityScope, type CallsOf } from './drill-down';
import { KpiTiles } from './KpiTiles';
import { TalkTimeChart } from './TalkTimeChart';

export type ActivityGrouping = 'people' | 'teams';

/** How a section names what it holds. */
export const SECTIONS: { kind: HandlerKind; title: string; one: string; many: string }[] = [
  { kind: 'recruiter', title: 'Recruiters', one: 'recruiter', many: 'recruiters' },
  { kind: 'ai_agent', title: 'AI agents', one: 'AI agent', many: 'AI agents' },
];

interface Props {
  section: (typeof SECTIONS)[number];
  summary: ActivitySummary;
  scope: ActivityScope;
  grouping: ActivityGrouping;
}

/** A row in the table and who its calls belong to. */
interface SectionRow extends TableRow {
  of: CallsOf;
}

/**
 * One kind of caller (recruiters, or voice-AI agents) on its own: headline
 * figures with their change, a row per person or per team, and charts. Every
 * figure opens its calls on the Calls screen.
 */
export function ActivitySection({ section, summary, scope, grouping }: Props) {
  const { openCalls } = useApp();
  const headingId = useId();
  const { kind } = section;

  const { rows, total, previousTotal } = useMemo(() => {
    const people = summary.users.filter((u) => u.kind === kind);
    const before = summary.previous.users.filter((u) => u.kind === kind);
    const previousOf = new Map(before.map((u) => [personId(personKeyOf(u)), u]));
    const sectionRows: SectionRow[] =
      grouping === 'people'
        ? people.map((u) => {
            const key = personId(personKeyOf(u));
            return { key, current: u, previous: previousOf.get(key), of: { kind, people: [personKeyOf(u)], label: u.user } };
          })
        : teamRows(kind, summary.teams, summary.users, summary.previous.users).map((t) => ({
            key: t.teamId === null ? 'no-team' : `team:${t.teamId}`,
            current: t.current,
            previous: t.previous,
            of: { kind, people: t.members, label: t.teamId === null ? `${section.title} in no team` : `Team ${t.name}` },
          }));
    const named = (r: ActivityTotals): ActivityTotals => ({ ...r, kind, user: 'Total' });
    return { rows: sectionRows, total: named(activityTotalsRow(people)), previousTotal: before.length ? named(activityTotalsRow(before)) : undefined };
  }, [summary, kind, grouping, section.title]);

  // Six SVG charts take longer to draw than the figures above them: the figures come first.
  const [chartsReady, setChartsReady] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setChartsReady(true), 0);
    return () => clearTimeout(timer);
  }, []);

  const rowOf = useMemo(() => new Map(rows.map((r) => [r.current, r])), [rows]);
  const columns = useMemo(() => activityColumns(summary.trackers), [summary.trackers]);
  const daily = useMemo(
    () =>
      callsPerDay(
        summary.daily.filter((d) => d.kind === kind),
        scope.range,
      ),
    [summary.daily, kind, scope.range],
  );
  const current = rows.map((r) => r.current);
  const who = grouping === 'teams' ? 'team' : section.one;

  const open = (of: CallsOf, metric?: MetricId, day?: string) => openCalls(drillDown(scope, of, metric, day));
  const everyone: CallsOf = { kind, label: section.title };
  const openRow = (row: ActivityTotals) => {
    const found = rowOf.get(row);
    if (found) open(found.of);
  };

  return (
    <section className="activity-section" aria-labelledby={headingId} data-kind={kind}>
      <h2 id={headingId}>
        {section.title} <span className="muted count">({grouping === 'teams' ? `${rows.length} ${rows.length === 1 ? 'row' : 'rows'}` : rows.length})</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted section-empty">No {section.many} had calls in this range.</p>
      ) : (
        <>
          <KpiTiles
            label={section.title}
            total={total}
            previous={previousTotal}
            previousRange={summary.previous.range}
            onOpen={(metric) => open(everyone, metric)}
          />
          <ActivityTable
            label={`${section.title}${grouping === 'teams' ? ' by team' : ''}`}
            rows={rows}
            total={{ key: `total:${kind}`, current: total, previous: previousTotal }}
            onOpen={(row) => open((row as SectionRow).of)}
            openLabel={(row) => `Show the calls of ${row.current.user}`}
            columns={columns}
          />
          {chartsReady && (
            <div className="activity-charts">
              <CallsPerDayChart data={daily} who={section.many} onOpen={(day) => open(everyone, 'answerRate', day)} />
              <div className="chart-pair">
                <TalkTimeChart data={topTalkTime(current)} who={who} onOpen={openRow} />
                <AnswerRateChart data={answerRates(current)} who={who} onOpen={openRow} />
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
