import { DAY_MS } from '../../shared/time';
import type { Db } from './db';
import { prepared } from './statements';

/**
 * Day totals: what Activity needs from calls, summed per person and UTC day
 * ahead of time (migration 14), so a range reads one row per person per day,
 * not every call in it. On a million calls, 90 days of calls took 3.2 s to
 * sum, their day rows take milliseconds (bench/activity.ts).
 *
 * Two things keep the figures exact:
 * - A day whose calls, conversation figures or tracker hits change is marked
 *   in `activity_days_dirty` by triggers, in the writer's own transaction;
 *   until `refreshActivityDays` sums it again it is read from the calls
 *   themselves ("live").
 * - A range in the user's zone rarely starts or ends on a UTC midnight: its
 *   partial first and last days are read live too.
 * So a read is the day rows of the clean whole days plus the calls of
 * everything else, in one statement (one snapshot: a refresh in between
 * cannot count a day twice).
 */
/** How one per-call figure is kept: its value for one call, and how values combine over a day's calls and a range's days. */
export interface DayFigure {
  /** Column in the day table, and the name a read gives it. */
  column: string;
  /** Its value for one row of the table's source. */
  perCall: string;
  combine: 'sum' | 'max';
}

/** One day table: where its rows come from, what identifies a row within a day, and its figures. */
export interface DayTable {
  table: string;
  /** The same rows summed per 7 UTC days (migration 15), read for the whole weeks of a range. */
  weeks: string;
  /** Every key the table has held a row for (migration 15): the people a per-person read seeks. */
  people: string;
  /** `[column, value in the source]` for what identifies a row within a day (a person, a tracker). */
  keys: readonly (readonly [string, string])[];
  figures: readonly DayFigure[];
  /**
   * The source rows of the spans in `spans` (a table with `from_ms`, `to_ms`,
   * aliased `d`): FROM … WHERE, test calls left out.
   */
  from: (spans: string) => string;
  /** The source row's start time. */
  start: string;
  /** True for a call deleted or gone at the vendor. */
  deleted: string;
  connection: string;
  /**
   * When the source has several rows per call (a tracker hit on both sides):
   * what identifies a call, whose rows then count once, each figure their max.
   */
  perCallGroup?: string;
}

/** Days per week total (migration 15): week = day / 7, in UTC days since the epoch. */
const WEEK_DAYS = 7;

/**
 * Whole UTC days inside [fromMs, toMs) (`firstDay` to `endDay`, exclusive),
 * the partial edges read live (`leadTo`, `trailFrom`), and the whole weeks
 * among those days (`firstWeek` to `endWeek`, their days from `weeksFromDay`
 * to `weeksToDay`).
 */
export interface DayPlan {
  fromMs: number;
  toMs: number;
  firstDay: number;
  endDay: number;
  leadTo: number;
  trailFrom: number;
  firstWeek: number;
  endWeek: number;
  weeksFromDay: number;
  weeksToDay: number;
}

function dayPlan(fromMs: number, toMs: number): DayPlan {
  const firstDay = Math.ceil(fromMs / DAY_MS);
  const endDay = Math.floor(toMs / DAY_MS);
  // Less than one whole UTC day: all of it live.
  if (endDay <= firstDay) return { fromMs, toMs, firstDay: 0, endDay: 0, leadTo: toMs, trailFrom: toMs, ...noWeeks(0) };
  const days = { fromMs, toMs, firstDay, endDay, leadTo: firstDay * DAY_MS, trailFrom: endDay * DAY_MS };
  const firstWeek = Math.ceil(firstDay / WEEK_DAYS);
  const endWeek = Math.floor(endDay / WEEK_DAYS);
  // No whole week: every day from the day rows.
  if (endWeek <= firstWeek) return { ...days, ...noWeeks(endDay) };
  return { ...days, firstWeek, endWeek, weeksFromDay: firstWeek * WEEK_DAYS, weeksToDay: endWeek * WEEK_DAYS };
}

/** No week read: the day spans' lead runs up to `endDay`, and nothing follows. */
const noWeeks = (endDay: number) => ({ firstWeek: 0, endWeek: 0, weeksFromDay: endDay, weeksToDay: endDay });

/** The parameters `readSpans` and the reads below take. */
export function dayParams(fromMs: number, toMs: number, connectionId: number | undefined, excludeDeleted: boolean | undefined) {
  return { ...dayPlan(fromMs, toMs), connectionId: connectionId ?? null, excludeDeleted: excludeDeleted ? 1 : 0 };
}

const marked = (t: DayTable) => `SELECT day FROM activity_days_dirty WHERE day_table = '${t.table}'`;

/**
 * The spans a read of `t` takes (parameters from `dayParams`):
 * - `live_spans`, read from the source rows: the partial edges, and every
 *   whole day whose `t` rows are not current. Days are marked per day table:
 *   a tracker's new hits leave the call and conversation day rows current, so
 *   its save sums tracker days alone.
 * - `day_spans`, read from the day rows by `summedPerPerson`: the days around
 *   the whole weeks, and the weeks with a marked day (whose other days are
 *   current), in UTC day numbers, [from_day, to_day).
 */
export const readSpans = (t: DayTable): string => `live_spans (from_ms, to_ms) AS (
    SELECT @fromMs, @leadTo WHERE @fromMs < @leadTo
    UNION ALL SELECT @trailFrom, @toMs WHERE @trailFrom < @toMs
    UNION ALL SELECT day * ${DAY_MS}, (day + 1) * ${DAY_MS} FROM activity_days_dirty
      WHERE day_table = '${t.table}' AND day >= @firstDay AND day < @endDay),
  day_spans (from_day, to_day) AS (
    SELECT @firstDay, @weeksFromDay WHERE @firstDay < @weeksFromDay
    UNION ALL SELECT @weeksToDay, @endDay WHERE @weeksToDay < @endDay
    UNION ALL SELECT DISTINCT day / ${WEEK_DAYS} * ${WEEK_DAYS}, (day / ${WEEK_DAYS} + 1) * ${WEEK_DAYS} FROM activity_days_dirty
      WHERE day_table = '${t.table}' AND day >= @weeksFromDay AND day < @weeksToDay)`;

/** The stored rows (`r`) a read of `t` takes: current whole days, within the read's connection and deleted-call choice. */
const storedRowsWanted = (t: DayTable) => `r.day >= @firstDay AND r.day < @endDay AND ${currentDayRows(t, 'r')}`;

/** Day rows (`alias`) that are current, within the read's connection and deleted-call choice. */
const currentDayRows = (t: DayTable, alias: string) => `${alias}.day NOT IN (${marked(t)}) AND ${deletedAndConnection(alias)}`;

const deletedAndConnection = (alias: string) =>
  `(@excludeDeleted = 0 OR ${alias}.is_deleted = 0) AND (@connectionId IS NULL OR ${alias}.connection_id = @connectionId)`;

/** The same choice for the live source rows (appended to `t.from`'s WHERE). */
const liveRowsWanted = (t: DayTable) => `AND (@excludeDeleted = 0 OR NOT (${t.deleted})) AND (@connectionId IS NULL OR ${t.connection} = @connectionId)`;

/** A figure over one call's source rows: the row's value, or the max over them when a call has several. */
const perCallValue = (t: DayTable, f: DayFigure) => (t.perCallGroup ? `max(${f.perCall})` : f.perCall);

/**
 * A day table's rows over a range: the clean whole days' stored rows and the
 * live rows of the rest (one per call), each with `day`, the keys and the
 * figures under their column names. Put `WITH ${readSpans(t)}` in front, and
 * combine them with `combinedFigures`.
 */
export function dayRows(t: DayTable): string {
  const stored = [...t.keys.map(([column]) => `r.${column} AS ${column}`), ...t.figures.map((f) => `r.${f.column} AS ${f.column}`)];
  const live = [...t.keys.map(([column, value]) => `${value} AS ${column}`), ...t.figures.map((f) => `${perCallValue(t, f)} AS ${f.column}`)];
  return `
    SELECT r.day AS day, ${stored.join(', ')}
    FROM ${t.table} r
    WHERE ${storedRowsWanted(t)}
    UNION ALL
    SELECT ${t.start} / ${DAY_MS} AS day, ${live.join(', ')}
    FROM ${t.from('live_spans')} ${liveRowsWanted(t)}
    ${t.perCallGroup ? `GROUP BY ${t.perCallGroup}` : ''}`;
}

/**
 * `dayRows` already summed per `by` (day-table columns: `day` and key columns),
 * for reads that need no more detail: the stored rows are summed as they are
 * read from `index` (a covering index starting with `by`), with no sort of
 * every day row (on a million calls, 90 days: 16 ms instead of 58 ms), and
 * only the few live rows are sorted. Group the result by `by` again.
 */
export function summedDayRows(t: DayTable, by: readonly string[], index: string, only?: readonly string[]): string {
  // `only`: the figures the read needs, so an index holding just those covers it.
  const figures = only ? t.figures.filter((f) => only.includes(f.column)) : t.figures;
  const stored = [...by.map((c) => `r.${c} AS ${c}`), ...figures.map((f) => `${f.combine}(r.${f.column}) AS ${f.column}`)];
  return `
    SELECT ${stored.join(', ')}
    FROM ${t.table} r INDEXED BY ${index}
    WHERE ${storedRowsWanted(t)}
    GROUP BY ${by.map((c) => `r.${c}`).join(', ')}
    UNION ALL
    ${summedLiveRows(t, by, figures)}`;
}

/**
 * `summedDayRows` per key (per person, or person and tracker), person by
 * person from the table's people (migration 15): each person's current whole
 * weeks from the week table, their other current days from `index` (a
 * covering index of the keys, then `day`) over `day_spans`, both sought by
 * key and range. A read then costs what its weeks and edge days hold, not
 * every day row of the range, nor every day of the year an index holds.
 * Put `WITH ${readSpans(t)}` in front; group the result by the keys again.
 */
export function summedPerPerson(t: DayTable, index: string): string {
  const keys = t.keys.map(([column]) => column);
  const stored = (alias: string) => [...keys.map((c) => `p.${c} AS ${c}`), ...t.figures.map((f) => `${f.combine}(${alias}.${f.column}) AS ${f.column}`)];
  // `user_id` may be NULL (the platform did not say which agent): IS, which the index seek takes like =.
  const samePerson = (alias: string) => keys.map((c) => `${alias}.${c} IS p.${c}`).join(' AND ');
  const byPerson = `GROUP BY ${keys.map((c) => `p.${c}`).join(', ')}`;
  return `
    SELECT ${stored('w').join(', ')}
    FROM ${t.people} p CROSS JOIN ${t.weeks} w INDEXED BY ${t.weeks}_by_person ON ${samePerson('w')}
    WHERE w.week >= @firstWeek AND w.week < @endWeek AND w.week NOT IN (SELECT day / ${WEEK_DAYS} FROM (${marked(t)}))
      AND ${deletedAndConnection('w')}
    ${byPerson}
    UNION ALL
    SELECT ${stored('r').join(', ')}
    FROM ${t.people} p CROSS JOIN day_spans s CROSS JOIN ${t.table} r INDEXED BY ${index}
      ON ${samePerson('r')} AND r.day >= s.from_day AND r.day < s.to_day
    WHERE ${currentDayRows(t, 'r')}
    ${byPerson}
    UNION ALL
    ${summedLiveRows(t, keys, t.figures)}`;
}

/** The live rows of `summedDayRows`, summed per `by`. */
function summedLiveRows(t: DayTable, by: readonly string[], figures: readonly DayFigure[]): string {
  const live = (column: string) => (column === 'day' ? `${t.start} / ${DAY_MS}` : (t.keys.find(([c]) => c === column)?.[1] ?? column));
  // A source with several rows per call (a tracker hit on both sides) is made one row per call first.
  return t.perCallGroup
    ? `SELECT ${by.join(', ')}, ${figures.map((f) => `${f.combine}(${f.column}) AS ${f.column}`).join(', ')}
       FROM (SELECT ${[...by.map((c) => `${live(c)} AS ${c}`), ...figures.map((f) => `max(${f.perCall}) AS ${f.column}`)].join(', ')}
             FROM ${t.from('live_spans')} ${liveRowsWanted(t)} GROUP BY ${t.perCallGroup})
       GROUP BY ${by.join(', ')}`
    : `SELECT ${[...by.map((c) => `${live(c)} AS ${c}`), ...figures.map((f) => `${f.combine}(${f.perCall}) AS ${f.column}`)].join(', ')}
       FROM ${t.from('live_spans')} ${liveRowsWanted(t)}
       GROUP BY ${by.map(live).join(', ')}`;
}

/** `dayRows`' figures combined over a group, under their column names. */
const combinedFigures = (t: DayTable, alias: string): string => t.figures.map((f) => `${f.combine}(${alias}.${f.column}) AS ${f.column}`).join(', ');

/** Sums a day table's rows again for the days in @days (a JSON array of UTC day numbers). */
function refillSql(t: DayTable): string {
  const keyColumns = t.keys.map(([column]) => column);
  const columns = ['day', ...keyColumns, 'is_deleted', ...t.figures.map((f) => f.column)];
  // One row per call (or per source row), then summed per day and key.
  const perCall = `SELECT ${t.start} / ${DAY_MS} AS day, ${t.keys.map(([column, value]) => `${value} AS ${column}`).join(', ')},
      (${t.deleted}) AS is_deleted, ${t.figures.map((f) => `${perCallValue(t, f)} AS ${f.column}`).join(', ')}
    FROM ${t.from('refill_spans')} ${t.perCallGroup ? `GROUP BY ${t.perCallGroup}` : ''}`;
  return `WITH refill_spans (from_ms, to_ms) AS (SELECT value * ${DAY_MS}, (value + 1) * ${DAY_MS} FROM json_each(@days))
    INSERT INTO ${t.table} (${columns.join(', ')})
    SELECT day, ${keyColumns.join(', ')}, is_deleted, ${combinedFigures(t, 'p')}
    FROM (${perCall}) p GROUP BY day, ${keyColumns.join(', ')}, is_deleted`;
}

/** Sums a day table's week rows again for the weeks in @weeks (a JSON array of week numbers), from its day rows. */
function refillWeeksSql(t: DayTable): string {
  const keyColumns = t.keys.map(([column]) => column);
  const columns = ['week', ...keyColumns, 'is_deleted', ...t.figures.map((f) => f.column)];
  return `INSERT INTO ${t.weeks} (${columns.join(', ')})
    SELECT w.value, ${keyColumns.map((c) => `r.${c}`).join(', ')}, r.is_deleted, ${combinedFigures(t, 'r')}
    FROM json_each(@weeks) w CROSS JOIN ${t.table} r ON r.day >= w.value * ${WEEK_DAYS} AND r.day < (w.value + 1) * ${WEEK_DAYS}
    GROUP BY w.value, ${keyColumns.map((c) => `r.${c}`).join(', ')}, r.is_deleted`;
}

/** Sums the weeks of `days` (JSON array of UTC day numbers) again. */
function refillWeeks(db: Db, t: DayTable, days: string): void {
  const weeks = JSON.stringify(prepared<[string], number>(db, `SELECT DISTINCT value / ${WEEK_DAYS} FROM json_each(?)`).pluck().all(days));
  prepared(db, `DELETE FROM ${t.weeks} WHERE week IN (SELECT value FROM json_each(?))`).run(weeks);
  prepared(db, refillWeeksSql(t)).run({ weeks });
}

/** Sums every week of a day table again from its day rows (the migration that adds the week rows). */
export function refillAllWeeks(db: Db, t: DayTable): void {
  refillWeeks(db, t, JSON.stringify(prepared<[], number>(db, `SELECT DISTINCT day FROM ${t.table}`).pluck().all()));
}

/** Days summed per transaction: a refresh holds the write lock for tens of milliseconds at a time, not seconds. */
const DAYS_PER_STEP = 7;

/**
 * Sums again every day marked dirty, table by table, a few days per
 * transaction, and their weeks (a week with a day still marked is summed
 * again with that day), yielding the count summed after each (to let other
 * work run between them).
 */
export function* refreshDaysInSteps(db: Db, tables: readonly DayTable[]): Generator<number, void> {
  for (const t of tables) {
    const nextDays = prepared<[string, number], number>(db, `SELECT day FROM activity_days_dirty WHERE day_table = ? ORDER BY day LIMIT ?`).pluck();
    const step = db.transaction(() => {
      const days = nextDays.all(t.table, DAYS_PER_STEP);
      if (days.length === 0) return 0;
      const json = JSON.stringify(days);
      prepared(db, `DELETE FROM ${t.table} WHERE day IN (SELECT value FROM json_each(?))`).run(json);
      prepared(db, refillSql(t)).run({ days: json });
      refillWeeks(db, t, json);
      prepared(db, `DELETE FROM activity_days_dirty WHERE day_table = ? AND day IN (SELECT value FROM json_each(?))`).run(t.table, json);
      return days.length;
    });
    for (let summed = step.immediate(); summed > 0; summed = step.immediate()) yield summed;
  }
}
