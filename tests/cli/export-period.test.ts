import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { upsertCalls } from '../../electron/store/calls';
import { addConnection } from '../../electron/store/connections';
import { openDatabase } from '../../electron/store/database';
import { runTalktally } from '../helpers/cli';
import { makeCall } from '../helpers/fixtures';
import { readXlsx, sheetValues } from '../helpers/openpyxl';
import { tempDatabasePath, tempDir } from '../helpers/temp';
import { DAY_MS } from '../../shared/time';

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Last week and last month in UTC as of now, worked out by Python's calendar (not by the code under test). */
function expectedPeriods(): { weekKey: string; weekFrom: string; weekTo: string; monthKey: string; monthFrom: string; monthTo: string } {
  const script = String.raw`
import datetime, json
today = datetime.datetime.now(datetime.timezone.utc).date()
monday = today - datetime.timedelta(days=today.weekday()) - datetime.timedelta(days=7)
year, week, _ = monday.isocalendar()
month_end = today.replace(day=1) - datetime.timedelta(days=1)
print(json.dumps({"weekKey": f"{year}-W{week:02d}", "weekFrom": monday.isoformat(), "weekTo": (monday + datetime.timedelta(days=6)).isoformat(),
  "monthKey": month_end.strftime("%Y-%m"), "monthFrom": month_end.replace(day=1).isoformat(), "monthTo": month_end.isoformat()}))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' })) as ReturnType<typeof expectedPeriods>;
}

describe('talktally export --last-week / --last-month, for cron', () => {
  it('writes the previous week or month into a folder, named by its period, with exit codes a cron job can check', async () => {
    const expected = expectedPeriods();
    const db = tempDatabasePath();
    const store = openDatabase(db);
    const connectionId = addConnection(store, { vendor: 'talentlynk', label: 'Lynk' }).id;
    // A call every 7 hours over the last 70 days, so both periods and their edges hold calls.
    const start = Date.now() - 70 * DAY_MS;
    upsertCalls(
      store,
      connectionId,
      Array.from({ length: 240 }, (_, n) => makeCall(n, { startedAtMs: start + n * 7 * 3_600_000, endedAtMs: start + n * 7 * 3_600_000 + 60_000 })),
    );
    const between = (from: string, to: string) =>
      store
        .prepare('SELECT count(*) FROM calls WHERE started_at_ms >= ? AND started_at_ms < ?')
        .pluck()
        .get(Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T00:00:00Z`) + DAY_MS);
    const weekCalls = between(expected.weekFrom, expected.weekTo);
    const monthCalls = between(expected.monthFrom, expected.monthTo);
    store.close();
    const folder = tempDir();

    const week = await runTalktally(['--db', db, 'export', 'calls', '--last-week', '--tz', 'UTC', '--out', `${folder}/`]);
    expect(week.code, week.stderr).toBe(0);
    const weekFile = path.join(folder, `Talktally calls ${expected.weekKey}.xlsx`);
    expect(week.stdout.trim()).toBe(`Saved the calls report (${weekCalls} calls) to ${weekFile}`);
    const [about, calls] = readXlsx(weekFile);
    const nextDay = isoDay(Date.parse(`${expected.weekTo}T00:00:00Z`) + DAY_MS);
    expect(Object.fromEntries(sheetValues(about!).map(([k, v]) => [k, v]))).toMatchObject({
      Range: `${expected.weekFrom} 00:00 to ${nextDay} 00:00`,
      Calls: weekCalls,
    });
    expect(sheetValues(calls!).length - 1).toBe(weekCalls);

    // Run again (cron fired twice): a second file, never over the first.
    expect((await runTalktally(['--db', db, 'export', 'calls', '--last-week', '--tz', 'UTC', '--out', folder])).code).toBe(0);
    expect(fs.existsSync(path.join(folder, `Talktally calls ${expected.weekKey} (2).xlsx`))).toBe(true);

    const month = await runTalktally(['--db', db, 'export', 'activity', '--last-month', '--tz', 'UTC', '--out', path.join(folder, 'month.xlsx')]);
    expect(month.code, month.stderr).toBe(0);
    const monthEnd = isoDay(Date.parse(`${expected.monthTo}T00:00:00Z`) + DAY_MS);
    expect(
      Object.fromEntries(sheetValues(readXlsx(path.join(folder, 'month.xlsx')).find((s) => s.name === 'About this report')!).map(([k, v]) => [k, v])),
    ).toMatchObject({
      Report: 'Activity report',
      Range: `${expected.monthFrom} 00:00 to ${monthEnd} 00:00`,
    });
    expect(monthCalls).toBeGreaterThan(0);

    // Bad usage exits 2; a folder that is not there exits 1 in plain words.
    for (const [args, message] of [
      [['--last-week', '--last-month'], /Choose one of --last-week and --last-month/],
      [['--last-week', '--from', '2026-11-01'], /--last-week chooses the days itself: leave out --from and --to/],
    ] as const) {
      const result = await runTalktally(['--db', db, 'export', 'activity', ...args, '--out', folder]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const missing = await runTalktally(['--db', db, 'export', 'activity', '--last-week', '--out', path.join(folder, 'gone') + '/']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`talktally: Cannot save the report: the folder "${path.join(folder, 'gone')}" does not exist.\n`);
  });
});
