import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import { CallListRequestSchema, type CallListQuery, type CallRow } from '../shared/calls';
import { callCells, writeCallsReport } from '../electron/reports/calls-report';
import { selectedCalls } from '../electron/store/call-selection';
import { openDatabase } from '../electron/store/database';
import type { Db } from '../electron/store/db';
import { answer, runChild } from './child';
import { count, mib, seconds } from './stats';
import type { BenchResult } from './table';

/**
 * Export: the calls report against openpyxl's write-only workbook writing the
 * same rows, each in its own process so each peak memory is its own; and our
 * peak memory at two sizes, to show it stays flat.
 */

const TIME_ZONE = 'Europe/London';
const run = promisify(execFile);

export interface ExportInput {
  db: string;
  /** Calls that started at or after this: the newest N of the store. Null: every call. */
  fromMs: number | null;
  out: string;
}

export interface ExportAnswer {
  ms: number;
  rows: number;
  maxRssKb: number;
}

/** Every call (deleted and test calls too, so the sizes are exact), newest first, from `fromMs` on. */
function exportQuery(fromMs: number | null): CallListQuery {
  return CallListRequestSchema.parse({ filters: { includeDeleted: true, includeTestCalls: true, ...(fromMs === null ? {} : { fromMs }) } });
}

/** The child: the report as the app writes it, timed from the query to the saved file. */
export async function exportChild(input: ExportInput): Promise<void> {
  const db = openDatabase(input.db);
  const started = performance.now();
  const rows = await writeCallsReport(
    db,
    exportQuery(input.fromMs),
    { title: 'Calls', fromMs: input.fromMs, toMs: null, filters: [] },
    { file: input.out, timeZone: TIME_ZONE },
  );
  const ms = performance.now() - started;
  db.close();
  answer({ ms, rows, maxRssKb: process.resourceUsage().maxRSS } satisfies ExportAnswer);
}

/** The start time of the newest `n` calls' oldest, so `fromMs` selects exactly n (start times are distinct). */
function newest(db: Db, n: number): number | null {
  const total = db.prepare(`SELECT count(*) FROM calls`).pluck().get() as number;
  if (n >= total) return null;
  return db
    .prepare(`SELECT started_at_ms FROM calls ORDER BY started_at_ms DESC LIMIT 1 OFFSET ?`)
    .pluck()
    .get(n - 1) as number;
}

const csvField = (value: string | number | boolean | null): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The report's cells for one call, as text the Python script turns back into the same types. */
function csvLine(c: CallRow): string {
  return callCells(c)
    .map((value, column) => {
      if (column === 0) return DateTime.fromMillis(c.startedAtMs, { zone: TIME_ZONE }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
      if (typeof value === 'boolean') return value ? 'yes' : 'no';
      return value;
    })
    .map(csvField)
    .join(',');
}

function dumpCsv(db: Db, query: CallListQuery, file: string): number {
  const fd = fs.openSync(file, 'w');
  let rows = 0;
  try {
    for (const chunk of selectedCalls(db, query)) {
      fs.writeSync(fd, chunk.map(csvLine).join('\n') + '\n');
      rows += chunk.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  return rows;
}

async function openpyxl(script: string, csv: string, out: string, rows: number): Promise<ExportAnswer> {
  const { stdout } = await run('/usr/bin/python3', [script, csv, out, String(rows)], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ExportAnswer;
}

export async function benchExport(options: {
  dbFile: string;
  sizes: { compare: number; small: number; large: number };
  workDir: string;
  log: (line: string) => void;
}): Promise<BenchResult[]> {
  const { sizes, workDir } = options;
  const db = openDatabase(options.dbFile);
  const from = { compare: newest(db, sizes.compare), small: newest(db, sizes.small), large: newest(db, sizes.large) };
  const csv = path.join(workDir, 'export-rows.csv');
  options.log(`export: dumping ${count(sizes.compare)} rows for openpyxl…`);
  const dumped = dumpCsv(db, exportQuery(from.compare), csv);
  db.close();
  const script = path.resolve('bench/openpyxl_write.py');
  const ourFile = path.join(workDir, 'ours.xlsx');
  const theirFile = path.join(workDir, 'openpyxl.xlsx');

  // Alternated, best of two each: the machine is shared and noisy.
  const ours: ExportAnswer[] = [];
  const theirs: ExportAnswer[] = [];
  for (let round = 0; round < 2; round++) {
    options.log(`export: ${count(sizes.compare)} rows, ours then openpyxl (round ${round + 1} of 2)…`);
    ours.push(await runChild<ExportAnswer>('export', { db: options.dbFile, fromMs: from.compare, out: ourFile } satisfies ExportInput));
    theirs.push(await openpyxl(script, csv, theirFile, dumped));
  }
  const best = (answers: ExportAnswer[]) => answers.reduce((a, b) => (b.ms < a.ms ? b : a));
  const us = best(ours);
  const them = best(theirs);
  if (us.rows !== dumped || them.rows !== dumped) throw new Error(`export row counts differ: ours ${us.rows}, openpyxl ${them.rows}, dumped ${dumped}`);
  const speedup = them.ms / us.ms;

  options.log(`export: memory at ${count(sizes.small)} and ${count(sizes.large)} rows…`);
  const small =
    sizes.small === sizes.compare ? us : await runChild<ExportAnswer>('export', { db: options.dbFile, fromMs: from.small, out: ourFile } satisfies ExportInput);
  const large = await runChild<ExportAnswer>('export', { db: options.dbFile, fromMs: from.large, out: ourFile } satisfies ExportInput);
  const growth = large.maxRssKb / small.maxRssKb;
  for (const file of [csv, ourFile, theirFile]) fs.rmSync(file, { force: true });

  const kb = (k: number) => mib(k * 1024);
  return [
    {
      area: 'Export',
      measure: `calls report, ${count(dumped)} rows: wall time ours vs Python openpyxl write-only`,
      result: `${seconds(us.ms)} vs ${seconds(them.ms)}: ${speedup.toFixed(1)}x faster`,
      target: '≥ 2x faster',
      met: speedup >= 2,
      note: `Each in its own process, best of two alternating runs. Ours: writeCallsReport from the query to the renamed file (SQLite reads, Luxon dates in ${TIME_ZONE}, exceljs streaming zip, the About sheet). openpyxl (bench/openpyxl_write.py, /usr/bin/python3): the same 19 columns (CALL_COLUMNS, callCells) with the same types and number formats, header style, frozen row and autofilter, from reading a CSV of the rows (dumped beforehand, not timed) to the saved file.`,
    },
    {
      area: 'Export',
      measure: `peak memory (max RSS), ${count(dumped)} rows: ours vs openpyxl`,
      result: `${kb(us.maxRssKb)} vs ${kb(them.maxRssKb)}`,
      target: '',
      met: null,
      note: 'The whole process: Node with the app code and SQLite against the Python interpreter with openpyxl.',
    },
    {
      area: 'Export',
      measure: `peak memory, ${count(large.rows)} rows vs ${count(small.rows)} rows (ours)`,
      result: `${kb(large.maxRssKb)} vs ${kb(small.maxRssKb)}: ${growth.toFixed(2)}x (${seconds(large.ms)} for ${count(large.rows)})`,
      target: '≤ 1.5x',
      met: growth <= 1.5,
    },
  ];
}
