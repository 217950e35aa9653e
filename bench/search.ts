import { CallListRequestSchema, type CallListRequest } from '../shared/calls';
import { createCore } from '../electron/app';
import { BENCH_SHELL } from './shell';
import { listCalls } from '../electron/store/call-list';
import { LIST_LIMITS } from '../electron/store/call-list-plan';
import type { Db } from '../electron/store/db';
import { DAY_MS } from '../shared/time';
import { count, ms, percentile } from './stats';
import type { BenchResult } from './table';

/**
 * Search and filter latency on a large store, as the calls table asks: each
 * request goes through `listCalls` with a page of 100 and its total; the IPC
 * figure goes through the app's own dispatcher (zod validation, handler) and
 * the structured clone Electron's IPC makes of the answer.
 */

const RELEVANCE = { column: 'relevance', direction: 'asc' } as const;

interface Sample {
  /** What the calls the text was taken from say: a name, a number, a reference. */
  contact_name: string;
  contact_number: string;
  summary: string;
  user_name: string;
  transcript: string | null;
}

/**
 * The fixed 50 searches: rare terms taken from calls spread over the store (a
 * full name, a surname, part of a phone number typed two ways, a reference),
 * words in most transcripts, one- and two-word queries and prefixes.
 */
export function searchQueries(db: Db): string[] {
  const total = db.prepare(`SELECT max(id) FROM calls`).pluck().get() as number;
  // Evenly spread over the store, so old and new calls are both asked for.
  const sample = (n: number): Sample[] =>
    Array.from(
      { length: n },
      (_, i) =>
        db
          .prepare(
            `SELECT c.contact_name, c.contact_number, coalesce(c.summary, '') AS summary, c.user_name, t.full_text AS transcript
           FROM calls c LEFT JOIN transcripts t ON t.call_id = c.id
           WHERE c.id >= ? AND c.summary IS NOT NULL AND t.call_id IS NOT NULL
             AND c.contact_name GLOB '[A-Z]*[a-z] [A-Z]*[a-z]' AND c.contact_name NOT GLOB '* * *' AND c.user_name NOT GLOB '* * *'
           ORDER BY c.id LIMIT 1`,
          )
          .get(Math.floor(((i + 0.5) * total) / n)) as Sample,
    );
  const calls = sample(16);
  const at = (i: number) => calls[i % calls.length] as Sample;
  const names = [0, 1, 2, 3, 4, 5].map((i) => at(i).contact_name); // full names: two rare words
  const surnames = [6, 7, 8].map((i) => at(i).contact_name.split(' ').at(-1) ?? '');
  const digits = (i: number) => at(i).contact_number.replace(/\D/g, '');
  const phoneParts = [
    ...[0, 1, 2, 3].map((i) => digits(i).slice(-7)), // "7890123"
    ...[4, 5].map((i) => `${digits(i).slice(3, 7)} ${digits(i).slice(7, 10)}`), // "7700 900"
    ...[6, 7].map((i) => `+${digits(i).slice(0, 2)} ${digits(i).slice(2, 6)} ${digits(i).slice(6)}`), // the whole number, formatted
  ];
  const refs = [9, 10, 11, 12].map((i) => /Ref (\w+)/.exec(at(i).summary)?.[1] ?? 'ZZZZZZ');
  const transcriptRefs = calls
    .map((c) => /number from the last application was (\w+)/.exec(c.transcript ?? '')?.[1])
    .filter((r): r is string => Boolean(r))
    .slice(0, 2);
  const queries = [
    ...names,
    ...surnames,
    ...phoneParts,
    ...refs,
    ...transcriptRefs,
    // In most transcripts or many summaries.
    'interview',
    'salary',
    'role',
    'thanks',
    'position',
    'calling',
    'details',
    'office',
    // Less common words, and two-word queries.
    'nurse',
    'electrician',
    'hybrid',
    'salary negotiable',
    'interview friday',
    'hybrid working',
    'late shift',
    'registered nurse',
    'warehouse operative',
    'payroll clerk',
    // A name with a common word, the way people narrow a search.
    `${surnames[0]} interview`,
    `${surnames[1]} salary`,
    `${at(13).user_name.split(' ')[0]} ${at(13).contact_name.split(' ')[0]}`,
    // Prefixes: three letters have their own index, longer ones merge every matching term.
    'sal*',
    'nur*',
    'interv*',
  ];
  while (queries.length < 50) queries.push(at(14 + queries.length).contact_name.split(' ')[0] ?? 'smith');
  return queries.slice(0, 50);
}

/** Typical filter, sort and first-page requests of the calls screen. */
export function filterRequests(db: Db, nowMs: number): [name: string, request: CallListRequest][] {
  const connection = db.prepare(`SELECT id FROM connections ORDER BY id LIMIT 1 OFFSET 1`).pluck().get() as number;
  const user = db.prepare(`SELECT user_id FROM calls WHERE id = (SELECT max(id) / 2 FROM calls)`).pluck().get() as string;
  const lastDays = (days: number) => ({ fromMs: nowMs - days * DAY_MS, toMs: nowMs });
  const sorts: CallListRequest['sort'][] = (['startedAt', 'talkSeconds', 'contactName', 'userName', 'status', 'direction', 'connection'] as const).flatMap(
    (column) => [
      { column, direction: 'asc' as const },
      { column, direction: 'desc' as const },
    ],
  );
  return [
    ['all calls, newest first', {}],
    ['last 7 days', { filters: lastDays(7) }],
    ['last 30 days', { filters: lastDays(30) }],
    ['a month a year ago', { filters: { fromMs: nowMs - 365 * DAY_MS, toMs: nowMs - 335 * DAY_MS } }],
    ['one connection', { filters: { connectionIds: [connection] } }],
    ['inbound', { filters: { directions: ['inbound'] } }],
    ['missed', { filters: { statuses: ['missed'] } }],
    ['missed or no answer', { filters: { statuses: ['missed', 'no_answer'] } }],
    ['one user', { filters: { userIds: [user] } }],
    ['has transcript', { filters: { hasTranscript: true } }],
    ['no transcript', { filters: { hasTranscript: false } }],
    ['at least 10 min', { filters: { minTalkSeconds: 600 } }],
    ['connection, 30 days, missed', { filters: { connectionIds: [connection], ...lastDays(30), statuses: ['missed'] } }],
    ['user, transcript, longest first', { filters: { userIds: [user], hasTranscript: true }, sort: { column: 'talkSeconds', direction: 'desc' } }],
    [
      'inbound answered 7 days, by contact',
      { filters: { directions: ['inbound'], statuses: ['answered'], ...lastDays(7) }, sort: { column: 'contactName', direction: 'asc' } },
    ],
    ['deleted and test calls included', { filters: { includeDeleted: true, includeTestCalls: true } }],
    ...sorts.map((sort): [string, CallListRequest] => [`sorted by ${sort?.column} ${sort?.direction}`, { sort }]),
  ];
}

/** Median of `runs` timings of each request, after one untimed pass over all of them. */
function timeEach<T>(items: readonly T[], run: (item: T) => unknown, runs = 3): number[] {
  for (const item of items) run(item);
  const timings = items.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    items.forEach((item, i) => {
      const started = performance.now();
      run(item);
      timings[i]?.push(performance.now() - started);
    });
  }
  return timings.map((t) => percentile(t, 50));
}

async function timeEachAsync<T>(items: readonly T[], run: (item: T) => Promise<unknown>, runs = 3): Promise<number[]> {
  for (const item of items) await run(item);
  const timings = items.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    for (const [i, item] of items.entries()) {
      const started = performance.now();
      await run(item);
      timings[i]?.push(performance.now() - started);
    }
  }
  return timings.map((t) => percentile(t, 50));
}

/** The main process's dispatcher as the app builds it (electron/app.ts); only `calls/list` is asked. */
function ipcDispatch(db: Db) {
  return createCore({ databasePath: db.name, db, version: 'bench', workerFile: null, shell: BENCH_SHELL }).dispatch;
}

const slowest = (names: readonly string[], timings: readonly number[], n = 3) =>
  timings
    .map((t, i) => ({ t, name: names[i] ?? '' }))
    .sort((a, b) => b.t - a.t)
    .slice(0, n)
    .map(({ t, name }) => `"${name}" ${ms(t)}`)
    .join(', ');

export async function benchSearch(db: Db, options: { label: string; nowMs: number }): Promise<BenchResult[]> {
  const area = `Search (${options.label})`;
  const queries = searchQueries(db);
  const searchRequests = queries.map((search) => CallListRequestSchema.parse({ search, sort: RELEVANCE, limit: 100 }));
  const searchTimes = timeEach(searchRequests, (request) => listCalls(db, request));
  const totals = searchRequests.map((request) => listCalls(db, request));
  const capped = totals.filter((p) => p.totalCapped).length;

  const filters = filterRequests(db, options.nowMs);
  const filterTimes = timeEach(filters, ([, request]) => listCalls(db, CallListRequestSchema.parse(request)));

  const dispatch = ipcDispatch(db);
  const viaIpc = async (request: CallListRequest) => {
    const result = await dispatch('calls/list', request);
    if (!result.ok) throw new Error(`calls/list failed: ${result.error.message}`);
    return structuredClone(result.value);
  };
  const ipcSearch = await timeEachAsync(queries, (search) => viaIpc({ search, sort: RELEVANCE, limit: 100 }));
  const ipcFilter = await timeEachAsync(filters, ([, request]) => viaIpc(request));

  // Prefixes longer than the three-letter prefix index: the slowest class before they were searched as their words.
  const prefixes = [
    'interv*',
    'intervi*',
    'negoti*',
    'salar*',
    'positi*',
    'thank*',
    'calli*',
    'detai*',
    'offic*',
    'hybri*',
    'nurse*',
    'electr*',
    'warehou*',
    'registe*',
    'payrol*',
    'relocat*',
  ];
  const prefixRequests = prefixes.map((search) => CallListRequestSchema.parse({ search, sort: RELEVANCE, limit: 100 }));
  const prefixTimes = timeEach(prefixRequests, (request) => listCalls(db, request));
  const p95Prefix = percentile(prefixTimes, 95);

  const p95Search = percentile(searchTimes, 95);
  const p95Filter = percentile(filterTimes, 95);
  const worstIpc = Math.max(...ipcSearch, ...ipcFilter);
  return [
    {
      area,
      measure: `full-text search, ${queries.length} queries, first page of 100 by relevance with total: p50 / p95`,
      result: `${ms(percentile(searchTimes, 50))} / ${ms(p95Search)}`,
      target: 'p95 < 50 ms',
      met: p95Search < 50,
      note: `Median of 3 runs per query after a warm-up pass. Slowest: ${slowest(queries, searchTimes)}. ${capped} of ${queries.length} totals were capped ("${count(LIST_LIMITS.count)}+").`,
    },
    {
      area,
      measure: `prefix search (4+ letters), ${prefixes.length} queries, first page of 100 by relevance with total: p50 / p95`,
      result: `${ms(percentile(prefixTimes, 50))} / ${ms(p95Prefix)}`,
      target: 'p95 < 50 ms',
      met: p95Prefix < 50,
      note: `Each searched as the words the index holds with that prefix, joined by OR (store/prefix-terms.ts), unless there are more than 24. Median of 3 runs per query after a warm-up pass. Slowest: ${slowest(prefixes, prefixTimes)}.`,
    },
    {
      area,
      measure: `filter + sort + first page with total, ${filters.length} requests: p50 / p95`,
      result: `${ms(percentile(filterTimes, 50))} / ${ms(p95Filter)}`,
      target: 'p95 < 30 ms',
      met: p95Filter < 30,
      note: `Date ranges, connection, direction, status, user, transcript, minimum duration, combinations, and each sortable column both ways. Slowest: ${slowest(
        filters.map(([name]) => name),
        filterTimes,
      )}.`,
    },
    {
      area,
      measure: 'first page within 100 ms of the query reaching main (IPC dispatch + clone), worst search / worst filter',
      result: `${ms(Math.max(...ipcSearch))} / ${ms(Math.max(...ipcFilter))}`,
      target: 'every request < 100 ms',
      met: worstIpc < 100,
      note: 'Through createDispatch + createHandlers (zod validation, handler, result), plus a structured clone of the page as Electron IPC makes; median of 3 runs per request.',
    },
  ];
}
