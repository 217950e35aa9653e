import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { CallListRequestSchema } from '../../shared/calls';
import type { Db } from '../../electron/store/db';
import { openDatabase } from '../../electron/store/database';
import { writeActivityReport } from '../../electron/reports/activity-report';
import { writeCallsReport } from '../../electron/reports/calls-report';
import { activityQuery } from '../../electron/reports/range';
import { writeTranscriptsReport } from '../../electron/reports/transcripts-report';
import { readXlsx, sheetValues, type XlsxSheet, type XlsxValue } from '../helpers/openpyxl';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { tempDatabasePath, tempDir } from '../helpers/temp';
import { DAY_MS } from '../../shared/time';

/**
 * The workbooks a manager forwards (issue #14): the app's words, totals that
 * survive sorting, the change against the previous period, transcripts as
 * blocks, and print set-up that gives a readable page. Expected figures come
 * from SQL over the synced file, written here, not from the report code.
 */
const NOW = Date.UTC(2026, 10, 20, 12);
const TZ = 'Europe/London';
const scope = { title: 'Test report', fromMs: null, toMs: null, filters: [] };

/** The app's words, written out here: the test checks the workbook against what a recruiter reads, not against the code's table. */
const OUTCOMES: Record<string, string> = {
  answered: 'Answered',
  missed: 'Missed',
  no_answer: 'No answer',
  voicemail: 'Voicemail',
  busy: 'Busy',
  failed: 'Failed',
  in_progress: 'In progress',
  unknown: 'Unknown',
};
const DIRECTIONS: Record<string, string> = { inbound: 'Inbound', outbound: 'Outbound', unknown: 'Unknown' };
const HANDLERS: Record<string, string> = { recruiter: 'Recruiter', ai_agent: 'AI agent' };

const seconds = (v: XlsxValue): number => (typeof v === 'object' && v !== null && 'timedeltaSeconds' in v ? v.timedeltaSeconds : (v as number) * 86_400);
const wall = (ms: number): string => DateTime.fromMillis(ms, { zone: TZ }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
const day = (offsetDays: number): string => DateTime.fromMillis(NOW + offsetDays * DAY_MS, { zone: TZ }).toISODate() ?? '';

/** Landscape, one page wide, as many pages long as it takes, the header row on every page. */
function expectPrintSetUp(sheets: readonly XlsxSheet[]): void {
  expect(sheets.length).toBeGreaterThan(1);
  for (const sheet of sheets) {
    expect({ sheet: sheet.name, ...sheet.print, margins: undefined }).toEqual({
      sheet: sheet.name,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      titleRows: '$1:$1',
      margins: undefined,
    });
    expect(sheet.print.margins.left).toBeLessThanOrEqual(0.5);
  }
}

/** "A1:N12" → 12. */
const lastRowOf = (ref: string | null): number => Number(/(\d+)$/.exec(ref ?? '')?.[1] ?? NaN);

describe('workbooks worth forwarding', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 400, days: 40, rateLimits: 'off' });
  let db: Db;
  beforeAll(async () => {
    db = openDatabase(tempDatabasePath());
    for (const vendor of ['talentlynk', 'talknex'] as const) await syncFromSim(db, ctx.sim, addSimConnection(db, ctx.sim, vendor));
  });

  const allCalls = CallListRequestSchema.parse({ sort: { column: 'startedAt', direction: 'asc' } });

  it('calls: outcomes and directions in the app\'s words, a "Handled by" column, print set-up on every sheet', async () => {
    const file = path.join(tempDir(), 'calls.xlsx');
    const count = await writeCallsReport(db, allCalls, scope, { file, timeZone: TZ, nowMs: NOW });
    const sheets = readXlsx(file);
    expectPrintSetUp(sheets);
    const [header, ...rows] = sheetValues(sheets[1]!);
    const col = (name: string) => header!.indexOf(name);
    expect(rows.length).toBe(count);
    const expected = new Map(
      (
        db
          .prepare(
            `SELECT k.label || '|' || c.vendor_call_id AS id, c.direction, c.status, c.handler_kind FROM calls c JOIN connections k ON k.id = c.connection_id WHERE c.is_test = 0 AND c.deleted_at_ms IS NULL`,
          )
          .all() as {
          id: string;
          direction: string;
          status: string;
          handler_kind: string;
        }[]
      ).map((r) => [r.id, r]),
    );
    expect(expected.size).toBe(count);
    for (const row of rows) {
      const sql = expected.get(`${String(row[col('Connection')])}|${String(row[col('Vendor call ID')])}`)!;
      expect([row[col('Direction')], row[col('Outcome')], row[col('Handled by')]]).toEqual([
        DIRECTIONS[sql.direction],
        OUTCOMES[sql.status],
        HANDLERS[sql.handler_kind],
      ]);
    }
    // Both kinds and a code with an underscore are there, so the words were really needed.
    expect(new Set(rows.map((r) => r[col('Handled by')]))).toEqual(new Set(['Recruiter', 'AI agent']));
    expect(rows.some((r) => r[col('Outcome')] === 'No answer')).toBe(true);
    expect(rows.some((r) => ['no_answer', 'no answer', 'in_progress'].includes(String(r[col('Outcome')])))).toBe(false);
  });

  it('transcripts: one block per call with a real date in its heading, wrapped turns; calls without one listed apart', async () => {
    const file = path.join(tempDir(), 'transcripts.xlsx');
    const count = await writeTranscriptsReport(db, allCalls, scope, { file, timeZone: TZ, nowMs: NOW });
    const sheets = readXlsx(file);
    expect(sheets.map((s) => s.name)).toEqual(['About this report', 'Transcripts', 'No transcript']);
    expectPrintSetUp(sheets);
    const about = Object.fromEntries(sheetValues(sheets[0]!).map(([k, v]) => [k, v]));
    expect(about['Calls without a transcript']).toMatch(/"No transcript"/);

    const withTranscript = db
      .prepare(
        `SELECT c.id, c.started_at_ms AS startedAtMs, coalesce(c.contact_name, c.contact_number) AS contact FROM calls c JOIN transcripts t ON t.call_id = c.id
                WHERE t.status = 'completed' AND c.is_test = 0 AND c.deleted_at_ms IS NULL AND EXISTS (SELECT 1 FROM utterances u WHERE u.call_id = c.id) ORDER BY c.started_at_ms, c.id`,
      )
      .all() as { id: number; startedAtMs: number; contact: string }[];
    const without = db
      .prepare(
        `SELECT c.started_at_ms AS startedAtMs, coalesce(c.contact_name, c.contact_number) AS contact FROM calls c
                WHERE c.is_test = 0 AND c.deleted_at_ms IS NULL AND NOT EXISTS (SELECT 1 FROM transcripts t JOIN utterances u ON u.call_id = t.call_id WHERE t.call_id = c.id AND t.status = 'completed')`,
      )
      .all() as { startedAtMs: number; contact: string }[];
    expect(withTranscript.length).toBeGreaterThan(0);
    expect(without.length).toBeGreaterThan(0);

    // Headings: bold rows whose first cell is a real date-time, in the user's zone, in the selection's order.
    const blocks = sheets[1]!;
    const headings = blocks.rows.map((row, index) => ({ row, index })).filter(({ row }) => row[0]!.dataType === 'd' && row[0]!.bold);
    expect(headings.map(({ row }) => [(row[0]!.value as { datetime: string }).datetime.slice(0, 19), row[1]!.value])).toEqual(
      withTranscript.map((c) => [wall(c.startedAtMs), c.contact]),
    );
    expect(
      headings.every(
        ({ row }) =>
          row[0]!.numberFormat === 'yyyy-mm-dd hh:mm' && /^(Recruiter|AI agent): .+ · .+ · (Inbound|Outbound|Unknown) · [A-Z]/.test(String(row[2]!.value)),
      ),
    ).toBe(true);
    // The first block's turns follow its heading (and summary), wrapped, with their time offsets.
    const first = withTranscript[0]!;
    const turns = db.prepare(`SELECT text, start_ms FROM utterances WHERE call_id = ? ORDER BY position`).all(first.id) as {
      text: string;
      start_ms: number | null;
    }[];
    const start = headings[0]!.index + (blocks.rows[headings[0]!.index + 1]![1]!.value === 'Summary' ? 2 : 1);
    const written = blocks.rows.slice(start, start + turns.length);
    expect(written.map((r) => r[2]!.value)).toEqual(turns.map((t) => t.text));
    expect(written.map((r) => (r[0]!.value === null ? null : Math.round(seconds(r[0]!.value) * 1000)))).toEqual(turns.map((t) => t.start_ms));
    expect(written.every((r) => r[2]!.wrap && r[1]!.wrap)).toBe(true);
    expect(blocks.rows[start + turns.length]!.every((c) => c.value === null)).toBe(true);

    // Calls without a transcript: no block, and each listed on its own sheet, so none is dropped.
    const listed = sheetValues(sheets[2]!).slice(1);
    expect(listed.map((r) => `${(r[0] as { datetime: string }).datetime.slice(0, 19)}|${String(r[1])}`).sort()).toEqual(
      without.map((c) => `${wall(c.startedAtMs)}|${c.contact}`).sort(),
    );
    expect(headings.length + listed.length).toBe(count);
  });

  /** Each person's main figures in a period, straight from the synced rows: vendor activity rows, and calls for voice-AI agents. */
  function figuresSql(fromDay: string, toDay: string) {
    const { fromMs, toMs } = activityQuery({ fromDay, toDay }, TZ);
    const recruiters = db
      .prepare(
        `SELECT 'Recruiter' AS type, coalesce(max(user_name), user_id) AS name, sum(inbound_calls + outbound_calls + missed_calls + no_answer_calls) AS calls,
                  sum(inbound_calls + outbound_calls) AS answered, sum(inbound_seconds + outbound_seconds) AS talk, sum(missed_calls) AS missed
                FROM user_activity WHERE day BETWEEN ? AND ? GROUP BY connection_id, user_id`,
      )
      .all(fromDay, toDay);
    const agents = db
      .prepare(
        `SELECT 'AI agent' AS type, coalesce(max(c.user_name), c.user_id, 'Unknown agent') AS name, sum(c.status IN ('answered', 'missed', 'no_answer')) AS calls,
                  sum(c.status = 'answered') AS answered, total(CASE WHEN c.status = 'answered' THEN c.talk_seconds END) AS talk, sum(c.status = 'missed') AS missed
                FROM calls c JOIN connections k ON k.id = c.connection_id WHERE k.vendor = 'talknex' AND c.started_at_ms >= ? AND c.started_at_ms < ? AND c.is_test = 0
                GROUP BY c.connection_id, c.user_id`,
      )
      .all(fromMs, toMs);
    return new Map(
      ([...recruiters, ...agents] as { type: string; name: string; calls: number; answered: number; talk: number; missed: number }[]).map((r) => [
        `${r.type}|${r.name}`,
        r,
      ]),
    );
  }

  async function activityBook(fromDay: string, toDay: string) {
    const file = path.join(tempDir(), 'activity.xlsx');
    await writeActivityReport(db, activityQuery({ fromDay, toDay }, TZ), scope, { file, timeZone: TZ, nowMs: NOW });
    return { file, sheets: readXlsx(file) };
  }

  it('activity: the summary first, recruiters then agents, SUBTOTAL totals below the filter equal to SQL, a colour scale on answered share', async () => {
    const { sheets } = await activityBook(day(-13), day(0));
    expect(sheets.map((s) => s.name)).toEqual(['Summary', 'About this report', 'Activity', 'Activity by day']);
    expectPrintSetUp(sheets);
    const summary = sheets[0]!;
    const header = summary.rows[0]!.map((c) => c.value as string);
    const col = (name: string) => header.indexOf(name);
    const people = lastRowOf(summary.autoFilter) - 1;
    const sql = figuresSql(day(-13), day(0));
    expect(people).toBe(sql.size);
    const types = summary.rows.slice(1, 1 + people).map((r) => r[col('Type')]!.value);
    expect(types.indexOf('AI agent')).toBe(types.lastIndexOf('Recruiter') + 1);
    expect(new Set(types)).toEqual(new Set(['Recruiter', 'AI agent']));

    // One empty row, then the totals: outside the autofilter's range, bold, formulas with their results cached.
    expect(summary.rows[1 + people]!.every((c) => c.value === null)).toBe(true);
    const total = summary.rows[2 + people]!;
    expect(summary.rows.length).toBe(3 + people);
    expect(lastRowOf(summary.autoFilter)).toBeLessThan(3 + people);
    expect(total[0]!.value).toBe('Total');
    expect(total.every((c) => c.value === null || c.bold)).toBe(true);
    const sum = (key: 'calls' | 'answered' | 'talk' | 'missed') => [...sql.values()].reduce((s, r) => s + r[key], 0);
    for (const [name, key] of [
      ['Calls', 'calls'],
      ['Answered', 'answered'],
      ['Missed', 'missed'],
    ] as const) {
      const letter = String.fromCharCode(65 + col(name));
      expect(total[col(name)]!.value).toBe(`=SUBTOTAL(109,${letter}2:${letter}${people + 1})`);
      expect(total[col(name)]!.cached).toBe(sum(key));
    }
    expect(Math.round(seconds(total[col('Talk time')]!.cached))).toBe(Math.round(sum('talk')));
    expect(String(total[col('Answered share')]!.value)).toMatch(/^=IF\(/);
    expect(total[col('Answered share')]!.cached).toBeCloseTo(sum('answered') / sum('calls'), 9);
    expect(Math.round(seconds(total[col('Average length')]!.cached))).toBe(Math.round(sum('talk') / sum('answered')));

    const share = String.fromCharCode(65 + col('Answered share'));
    expect(summary.conditionalFormats).toContainEqual({ range: `${share}2:${share}${people + 1}`, types: ['colorScale'] });
    // The per-person sheet's totals sit outside its filter too, and equal the summary's.
    const activity = sheets[2]!;
    const aHeader = activity.rows[0]!.map((c) => c.value);
    const aTotal = activity.rows.at(-1)!;
    expect(lastRowOf(activity.autoFilter)).toBe(activity.rows.length - 2);
    expect(aTotal[aHeader.indexOf('Missed calls')]!.cached).toBe(sum('missed'));
    expect(String(aTotal[aHeader.indexOf('Missed calls')]!.value)).toMatch(/^=SUBTOTAL\(109,/);
  });

  it("activity: each person's change against the previous period of the same length equals SQL over both periods; blank where they were absent", async () => {
    const { sheets } = await activityBook(day(-13), day(0));
    const now = figuresSql(day(-13), day(0));
    const before = figuresSql(day(-27), day(-14));
    const summary = sheets[0]!;
    const header = summary.rows[0]!.map((c) => c.value as string);
    const col = (name: string) => header.indexOf(name);
    const rows = sheetValues(summary).slice(1, lastRowOf(summary.autoFilter));
    let compared = 0;
    for (const row of rows) {
      const key = `${String(row[col('Type')])}|${String(row[col('Name')])}`;
      const a = now.get(key)!;
      const b = before.get(key);
      const relative = (x: number, y: number | undefined) => (y === undefined || y === 0 ? null : (x - y) / y);
      const changes = [row[col('Calls change')], row[col('Talk time change')], row[col('Missed change')], row[col('Answered share change (pts)')]];
      const expected = [
        relative(a.calls, b?.calls),
        relative(a.talk, b?.talk),
        relative(a.missed, b?.missed),
        b === undefined || !b.calls || !a.calls ? null : a.answered / a.calls - b.answered / b.calls,
      ];
      changes.forEach((value, i) => {
        if (expected[i] === null) expect(value).toBeNull();
        else expect(value as number).toBeCloseTo(expected[i]!, 9);
      });
      if (b) compared += 1;
    }
    expect(compared).toBeGreaterThan(2);

    // A period whose previous one is before any data: every change is blank, not 0%.
    const early = await activityBook(day(-39), day(-30));
    const earlyRows = sheetValues(early.sheets[0]!).slice(1, lastRowOf(early.sheets[0]!.autoFilter));
    expect(earlyRows.length).toBeGreaterThan(0);
    const eHeader = early.sheets[0]!.rows[0]!.map((c) => c.value as string);
    const changeCols = eHeader.flatMap((h, i) => (h.includes('change') ? [i] : []));
    expect(changeCols.length).toBe(5);
    expect(earlyRows.every((r) => changeCols.every((i) => r[i] === null))).toBe(true);
  });

  it('LibreOffice prints each workbook as a readable table on few pages, the About sheet on one', async () => {
    const dir = tempDir();
    const files = {
      calls: path.join(dir, 'calls.xlsx'),
      transcripts: path.join(dir, 'transcripts.xlsx'),
      activity: path.join(dir, 'activity.xlsx'),
    };
    // A few days each, so the conversion stays quick; the layout is the same for a year.
    const recent = { fromMs: NOW - 3 * DAY_MS };
    await writeCallsReport(db, CallListRequestSchema.parse({ filters: recent, sort: { column: 'startedAt', direction: 'desc' } }), scope, {
      file: files.calls,
      timeZone: TZ,
      nowMs: NOW,
    });
    await writeTranscriptsReport(
      db,
      CallListRequestSchema.parse({ filters: { fromMs: NOW - DAY_MS }, sort: { column: 'startedAt', direction: 'desc' } }),
      scope,
      { file: files.transcripts, timeZone: TZ, nowMs: NOW },
    );
    await writeActivityReport(db, activityQuery({ fromDay: day(-6), toDay: day(0) }, TZ), scope, { file: files.activity, timeZone: TZ, nowMs: NOW });
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', dir, ...Object.values(files)], {
      stdio: 'ignore',
      timeout: 150_000,
    });
    const pages: Record<string, string[]> = {};
    for (const [name, file] of Object.entries(files)) {
      const pdf = file.replace(/\.xlsx$/, '.pdf');
      expect(fs.existsSync(pdf), `${name} converted`).toBe(true);
      // pdftotext separates pages with a form feed.
      pages[name] = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
        .split('\f')
        .filter((page) => page.trim() !== '');
      expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1])).toBe(pages[name]!.length);
      // The About sheet: every label with its value on one line of one page.
      const about = pages[name]!.filter((page) => page.includes('Generated at'));
      expect(about.length).toBe(1);
      expect(about[0]).toMatch(/Time zone\s+Europe\/London/);
      expect(about[0]).toMatch(/Report\s+Test report/);
    }
    // Page 1 is a table with its headers side by side: the summary, or the About sheet before the calls.
    expect(pages.activity![0]).toMatch(/Name\s+Type\s+Connection\s+Calls\s+Calls change\s+Answered/);
    expect(pages.calls![1]).toMatch(/Started\s+Connection\s+Platform\s+Direction\s+Outcome/);
    expect(pages.transcripts![1]).toMatch(/Started \/ time\s+Contact \/ speaker\s+Call \/ what was said\s+Talk time/);
    // The header row heads every printed page of a table.
    expect(pages.calls!.slice(1).every((page) => /Started\s+Connection/.test(page))).toBe(true);
    const callRows = readXlsx(files.calls)[1]!.rows.length - 1;
    expect(callRows).toBeGreaterThan(40);
    // One page wide: about 25-40 rows a page, not 962 portrait pages of scattered columns.
    expect(pages.calls!.length).toBeLessThanOrEqual(1 + Math.ceil(callRows / 20));
    expect(pages.activity!.length).toBeLessThanOrEqual(8);
  }, 240_000);
});
