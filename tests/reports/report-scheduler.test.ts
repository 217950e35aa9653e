import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportSchedule } from '../../shared/report-schedule';
import { createCore } from '../../electron/app';
import { LONGEST_WAIT_MS, RETRY_AFTER_MS } from '../../electron/reports/report-scheduler';
import type { SecretStore } from '../../electron/secrets/secret-store';
import { upsertUserActivity } from '../../electron/store/activity';
import { updateSettings } from '../../electron/store/app-settings';
import { upsertCalls } from '../../electron/store/calls';
import { openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { answer, WORKER_FILE } from '../helpers/app';
import { makeActivity, makeCall } from '../helpers/fixtures';
import { readXlsx, sheetValues } from '../helpers/openpyxl';
import { storeWithConnection } from '../helpers/store';
import { tempDir } from '../helpers/temp';

const utc = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

/** No keychain here: the schedule never needs a key, and the sync at start-up is off. */
const noKeys: SecretStore = { set: async () => undefined, get: async () => null, has: async () => false, delete: async () => false };

/**
 * A clock the test moves, and the scheduler's one timer: `advanceTo` fires it
 * each time it comes due, as a real timer would, and waits for the check.
 */
function testClock(startIso: string) {
  const clock = { nowMs: utc(startIso), armed: null as { run: () => void; atMs: number; ms: number } | null, waits: [] as number[] };
  const reportScheduleClock = {
    now: () => clock.nowMs,
    setTimer: (run: () => void, ms: number) => {
      clock.armed = { run, ms, atMs: clock.nowMs + ms };
      clock.waits.push(ms);
      return clock.armed as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimer: () => void (clock.armed = null),
  };
  return { clock, reportScheduleClock };
}

function openCore(db: Db, file: string, reportScheduleClock: ReturnType<typeof testClock>['reportScheduleClock']) {
  const downloads = path.join(path.dirname(file), 'Downloads');
  fs.mkdirSync(downloads, { recursive: true });
  return createCore({
    databasePath: file,
    db,
    version: '0.1.0',
    systemTimeZone: 'Europe/London',
    workerFile: WORKER_FILE,
    secrets: noKeys,
    reportScheduleClock,
    shell: { openExternal: async () => undefined, showItemInFolder: () => undefined, chooseFolder: async () => null, defaultReportsFolder: downloads },
  });
}

async function advanceTo(core: ReturnType<typeof openCore>, clock: ReturnType<typeof testClock>['clock'], iso: string): Promise<void> {
  const target = utc(iso);
  while (clock.armed && clock.armed.atMs <= target) {
    const { run, atMs } = clock.armed;
    clock.nowMs = atMs;
    clock.armed = null;
    run();
    await core.reportSchedule.idle();
  }
  clock.nowMs = target;
}

const rows = (db: Db) =>
  db.prepare(`SELECT period_key, report, status, started_at_ms, due_at_ms, attempts, file, error FROM scheduled_reports ORDER BY id`).all() as {
    period_key: string;
    report: string;
    status: string;
    started_at_ms: number;
    due_at_ms: number;
    attempts: number;
    file: string | null;
    error: string | null;
  }[];

const about = (file: string) => Object.fromEntries(sheetValues(readXlsx(file).find((s) => s.name === 'About this report')!).map(([k, v]) => [k, v]));

function seed(db: Db, connectionId: number) {
  // Calls every 6 hours from 9 to 29 November 2026 (GMT, so UTC is local), and two users' daily activity.
  const start = utc('2026-11-09T00:30:00Z');
  upsertCalls(
    db,
    connectionId,
    Array.from({ length: 21 * 4 }, (_, n) => makeCall(n, { startedAtMs: start + n * 6 * HOUR, endedAtMs: start + n * 6 * HOUR + 60_000 })),
  );
  const days = Array.from({ length: 21 }, (_, d) => `2026-11-${String(9 + d).padStart(2, '0')}`);
  upsertUserActivity(
    db,
    connectionId,
    days.flatMap((day, d) => (d % 2 ? ['u1'] : ['u1', 'u2']).map((u) => makeActivity(u, day, d + 1))),
  );
}

describe('scheduled reports in the core, on a real database and the worker', () => {
  it('catches up a run missed while closed, once, and never writes a period twice (restarts, two processes)', async () => {
    const { db, file, connectionId } = storeWithConnection();
    seed(db, connectionId);
    const folder = tempDir();
    const rule: ReportSchedule = { period: 'week', weekday: 1, time: '08:00', reports: ['activity', 'calls'], folder };
    updateSettings(db, { timeZone: 'Europe/London', syncOnStartup: false, reportSchedule: rule });

    // Turned on on Wednesday 18 November: nothing is written at once; the first run is Monday 23 November, 08:00.
    const { clock, reportScheduleClock } = testClock('2026-11-18T12:00:00Z');
    const first = openCore(db, file, reportScheduleClock);
    await first.start();
    await first.reportSchedule.idle();
    const status = await answer(first.dispatch, 'reports/schedule-status');
    expect(status.next).toEqual({
      atMs: utc('2026-11-23T08:00:00Z'),
      periodKey: '2026-W47',
      fromDay: '2026-11-16',
      toDay: '2026-11-22',
      reports: ['activity', 'calls'],
      retry: false,
    });
    expect(status.folderInUse).toBe(folder);
    expect(status.history).toEqual([]);
    // A timer never waits longer than a few minutes: a sleeping laptop is re-planned when it wakes.
    expect(clock.waits.at(-1)).toBe(LONGEST_WAIT_MS);
    await first.close();

    // The app was closed at the due time; it starts at 10:00 and writes last week's workbooks at once.
    clock.nowMs = utc('2026-11-23T10:00:00Z');
    const second = openCore(db, file, reportScheduleClock);
    await second.start();
    await second.reportSchedule.idle();
    const written = rows(db);
    expect(written.map((r) => [r.period_key, r.report, r.status, r.due_at_ms, r.started_at_ms])).toEqual([
      ['2026-W47', 'activity', 'done', utc('2026-11-23T08:00:00Z'), utc('2026-11-23T10:00:00Z')],
      ['2026-W47', 'calls', 'done', utc('2026-11-23T08:00:00Z'), utc('2026-11-23T10:00:00Z')],
    ]);
    expect(fs.readdirSync(folder).sort()).toEqual(['Talktally activity 2026-W47.xlsx', 'Talktally calls 2026-W47.xlsx']);

    // The workbooks open in openpyxl and cover Monday 16 to Sunday 22 November in London.
    const activityFile = path.join(folder, 'Talktally activity 2026-W47.xlsx');
    expect(about(activityFile)).toMatchObject({ Report: 'Activity report', Range: '2026-11-16 00:00 to 2026-11-23 00:00', 'Time zone': 'Europe/London' });
    const users = db.prepare(`SELECT count(DISTINCT user_id) FROM user_activity WHERE day BETWEEN '2026-11-16' AND '2026-11-22'`).pluck().get();
    expect(about(activityFile)['Users and agents']).toBe(users);
    const callsFile = path.join(folder, 'Talktally calls 2026-W47.xlsx');
    const [callsAbout, callsSheet] = readXlsx(callsFile);
    expect(Object.fromEntries(sheetValues(callsAbout!).map(([k, v]) => [k, v]))).toMatchObject({
      Report: 'Calls report',
      Range: '2026-11-16 00:00 to 2026-11-23 00:00',
    });
    const expectedCalls = db
      .prepare(`SELECT vendor_call_id FROM calls WHERE started_at_ms >= ? AND started_at_ms < ? ORDER BY started_at_ms`)
      .pluck()
      .all(utc('2026-11-16T00:00:00Z'), utc('2026-11-23T00:00:00Z'));
    expect(expectedCalls).toHaveLength(28);
    const idColumn = sheetValues(callsSheet!)[0]!.indexOf('Vendor call ID');
    expect(
      sheetValues(callsSheet!)
        .slice(1)
        .map((r) => r[idColumn]),
    ).toEqual(expectedCalls);

    // Settings shows the history and the next run.
    const after = await answer(second.dispatch, 'reports/schedule-status');
    expect(after.history.map((h) => [h.report, h.status, h.file, h.rows])).toEqual([
      ['calls', 'done', callsFile, 28],
      ['activity', 'done', activityFile, users],
    ]);
    expect(after.next).toMatchObject({ atMs: utc('2026-11-30T08:00:00Z'), periodKey: '2026-W48' });
    await second.close();

    // A second start the same week writes nothing again.
    clock.nowMs = utc('2026-11-24T09:00:00Z');
    const third = openCore(db, file, reportScheduleClock);
    await third.start();
    await third.reportSchedule.idle();
    expect(rows(db)).toHaveLength(2);
    expect(fs.readdirSync(folder)).toHaveLength(2);
    await third.close();

    // Two processes on the same file at the next due time: one set of workbooks between them.
    clock.nowMs = utc('2026-11-30T08:05:00Z');
    const otherDb = openDatabase(file);
    const a = openCore(db, file, reportScheduleClock);
    const b = openCore(otherDb, file, reportScheduleClock);
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.reportSchedule.idle(), b.reportSchedule.idle()]);
    expect(
      rows(db)
        .filter((r) => r.period_key === '2026-W48')
        .map((r) => [r.report, r.status, r.attempts]),
    ).toEqual([
      ['activity', 'done', 1],
      ['calls', 'done', 1],
    ]);
    expect(
      fs
        .readdirSync(folder)
        .filter((f) => f.includes('2026-W48'))
        .sort(),
    ).toEqual(['Talktally activity 2026-W48.xlsx', 'Talktally calls 2026-W48.xlsx']);
    await Promise.all([a.close(), b.close()]);
    otherDb.close();
    db.close();
  });

  it('fires at the chosen local time across both daylight-saving changes, on its own timer', async () => {
    const { db, file, connectionId } = storeWithConnection();
    upsertUserActivity(db, connectionId, [makeActivity('u1', '2026-03-25', 2), makeActivity('u1', '2026-10-21', 3)]);
    const folder = tempDir();
    updateSettings(db, {
      timeZone: 'Europe/London',
      syncOnStartup: false,
      reportSchedule: { period: 'week', weekday: 1, time: '08:00', reports: ['activity'], folder },
    });
    const { clock, reportScheduleClock } = testClock('2026-03-25T12:00:00Z');
    const core = openCore(db, file, reportScheduleClock);
    await core.start();
    await core.reportSchedule.idle();

    // Clocks go forward on Sunday 29 March: Monday 08:00 is then 07:00 UTC.
    await advanceTo(core, clock, '2026-03-30T06:59:00Z');
    expect(rows(db)).toEqual([]);
    await advanceTo(core, clock, '2026-03-30T07:00:00Z');
    expect(rows(db).map((r) => [r.period_key, r.started_at_ms])).toEqual([['2026-W13', utc('2026-03-30T07:00:00Z')]]);
    expect(about(rows(db)[0]!.file!)).toMatchObject({ Range: '2026-03-23 00:00 to 2026-03-30 00:00', 'Users and agents': 1 });

    // Months on (a timer re-armed every few minutes all the way): clocks go back on Sunday 25 October, Monday 08:00 is 08:00 UTC again.
    clock.nowMs = utc('2026-10-21T12:00:00Z');
    await core.reportSchedule.check();
    expect(rows(db).map((r) => r.period_key)).toEqual(['2026-W13', '2026-W42']);
    await advanceTo(core, clock, '2026-10-26T07:59:00Z');
    expect(rows(db)).toHaveLength(2);
    await advanceTo(core, clock, '2026-10-26T08:00:00Z');
    expect(rows(db).map((r) => [r.period_key, r.started_at_ms])).toEqual([
      ['2026-W13', utc('2026-03-30T07:00:00Z')],
      ['2026-W42', utc('2026-10-21T12:00:00Z')],
      ['2026-W43', utc('2026-10-26T08:00:00Z')],
    ]);
    expect(about(rows(db)[2]!.file!)).toMatchObject({ Range: '2026-10-19 00:00 to 2026-10-26 00:00' });
    await core.close();
    db.close();
  });

  it('records a folder that is gone as a failed run in plain words, and retries later, at the next start, and when fixed', async () => {
    const { db, file } = storeWithConnection();
    const parent = tempDir();
    const folder = path.join(parent, 'Reports');
    fs.mkdirSync(folder);
    updateSettings(db, {
      timeZone: 'America/New_York',
      syncOnStartup: false,
      reportSchedule: { period: 'month', dayOfMonth: 1, time: '08:00', reports: ['activity'], folder },
    });
    const { clock, reportScheduleClock } = testClock('2026-11-20T12:00:00Z');
    let core = openCore(db, file, reportScheduleClock);
    await core.start();
    await core.reportSchedule.idle();
    fs.rmSync(folder, { recursive: true });

    // 1 December 08:00 in New York (EST) is 13:00 UTC.
    await advanceTo(core, clock, '2026-12-01T13:00:00Z');
    const [failed] = rows(db);
    expect(failed).toMatchObject({
      period_key: '2026-11',
      status: 'failed',
      attempts: 1,
      file: null,
      error: `Cannot save the report: the folder "${folder}" does not exist.`,
    });
    const status = await answer(core.dispatch, 'reports/schedule-status');
    expect(status.next).toMatchObject({ periodKey: '2026-11', atMs: utc('2026-12-01T13:00:00Z') + RETRY_AFTER_MS, retry: true });
    expect(status.history[0]).toMatchObject({ status: 'failed', error: failed!.error });

    // Still missing an hour later: tried again, failed again.
    await advanceTo(core, clock, '2026-12-01T14:00:00Z');
    expect(rows(db)).toMatchObject([{ status: 'failed', attempts: 2 }]);
    await core.close();

    // The folder is back; the next start writes it at once.
    fs.mkdirSync(folder);
    clock.nowMs = utc('2026-12-01T14:10:00Z');
    core = openCore(db, file, reportScheduleClock);
    await core.start();
    await core.reportSchedule.idle();
    expect(rows(db)).toMatchObject([
      { period_key: '2026-11', status: 'done', attempts: 3, error: null, file: path.join(folder, 'Talktally activity 2026-11.xlsx') },
    ]);
    expect(about(path.join(folder, 'Talktally activity 2026-11.xlsx'))).toMatchObject({
      Range: '2026-11-01 00:00 to 2026-12-01 00:00',
      'Time zone': 'America/New_York',
    });

    // Changing the schedule through Settings retries a failure at once (the user may have fixed the folder).
    const other = tempDir();
    fs.rmSync(other, { recursive: true });
    expect(
      await core.dispatch('settings/update', { reportSchedule: { period: 'week', weekday: 1, time: '08:00', reports: ['activity'], folder: other } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', field: 'reportSchedule', message: `The folder ${other} does not exist.` },
    });
    await core.close();
    db.close();
  });
});
