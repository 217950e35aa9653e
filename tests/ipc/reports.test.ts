import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallListRequest } from '../../shared/calls';
import type { ReportJob } from '../../shared/reports';
import { upsertUserActivity } from '../../electron/store/activity';
import { upsertCalls } from '../../electron/store/calls';
import { addConnection } from '../../electron/store/connections';
import { answer, createTestApp } from '../helpers/app';
import { makeActivity, makeCall } from '../helpers/fixtures';
import { useKeyringForFile } from '../helpers/keyring';
import { readXlsx, sheetValues } from '../helpers/openpyxl';
import { storeWithConnection } from '../helpers/store';
import { tempDir } from '../helpers/temp';

const HOUR = 3_600_000;

async function finished(dispatch: ReturnType<typeof createTestApp>['dispatch'], jobId: number): Promise<ReportJob> {
  let job: ReportJob | undefined;
  await expect
    .poll(
      async () => {
        job = (await answer(dispatch, 'reports/status')).find((j) => j.id === jobId);
        return job?.state;
      },
      { timeout: 60_000, interval: 50 },
    )
    .not.toBe('running');
  return job!;
}

describe('one-click reports through IPC', () => {
  // Keys are stored for real: the handlers use the OS keychain.
  useKeyringForFile();

  it('exports exactly the table’s calls to Downloads, says its filters, and shows the file', async () => {
    const { db, file, connectionId } = storeWithConnection();
    const base = Date.UTC(2026, 9, 1);
    // More than the table counts up to (it says "1,000+"): the report still counts every call.
    upsertCalls(
      db,
      connectionId,
      Array.from({ length: 3_300 }, (_, n) => makeCall(n, { startedAtMs: base + n * HOUR, direction: n % 3 === 0 ? 'inbound' : 'outbound' })),
    );
    const app = createTestApp(db, file);
    const query: CallListRequest = { filters: { directions: ['inbound'] }, sort: { column: 'startedAt', direction: 'asc' } };
    const started = await answer(app.dispatch, 'reports/start', { kind: 'calls', query });
    expect(started).toMatchObject({ kind: 'calls', state: 'running' });
    expect(path.dirname(started.file)).toBe(app.defaultReportsFolder);
    expect(path.basename(started.file)).toMatch(/^Talktally calls \d{4}-\d\d-\d\d \d\d\.\d\d\.xlsx$/);

    const job = await finished(app.dispatch, started.id);
    expect(job).toMatchObject({ state: 'done', written: 1_100, total: 1_100, error: null });
    const [about, calls] = readXlsx(job.file);
    const aboutRows = Object.fromEntries(sheetValues(about!).map(([k, v]) => [k, v]));
    expect(aboutRows).toMatchObject({ Report: 'Calls report', Filters: 'Direction: Inbound; Sorted by date, ascending', Calls: 1_100 });
    const expected = db.prepare(`SELECT vendor_call_id FROM calls WHERE direction = 'inbound' ORDER BY started_at_ms, id`).pluck().all();
    const idColumn = sheetValues(calls!)[0]!.indexOf('Vendor call ID');
    expect(idColumn).toBeGreaterThanOrEqual(0);
    expect(
      sheetValues(calls!)
        .slice(1)
        .map((r) => r[idColumn]),
    ).toEqual(expected);

    // A second export in the same minute gets its own name.
    const again = await answer(app.dispatch, 'reports/start', { kind: 'calls', query });
    expect(again.file).not.toBe(job.file);
    await finished(app.dispatch, again.id);

    expect(await answer(app.dispatch, 'reports/show-in-folder', { jobId: job.id })).toEqual({ shown: true });
    expect(app.shownInFolder).toEqual([job.file]);
    const unknown = await app.dispatch('reports/show-in-folder', { jobId: 999 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await app.close();
    db.close();
  });

  it('cancels a long export and leaves no file; a folder that vanished fails in plain words', async () => {
    const { db, file, connectionId } = storeWithConnection();
    upsertCalls(
      db,
      connectionId,
      Array.from({ length: 20_000 }, (_, n) => makeCall(n, { summary: `Summary ${n} `.repeat(20) })),
    );
    const app = createTestApp(db, file);
    const started = await answer(app.dispatch, 'reports/start', { kind: 'calls' });
    await expect.poll(async () => (await answer(app.dispatch, 'reports/status'))[0]?.written, { interval: 5 }).toBeGreaterThan(0);
    expect(await answer(app.dispatch, 'reports/cancel', { jobId: started.id })).toEqual({ cancelled: true });
    expect(await finished(app.dispatch, started.id)).toMatchObject({ state: 'cancelled' });
    expect(fs.readdirSync(app.defaultReportsFolder)).toEqual([]);
    expect(await answer(app.dispatch, 'reports/cancel', { jobId: started.id })).toEqual({ cancelled: false });
    const notSaved = await app.dispatch('reports/show-in-folder', { jobId: started.id });
    expect(notSaved).toMatchObject({ ok: false, error: { code: 'FAILED', message: expect.stringContaining('not saved') } });

    const folder = tempDir();
    await answer(app.dispatch, 'settings/update', { reportsFolder: folder });
    fs.rmSync(folder, { recursive: true });
    const failed = await finished(app.dispatch, (await answer(app.dispatch, 'reports/start', { kind: 'transcripts' })).id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toContain(folder);
    expect(failed.error).not.toMatch(/ENOENT|at \w+ \(/);
    await app.close();
    db.close();
  });

  it('chooses the exports folder with the system dialog and refuses folders that do not exist', async () => {
    const { db, file } = storeWithConnection();
    const chosen = tempDir();
    const app = createTestApp(db, file, { chooseFolder: async () => chosen });
    const before = await answer(app.dispatch, 'settings/get');
    expect(before).toMatchObject({ reportsFolder: null, reportsFolderInUse: app.defaultReportsFolder, dataFolder: path.dirname(file) });
    expect(await answer(app.dispatch, 'settings/choose-reports-folder')).toMatchObject({ reportsFolder: chosen, reportsFolderInUse: chosen });
    for (const bad of ['relative/folder', path.join(chosen, 'missing')]) {
      expect(await app.dispatch('settings/update', { reportsFolder: bad })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST', field: 'reportsFolder' },
      });
    }
    expect((await answer(app.dispatch, 'settings/get')).reportsFolder).toBe(chosen);
    expect(await answer(app.dispatch, 'app/show-data-folder')).toEqual({ shown: true });
    expect(app.shownInFolder).toEqual([file]);
    await app.close();
    db.close();
  });

  it('activity summary: per-user KPIs, a totals row equal to SQL sums, and daily rows; the report agrees', async () => {
    const { db, file, connectionId } = storeWithConnection();
    const days = ['2026-10-01', '2026-10-02', '2026-10-03'];
    upsertUserActivity(
      db,
      connectionId,
      days.flatMap((day, d) => ['u1', 'u2'].map((user, u) => makeActivity(user, day, d + u + 1))),
    );
    const agents = addConnection(db, { vendor: 'talknex', label: 'Agents', settings: {} }).id;
    upsertCalls(db, agents, [
      makeCall(1, { userId: 'a1', userName: 'Ava', status: 'answered', direction: 'inbound', talkSeconds: 100, startedAtMs: Date.UTC(2026, 9, 2, 10) }),
      makeCall(2, { userId: 'a1', userName: 'Ava', status: 'missed', direction: 'inbound', talkSeconds: 0, startedAtMs: Date.UTC(2026, 9, 2, 11) }),
      makeCall(3, { userId: 'a1', userName: 'Ava', status: 'answered', direction: 'outbound', talkSeconds: 50, startedAtMs: Date.UTC(2026, 9, 9) }),
    ]);
    const app = createTestApp(db, file);
    await answer(app.dispatch, 'settings/update', { timeZone: 'UTC' });
    const summary = await answer(app.dispatch, 'activity/summary', { range: { fromDay: '2026-10-01', toDay: '2026-10-03' } });
    expect(summary.users.map((u) => u.user)).toEqual(['Ava', 'Name of u1', 'Name of u2']);
    const sql = db
      .prepare(`SELECT sum(inbound_calls) AS inbound, sum(outbound_seconds) AS outSeconds FROM user_activity WHERE day BETWEEN '2026-10-01' AND '2026-10-03'`)
      .get() as { inbound: number; outSeconds: number };
    // Ava's one answered inbound call of 100 s joins the vendor's daily figures; her call on the 9th is outside the range.
    expect(summary.total).toMatchObject({ user: 'Total', inboundCalls: sql.inbound + 1, outboundSeconds: sql.outSeconds, missedCalls: expect.any(Number) });
    expect(summary.users.find((u) => u.user === 'Ava')).toMatchObject({
      inboundCalls: 1,
      inboundSeconds: 100,
      missedCalls: 1,
      outboundCalls: 0,
      inboundSms: null,
    });
    // The charts' answered calls per day and kind: the recruiters' vendor figures summed per day, and Ava's one
    // answered call on the 2nd (a recruiter's call on Talknex: her missed call is not answered, her call on the 9th
    // is outside the range).
    const perDay = db
      .prepare(`SELECT day, 'recruiter' AS kind, sum(inbound_calls) AS inboundCalls, sum(outbound_calls) AS outboundCalls FROM user_activity GROUP BY day`)
      .all() as { day: string; kind: string; inboundCalls: number; outboundCalls: number }[];
    expect(perDay.map((d) => d.day)).toEqual(days);
    expect(summary.users.find((u) => u.user === 'Ava')?.kind).toBe('recruiter');
    expect(summary.daily).toEqual(perDay.map((d) => (d.day === '2026-10-02' ? { ...d, inboundCalls: d.inboundCalls + 1 } : d)));

    const job = await finished(
      app.dispatch,
      (await answer(app.dispatch, 'reports/start', { kind: 'activity', range: { fromDay: '2026-10-01', toDay: '2026-10-03' }, connectionId })).id,
    );
    expect(job).toMatchObject({ state: 'done', written: 2 });
    const [, about, activity] = readXlsx(job.file);
    expect(Object.fromEntries(sheetValues(about!).map(([k, v]) => [k, v]))).toMatchObject({
      Filters: 'Connection: talentlynk main',
      Range: '2026-10-01 00:00 to 2026-10-04 00:00',
    });
    // The totals row is formulas; what it shows before Excel recalculates is the stored result.
    const totalRow = activity!.rows.map((row) => row.map((c) => c.cached)).find((r) => r[0] === 'Total')!;
    const onlyVendorRows = db.prepare(`SELECT sum(inbound_calls) FROM user_activity WHERE connection_id = ?`).pluck().get(connectionId);
    expect(totalRow[sheetValues(activity!)[0]!.indexOf('Inbound calls')]).toBe(onlyVendorRows);
    await app.close();
    db.close();
  });
});
