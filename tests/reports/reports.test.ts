import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallListRequestSchema } from '../../shared/calls';
import { openDatabase } from '../../electron/store/database';
import { writeActivityReport } from '../../electron/reports/activity-report';
import { CALL_COLUMNS, writeCallsReport } from '../../electron/reports/calls-report';
import { writeTranscriptsReport } from '../../electron/reports/transcripts-report';
import { readXlsx, sheetValues, type XlsxValue } from '../helpers/openpyxl';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { tempDir, tempDatabasePath } from '../helpers/temp';
import { DAY_MS } from '../../shared/time';

const NOW = Date.UTC(2026, 10, 20, 12);
const TZ = 'Europe/London';
const scope = { title: 'Test report', fromMs: null, toMs: null, filters: [] };
/** A duration cell as seconds: openpyxl reads [h]:mm:ss cells as timedeltas. */
const seconds = (v: XlsxValue) => (typeof v === 'object' && v !== null && 'timedeltaSeconds' in v ? v.timedeltaSeconds : (v as number) * 86_400);

describe('reports, read back by openpyxl', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 600, days: 40, rateLimits: 'off' });

  async function synced() {
    const db = openDatabase(tempDatabasePath());
    for (const vendor of ['talentlynk', 'talknex'] as const) await syncFromSim(db, ctx.sim, addSimConnection(db, ctx.sim, vendor));
    return db;
  }

  it('calls: an about sheet, then exactly the selected calls in order with typed columns', async () => {
    const db = await synced();
    const file = path.join(tempDir(), 'calls.xlsx');
    const query = CallListRequestSchema.parse({ filters: { statuses: ['answered'] }, search: 'salary', sort: { column: 'talkSeconds', direction: 'desc' } });
    const count = await writeCallsReport(db, query, { ...scope, filters: ['Status: answered', 'Search: salary'] }, { file, timeZone: TZ, nowMs: NOW });
    const [about, calls] = readXlsx(file);
    expect([about?.name, calls?.name]).toEqual(['About this report', 'Calls']);
    const aboutRows = Object.fromEntries(sheetValues(about!).map(([k, v]) => [k, v]));
    expect(aboutRows).toMatchObject({ Report: 'Test report', Filters: 'Status: answered; Search: salary', Calls: count, 'Time zone': TZ });
    expect(aboutRows['talentlynk (simulated) (TalentLynk)']).toMatch(/^Last synced \d{4}-\d\d-\d\d \d\d:\d\d$/);

    const rows = sheetValues(calls!);
    expect(rows[0]).toEqual(CALL_COLUMNS.map((c) => c.header));
    expect(calls!.frozen).toBe('A2');
    expect(rows.length - 1).toBe(count);
    const expected = db
      .prepare(
        `SELECT c.talk_seconds AS talk FROM calls c JOIN calls_fts f ON f.rowid = c.id WHERE calls_fts MATCH 'salary' AND c.status = 'answered' ORDER BY c.talk_seconds DESC, c.id DESC`,
      )
      .all() as { talk: number }[];
    expect(count).toBe(expected.length);
    const col = (name: string) => CALL_COLUMNS.findIndex((c) => c.header === name);
    expect(rows.slice(1).map((r) => Math.round(seconds(r[col('Talk time')]!)))).toEqual(expected.map((e) => e.talk));
    const first = calls!.rows[1]!;
    expect(first[0]).toMatchObject({ dataType: 'd', numberFormat: 'yyyy-mm-dd hh:mm' });
    expect(first[col('Talk time')]).toMatchObject({ numberFormat: '[h]:mm:ss' });
    expect(['yes', 'no']).toContain(first[col('Transcript')]?.value);
    db.close();
  });

  it('transcripts: a heading row per call, then its turns with time offsets', async () => {
    const db = await synced();
    const file = path.join(tempDir(), 'transcripts.xlsx');
    const call = db
      .prepare(`SELECT c.id, c.contact_name, c.summary FROM calls c JOIN transcripts t ON t.call_id = c.id WHERE t.status = 'completed' LIMIT 1`)
      .get() as { id: number; contact_name: string; summary: string | null };
    const utterances = db.prepare(`SELECT speaker, text, start_ms FROM utterances WHERE call_id = ? ORDER BY position`).all(call.id) as {
      speaker: string;
      text: string;
      start_ms: number;
    }[];
    const query = CallListRequestSchema.parse({ search: call.contact_name });
    await writeTranscriptsReport(db, query, scope, { file, timeZone: TZ });
    const rows = sheetValues(readXlsx(file)[1]!);
    expect(rows[0]).toEqual(['Started / time', 'Contact / speaker', 'Call / what was said', 'Talk time']);
    // The contact may have several calls: find this call's block by its first turn.
    const firstTurn = rows.findIndex((r) => r[2] === utterances[0]!.text);
    const heading = firstTurn - (call.summary ? 2 : 1);
    expect(heading).toBeGreaterThan(0);
    expect(rows[heading]?.[1]).toBe(call.contact_name);
    if (call.summary) expect(rows[heading + 1]?.slice(1, 3)).toEqual(['Summary', call.summary]);
    const turns = rows.slice(firstTurn, firstTurn + utterances.length);
    expect(turns.map((r, i) => String(r[1]).startsWith(utterances[i]!.speaker))).toEqual(utterances.map(() => true));
    expect(turns.map((r) => r[2])).toEqual(utterances.map((u) => u.text));
    expect(turns.map((r) => Math.round(seconds(r[0]!) * 1000))).toEqual(utterances.map((u) => u.start_ms));
    db.close();
  });

  it('activity: one row per user with totals equal to the same sums in SQL, and one row per user per day', async () => {
    const db = await synced();
    const file = path.join(tempDir(), 'activity.xlsx');
    const fromDay = new Date(NOW - 14 * DAY_MS).toISOString().slice(0, 10);
    const toDay = new Date(NOW).toISOString().slice(0, 10);
    const query = { fromDay, toDay, fromMs: Date.parse(`${fromDay}T00:00:00Z`), toMs: Date.parse(`${toDay}T00:00:00Z`) + DAY_MS };
    await writeActivityReport(db, query, scope, { file, timeZone: TZ });
    const [, about, summary, daily] = readXlsx(file);
    expect([about?.name, summary?.name, daily?.name]).toEqual(['About this report', 'Activity', 'Activity by day']);
    // The About sheet says what the derived figures count: calls since trashed at a vendor still happened.
    expect(sheetValues(about!).find((r) => r[0] === 'Calls counted')?.[1]).toBe(
      "Every call that happened, including calls since moved to a vendor's trash or deleted there. Test and trial calls are left out.",
    );
    const rows = sheetValues(summary!);
    const header = rows[0] as string[];
    // The totals row: below the table after an empty row, SUBTOTAL formulas whose stored results are the sums.
    const total = summary!.rows.at(-1)!.map((c) => c.cached);
    expect(total[0]).toBe('Total');
    expect(rows.at(-2)!.every((v) => v === null)).toBe(true);
    const col = (name: string) => header.indexOf(name);

    const sql = db
      .prepare(
        `SELECT sum(inbound_calls) AS inCalls, sum(outbound_seconds) AS outSeconds, sum(inbound_sms) AS sms, total(spent_sms_credits) AS credits FROM user_activity WHERE day BETWEEN ? AND ?`,
      )
      .get(fromDay, toDay) as { inCalls: number; outSeconds: number; sms: number; credits: number };
    const derived = db
      .prepare(
        `SELECT sum(direction <> 'outbound' AND status = 'answered') AS inCalls, total(CASE WHEN direction = 'outbound' AND status = 'answered' THEN talk_seconds END) AS outSeconds
                FROM calls c JOIN connections k ON k.id = c.connection_id WHERE k.vendor <> 'talentlynk' AND started_at_ms >= ? AND started_at_ms < ? AND is_test = 0`,
      )
      .get(query.fromMs, query.toMs) as { inCalls: number; outSeconds: number };
    expect(total[col('Inbound calls')]).toBe(sql.inCalls + derived.inCalls);
    expect(Math.round(seconds(total[col('Outbound talk time')]!))).toBe(sql.outSeconds + derived.outSeconds);
    expect(total[col('SMS in')]).toBe(sql.sms);
    expect(total[col('SMS credits spent')]).toBeCloseTo(sql.credits, 6);
    // Every user and agent once, plus the totals row; voice-AI agents have no messaging figures.
    const users = db.prepare(`SELECT count(DISTINCT user_id) FROM user_activity WHERE day BETWEEN ? AND ?`).pluck().get(fromDay, toDay) as number;
    const agents = db
      .prepare(
        `SELECT count(DISTINCT user_id) FROM calls c JOIN connections k ON k.id = c.connection_id WHERE k.vendor = 'talknex' AND started_at_ms >= ? AND started_at_ms < ?`,
      )
      .pluck()
      .get(query.fromMs, query.toMs) as number;
    expect(rows.length).toBe(1 + users + agents + 2);
    expect(rows.filter((r) => r[col('Connection')] === 'talknex (simulated)').every((r) => r[col('SMS in')] === null)).toBe(true);
    const answerRate = total[col('Answer rate')] as number;
    expect(answerRate).toBeGreaterThan(0);
    expect(answerRate).toBeLessThanOrEqual(1);
    expect(summary!.rows[1]![col('Answer rate')]).toMatchObject({ numberFormat: '0.0%' });
    // The daily sheet sums to the same inbound calls.
    const dailyRows = sheetValues(daily!).slice(1, -2);
    expect(dailyRows.reduce((s, r) => s + (r[1 + col('Inbound calls')] as number), 0)).toBe(sql.inCalls + derived.inCalls);
    db.close();
  });
});
