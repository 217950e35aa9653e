import { answerRate, answeredCalls, averageCallSeconds, type ActivityTotals } from '../../shared/activity';
import { ACTIVITY_METRICS, type ActivityMetricSpec, type FigureUnit } from '../../shared/activity-metric-list';
import { HANDLER_WORDS } from '../../shared/call-words';
import type { CellInput, ReportColumn, TotalCell, TotalsPlace } from './workbook';

/**
 * The columns of the activity workbook's per-person sheets, each in one entry:
 * its header and kind, how a person's cell is worked out (from their figures
 * and, for a change, their figures in the previous period), and what its totals
 * row holds. Adding a column to a sheet is adding one entry to its list.
 */
export interface ActivityColumn extends ReportColumn {
  /** For rate totals to name the columns they divide. */
  readonly id: string;
  value(row: ActivityTotals, previous: ActivityTotals | undefined): CellInput;
  /**
   * The totals row: `sum` is SUBTOTAL(109, …) over the rows (so a filter
   * totals only the rows it shows); a rate divides the totals of other columns;
   * none leaves it empty.
   */
  readonly total?: 'sum' | Rate;
}

/** A rate over totals: the sum of `numerator` columns divided by the sum of `denominator` columns. */
export interface Rate {
  readonly numerator: readonly string[];
  readonly denominator: readonly string[];
}

export const callsCounted = (r: ActivityTotals): number => answeredCalls(r) + r.missedCalls + r.noAnswerCalls;
export const talkSeconds = (r: ActivityTotals): number => r.inboundSeconds + r.outboundSeconds;

/** (now − before) / before; null when there is nothing to compare with (no previous row, or 0 before). */
export function relativeChange(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return (now - before) / before;
}

/** now − before, for shares, whose change is read in percentage points. */
export function pointsChange(now: number | null, before: number | null): number | null {
  return now === null || before === null ? null : now - before;
}

type Figure = (r: ActivityTotals) => number | null;

const text = (id: string, header: string, value: (r: ActivityTotals) => string | null): ActivityColumn => ({ id, header, kind: 'text', value });
const figure = (id: string, header: string, kind: ReportColumn['kind'], value: Figure, extra: Partial<ActivityColumn> = {}): ActivityColumn => ({
  id,
  header,
  kind,
  value,
  total: 'sum',
  ...extra,
});
const change = (of: string, header: string, value: Figure, compare: typeof relativeChange = relativeChange): ActivityColumn => ({
  id: `${of}Change`,
  header,
  kind: 'change',
  value: (r, previous) => (previous === undefined ? null : compare(value(r), value(previous))),
});

const NAME = text('user', 'Name', (r) => r.user);
const TYPE = text('kind', 'Type', (r) => HANDLER_WORDS[r.kind]);
const CONNECTION = text('connection', 'Connection', (r) => r.connection);

/**
 * The first sheet: one row per person (recruiters, then AI agents), the main
 * figures each with its change against the previous period of the same length.
 */
export const SUMMARY_COLUMNS: readonly ActivityColumn[] = [
  NAME,
  TYPE,
  CONNECTION,
  figure('calls', 'Calls', 'integer', callsCounted),
  change('calls', 'Calls change', callsCounted),
  figure('answered', 'Answered', 'integer', answeredCalls),
  figure('answeredShare', 'Answered share', 'percent', answerRate, {
    total: { numerator: ['answered'], denominator: ['calls'] },
    colourScale: 'redAmberGreen',
  }),
  change('answeredShare', 'Answered share change (pts)', answerRate, pointsChange),
  figure('talk', 'Talk time', 'duration', talkSeconds, { colourScale: 'whiteToBlue' }),
  change('talk', 'Talk time change', talkSeconds),
  figure('missed', 'Missed', 'integer', (r) => r.missedCalls),
  change('missed', 'Missed change', (r) => r.missedCalls),
  figure('average', 'Average length', 'duration', averageCallSeconds, { total: { numerator: ['talk'], denominator: ['answered'] } }),
  change('average', 'Average length change', averageCallSeconds),
];

/** How a report writes each kind of figure. */
const REPORT_KIND: Record<FigureUnit, ReportColumn['kind']> = { count: 'integer', seconds: 'duration', credits: 'decimal' };
const metricColumns = (metrics: readonly ActivityMetricSpec[]): ActivityColumn[] =>
  metrics.map((m) => figure(m.key, m.label, REPORT_KIND[m.unit], (r) => r[m.key]));

/**
 * Every figure of one person, as the vendors report them (the "Activity" and
 * "Activity by day" sheets): every metric of shared/activity-metric-list.ts in
 * its order, the answer rate and average length after the call figures.
 */
export const PERSON_COLUMNS: readonly ActivityColumn[] = [
  { ...NAME, header: 'User / agent' },
  TYPE,
  text('email', 'Email', (r) => r.email),
  CONNECTION,
  ...metricColumns(ACTIVITY_METRICS.filter((m) => m.group === 'calls')),
  figure('answerRate', 'Answer rate', 'percent', answerRate, {
    total: { numerator: ['inboundCalls', 'outboundCalls'], denominator: ['inboundCalls', 'outboundCalls', 'missedCalls', 'noAnswerCalls'] },
    colourScale: 'redAmberGreen',
  }),
  figure('averageCall', 'Average call length', 'duration', averageCallSeconds, {
    total: { numerator: ['inboundSeconds', 'outboundSeconds'], denominator: ['inboundCalls', 'outboundCalls'] },
  }),
  ...metricColumns(ACTIVITY_METRICS.filter((m) => m.group !== 'calls')),
];

const seconds = (ms: number | null | undefined): number | null => (ms === null || ms === undefined ? null : ms / 1000);
const BASIS_WORDS = { timed: 'Timed', words: 'Words', mixed: 'Mixed' } as const;

/**
 * What each person's stored transcripts add (shared/conversation.ts defines the
 * figures; ARCHITECTURE.md and the About sheet the method). A share and a
 * longest run have no meaningful sum, so only questions are totalled.
 */
export const CONVERSATION_COLUMNS: readonly ActivityColumn[] = [
  figure('talkShare', 'Talk share', 'percent', (r) => r.conversation?.talkShare ?? null, { total: undefined }),
  figure('longestMonologue', 'Longest monologue', 'duration', (r) => seconds(r.conversation?.longestMonologueMs), { total: undefined }),
  figure('longestMonologueWords', 'Longest monologue (words)', 'integer', (r) => r.conversation?.longestMonologueWords ?? null, { total: undefined }),
  figure('questionsAsked', 'Questions asked', 'integer', (r) => (r.conversation ? r.conversation.questionsAsked : null)),
  figure('contactLongestAnswer', "Contact's longest answer", 'duration', (r) => seconds(r.conversation?.contactLongestAnswerMs), { total: undefined }),
  text('conversationBasis', 'Conversation measured in', (r) => (r.conversation ? BASIS_WORDS[r.conversation.basis] : null)),
];

/** A column per saved tracker: how many of the person's calls hit it (either side). */
export const trackerColumns = (trackers: readonly { id: number; name: string }[]): ActivityColumn[] =>
  trackers.map((t) => figure(`tracker${t.id}`, `Tracker: ${t.name}`, 'integer', (r) => r.trackerCalls?.[t.id] ?? 0));

/** The day column that leads the per-day sheet. */
export const DAY_COLUMN: ActivityColumn = { id: 'day', header: 'Day', kind: 'date', value: (r) => r.day ?? null };

/**
 * The totals row's cells: "Total" in the first text column, SUBTOTAL(109, …) for
 * summed columns with the rows' sum as the result Excel shows before it
 * recalculates (and what readers that never calculate show), and rates as
 * formulas over those totals, so a filtered view's rate is right too.
 */
export function totalCells(columns: readonly ActivityColumn[], rows: readonly ActivityTotals[], at: TotalsPlace): TotalCell[] {
  const sums = new Map<string, number | null>();
  columns.forEach((column) => {
    if (column.total !== 'sum') return;
    const values = rows.map((r) => column.value(r, undefined)).filter((v): v is number => typeof v === 'number');
    sums.set(column.id, values.length ? values.reduce((a, b) => a + b, 0) : null);
  });
  const where = (id: string): number => {
    const index = columns.findIndex((c) => c.id === id);
    if (index < 0 || columns[index]?.total !== 'sum') throw new Error(`A rate's column "${id}" is not a summed column of this sheet.`);
    return index;
  };
  const label = columns.findIndex((c) => c.kind === 'text');
  return columns.map((column, index): TotalCell => {
    if (index === label) return 'Total';
    const total = column.total;
    if (total === undefined) return null;
    if (total === 'sum') return { formula: `SUBTOTAL(109,${at.range(index)})`, result: sums.get(column.id) ?? null };
    const top = total.numerator.map((id) => at.cell(where(id))).join('+');
    const bottom = total.denominator.map((id) => at.cell(where(id))).join('+');
    const add = (ids: readonly string[]): number => ids.reduce((s, id) => s + (sums.get(id) ?? 0), 0);
    const denominator = add(total.denominator);
    return { formula: `IF((${bottom})=0,"",(${top})/(${bottom}))`, result: denominator ? add(total.numerator) / denominator : null };
  });
}
