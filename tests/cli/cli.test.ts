import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDatabaseId } from '../../electron/store/app-settings';
import { openDatabase } from '../../electron/store/database';
import { keychainAccount } from '../../electron/secrets/keychain';
import { runTalktally, type CliResult } from '../helpers/cli';
import { useKeyringForFile } from '../helpers/keyring';
import { simSettings, useSimulator } from '../helpers/simulator';
import { syncedData } from '../helpers/sync';
import { assertIndexesIntact } from '../helpers/store';
import { tempDatabasePath, tempDir } from '../helpers/temp';
import { readXlsx, sheetValues } from '../helpers/openpyxl';
import { callUuid } from '../../electron/simulator/vendors/talkpilot-ids';
import { DAY_MS } from '../../shared/time';

const NOW = Date.now() - (Date.now() % 3_600_000);

// Keys are stored for real: the CLI uses the OS keychain. One keyring for the file: keytar keeps its first D-Bus connection.
const keys = useKeyringForFile();

describe('the talktally CLI', () => {
  // Small enough that a sync stays inside the vendors' published per-minute limits, which the CLI keeps.
  const ctx = useSimulator({ nowMs: NOW, calls: 120, days: 60, rateLimits: 'off' });

  /** Adds a simulated connection through the CLI, the key given in the environment. */
  const add = (db: string, vendor: 'talkover' | 'talknex' | 'talentlynk', name: string, key = ctx.sim.credentials[vendor].apiKey) => {
    const settings = simSettings(ctx.sim, vendor);
    const flags = ['--base-url', settings.baseUrl!, ...(settings.appId ? ['--app-id', settings.appId] : [])];
    return runTalktally(['--db', db, 'connections', 'add', '--vendor', vendor, '--name', name, ...flags], { env: { TALKTALLY_API_KEY: key } });
  };
  const everything = (...results: CliResult[]) => results.map((r) => r.stdout + r.stderr).join('\n');

  it('adds a connection with the key in the keychain only, and lists it without the key', async () => {
    const db = tempDatabasePath();
    const key = ctx.sim.credentials.talkover.apiKey;
    const added = await add(db, 'talkover', 'Talkover main');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/Added Talkover connection "Talkover main"/);

    const listed = await runTalktally(['--db', db, 'connections', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'Talkover main', vendor: 'talkover', keySet: true, lastSyncedThrough: null })]);

    const store = openDatabase(db);
    const account = keychainAccount(getDatabaseId(store), 1);
    store.close();
    expect(await keys.keyring.lookup(account)).toBe(key);
    expect(everything(added, listed)).not.toContain(key);
    expect(fs.readFileSync(db).includes(Buffer.from(key))).toBe(false);
  });

  it('reads the key from standard input, trimmed', async () => {
    const db = tempDatabasePath();
    const settings = simSettings(ctx.sim, 'talknex');
    const key = ctx.sim.credentials.talknex.apiKey;
    const added = await runTalktally(['--db', db, 'connections', 'add', '--vendor', 'talknex', '--name', 'Nex', '--base-url', settings.baseUrl!], {
      input: `${key}\n`,
      env: { TALKTALLY_API_KEY: '' },
    });
    expect(added.code).toBe(0);
    const tested = await runTalktally(['--db', db, 'connections', 'test', 'Nex']);
    expect(tested).toMatchObject({ code: 0 });
    expect(tested.stdout).toMatch(/^Works: Talknex answered with 5 agents/);
  });

  it('refuses bad usage with exit 2 and changes nothing', async () => {
    const db = tempDatabasePath();
    const cases: [string[], RegExp][] = [
      [['connections', 'add', '--vendor', 'skype', '--name', 'x'], /--vendor must be one of talentlynk, talkpilot, talkover, highlevel, talknex/],
      [['connections', 'add', '--vendor', 'talentlynk', '--name', 'x'], /TalentLynk needs --app-id/],
      [['connections', 'add', '--vendor', 'talkpilot', '--name', 'x'], /TalkPilot needs --base-url/],
      [['connections', 'add', '--vendor', 'talkover', '--name', 'x', '--api-key', 'secret'], /unknown option '--api-key'/],
      [['connections', 'add', '--vendor', 'talkover', '--name', 'x', '--base-url', 'ftp://nope'], /--base-url is not valid/],
      [['sync', '--since', '2026-02-30'], /--since must be a date like 2026-10-01/],
      [['sync', '--wait', 'soon'], /--wait must be a number of minutes from 0.1 to 1440, not "soon"/],
      [['sync', '--wait', '0'], /--wait must be a number of minutes from 0.1 to 1440, not "0"/],
      [['search', 'x', '--limit', '0'], /--limit must be a whole number from 1 to 500/],
      [['no-such-command'], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const result = await runTalktally(['--db', db, ...args], { env: { TALKTALLY_API_KEY: 'k' } });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    const listed = await runTalktally(['--db', db, 'connections', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it('reports failures with exit 1 and the reason: a wrong key, an unknown connection', async () => {
    const db = tempDatabasePath();
    await add(db, 'talkover', 'Wrong', 'talq_not_the_right_key');
    const tested = await runTalktally(['--db', db, 'connections', 'test', 'Wrong']);
    expect(tested.code).toBe(1);
    expect(tested.stderr).toMatch(/^talktally: Wrong key: Talkover refused the API key \(401\)/);
    expect(tested.stderr).not.toContain('talq_not_the_right_key');
    const unknown = await runTalktally(['--db', db, 'sync', '--connection', 'Nope']);
    expect(unknown).toMatchObject({ code: 1, stderr: 'talktally: There is no connection named "Nope". See: talktally connections list\n' });
  });

  it('syncs, prints a JSON summary, and finds calls offline by name, number and transcript words', async () => {
    const db = tempDatabasePath();
    await add(db, 'talknex', 'Nex');
    const synced = await runTalktally(['--db', db, 'sync', '--json']);
    expect(synced.code).toBe(0);
    const summary = JSON.parse(synced.stdout) as { ok: boolean; runs: { connection: string; run: { status: string; callsWritten: number } }[] };
    expect(summary.ok).toBe(true);
    expect(summary.runs).toEqual([expect.objectContaining({ connection: 'Nex', run: expect.objectContaining({ status: 'succeeded' }) })]);
    // Each call once from the list, and again where its detail added sentiment.
    expect(summary.runs[0]!.run.callsWritten).toBeGreaterThanOrEqual(ctx.sim.datasets.talknex.callsBetween(NOW - 30 * DAY_MS, NOW).length);

    const call = ctx.sim.datasets.talknex.callsBetween(NOW - 20 * DAY_MS, NOW).find((c) => c.hasTranscript)!;
    const byName = await runTalktally(['--db', db, 'search', call.contact.name, '--json']);
    expect(JSON.parse(byName.stdout).rows.map((r: { vendorCallId: string }) => r.vendorCallId)).toContain(`call_${call.id}`);
    const byNumber = await runTalktally(['--db', db, 'search', call.contact.phone.slice(-7)]);
    expect(byNumber.stdout).toContain(call.contact.name);
    const byWord = await runTalktally(['--db', db, 'search', 'salary', '--limit', '3']);
    expect(byWord.stdout).toMatch(/\[salary\]/i);
    expect(byWord.stdout).toMatch(/3 of \d+ matching calls\./);
    expect(everything(synced, byName, byNumber, byWord)).not.toContain(ctx.sim.credentials.talknex.apiKey);
  });

  it('exports each report to Excel, refusing bad usage with 2 and an unwritable place with 1', async () => {
    const db = tempDatabasePath();
    await add(db, 'talknex', 'Nex');
    await runTalktally(['--db', db, 'sync']);
    const folder = tempDir();
    for (const report of ['calls', 'transcripts', 'activity']) {
      const out = path.join(folder, `${report}.xlsx`);
      const result = await runTalktally(['--db', db, 'export', report, '--out', out, '--tz', 'America/New_York', '--connection', 'Nex']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Saved the ${report} report \\(`));
      const sheets = readXlsx(out);
      // The activity workbook opens on its summary; the others on the About sheet.
      expect(sheets[0]?.name).toBe(report === 'activity' ? 'Summary' : 'About this report');
      const about = sheets.find((s) => s.name === 'About this report')!;
      expect(Object.fromEntries(sheetValues(about).map(([k, v]) => [k, v]))).toMatchObject({
        'Time zone': 'America/New_York',
        // Worded as the window's exports are (describeCallQuery): the calls come oldest first.
        Filters: report === 'activity' ? 'Connection: Nex' : 'Connection: Nex; Sorted by date, ascending',
      });
    }
    const calls = sheetValues(readXlsx(path.join(folder, 'calls.xlsx'))[1]!);
    const store = openDatabase(db);
    expect(calls.length - 1).toBe(store.prepare('SELECT count(*) FROM calls WHERE deleted_at_ms IS NULL AND is_test = 0').pluck().get());
    store.close();

    const usage: [string[], RegExp][] = [
      [['export', 'minutes', '--out', path.join(folder, 'x.xlsx')], /The report must be one of activity, calls, transcripts/],
      [['export', 'calls', '--out', path.join(folder, 'x.csv')], /--out must name an .xlsx file/],
      [['export', 'calls', '--out', path.join(folder, 'x.xlsx'), '--tz', 'Mars/Base'], /--tz must be a time zone like Europe\/London/],
      [['export', 'calls', '--out', path.join(folder, 'x.xlsx'), '--from', '2026-11-10', '--to', '2026-11-01'], /--from must not be after --to/],
      [['export', 'calls'], /required option '--out/],
    ];
    for (const [args, message] of usage) {
      const result = await runTalktally(['--db', db, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const missing = await runTalktally(['--db', db, 'export', 'calls', '--out', path.join(folder, 'no-such-folder', 'x.xlsx')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^talktally: Cannot save the report: the folder ".*no-such-folder" does not exist\./);
    expect(fs.readdirSync(folder).sort()).toEqual(['activity.xlsx', 'calls.xlsx', 'transcripts.xlsx']);
  });

  it('sync --reconcile re-reads every stored call and finds the ones the vendor deleted for good', async () => {
    const db = tempDatabasePath();
    const settings = simSettings(ctx.sim, 'talkpilot');
    const added = await runTalktally(['--db', db, 'connections', 'add', '--vendor', 'talkpilot', '--name', 'Pilot', '--base-url', settings.baseUrl!], {
      env: { TALKTALLY_API_KEY: ctx.sim.credentials.talkpilot.apiKey },
    });
    expect(added.code).toBe(0);
    // Twelve days: few enough requests to stay inside TalkPilot's published 60 a minute, which the CLI keeps.
    const first = await runTalktally(['--db', db, 'sync', '--since', new Date(NOW - 12 * DAY_MS).toISOString().slice(0, 10)]);
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/checked again/);

    // A call from weeks ago, long past an ordinary sync's lookback, deleted for good at TalkPilot.
    const old = ctx.sim.datasets.talkpilot.callsBetween(NOW - 10 * DAY_MS, NOW - 4 * DAY_MS).find((c) => !ctx.sim.talkpilot.stateOf(c).deletedForever)!;
    ctx.sim.talkpilot.deleteForever(callUuid(old));
    try {
      const reconciled = await runTalktally(['--db', db, 'sync', '--reconcile']);
      expect(reconciled.code).toBe(0);
      expect(reconciled.stdout).toMatch(
        /^Pilot \(TalkPilot\): succeeded\..* Every stored call was checked again: 1 no longer at the vendor \(their personal data removed\)\./m,
      );
      const store = openDatabase(db);
      expect(store.prepare(`SELECT gone_at_ms IS NOT NULL AND contact_number IS NULL FROM calls WHERE vendor_call_id = ?`).pluck().get(callUuid(old))).toBe(1);
      store.close();
    } finally {
      ctx.sim.talkpilot.reset();
    }
  });

  it('removes a connection, its key and its calls', async () => {
    const db = tempDatabasePath();
    await add(db, 'talkover', 'Gone');
    await runTalktally(['--db', db, 'sync']);
    const store = openDatabase(db);
    const account = keychainAccount(getDatabaseId(store), 1);
    expect(store.prepare('SELECT count(*) FROM calls').pluck().get()).toBeGreaterThan(0);
    store.close();
    const removed = await runTalktally(['--db', db, 'connections', 'remove', 'Gone']);
    expect(removed.code).toBe(0);
    expect(await keys.keyring.lookup(account)).toBeNull();
    const after = openDatabase(db);
    expect(after.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(0);
    after.close();
  });
});

describe('a CLI sync killed with SIGKILL', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 2_500, days: 40, rateLimits: 'off' });

  it('at random points, then run again, gives the same database as one uninterrupted sync', async () => {
    const addTo = async (db: string) => {
      const settings = simSettings(ctx.sim, 'talkover');
      const r = await runTalktally(['--db', db, 'connections', 'add', '--vendor', 'talkover', '--name', 'T', '--base-url', settings.baseUrl!], {
        env: { TALKTALLY_API_KEY: ctx.sim.credentials.talkover.apiKey },
      });
      expect(r.code).toBe(0);
    };
    const slowEveryReply = () => ctx.sim.faults.inject('talkover', { kind: 'slow', delayMs: 60 }, { times: 10_000 });

    const reference = tempDatabasePath();
    await addTo(reference);
    slowEveryReply();
    const started = Date.now();
    const full = await runTalktally(['--db', reference, 'sync']);
    const fullMs = Date.now() - started;
    ctx.sim.faults.clear();
    expect(full.code).toBe(0);
    const refDb = openDatabase(reference);
    const expected = syncedData(refDb, { ignore: ['write-times'] });
    refDb.close();

    // Kill points spread over the run, different each time the suite runs.
    // Inside the run (a busy machine shifts timings): from a fifth to four fifths of it.
    const killPoints = [0.2, 0.4, 0.6, 0.8].map((share) => Math.round(fullMs * (share - 0.05 + Math.random() * 0.1)));
    let cutMidway = 0;
    for (const killAfterMs of killPoints) {
      const db = tempDatabasePath();
      await addTo(db);
      slowEveryReply();
      const killed = await runTalktally(['--db', db, 'sync'], { killAfterMs });
      ctx.sim.faults.clear();
      const partial = openDatabase(db);
      const storedBeforeResume = partial.prepare('SELECT count(*) FROM calls').pluck().get() as number;
      partial.close();
      // Only a kill that landed mid-sync proves resumption; one that came too early or late still must resume cleanly.
      if (killed.signal === 'SIGKILL' && storedBeforeResume > 0 && storedBeforeResume < expected.calls!.length) cutMidway += 1;
      const resumed = await runTalktally(['--db', db, 'sync']);
      expect(resumed.code, resumed.stderr).toBe(0);
      const store = openDatabase(db);
      expect(syncedData(store, { ignore: ['write-times'] }), `killed after ${killAfterMs} ms`).toEqual(expected);
      assertIndexesIntact(store);
      // A kill before the run began leaves no record; one during it leaves a run the next sync marks interrupted;
      // one that lands after the run finished (a quicker run than the reference) leaves that run succeeded, whole.
      const history = store.prepare(`SELECT status, error_message FROM sync_runs ORDER BY id`).all() as { status: string; error_message: string | null }[];
      expect(history.at(-1)?.status).toBe('succeeded');
      expect(history.length).toBeLessThanOrEqual(2);
      const killedRun = history.length === 2 ? history[0] : undefined;
      if (killedRun?.status === 'succeeded') expect(storedBeforeResume, `killed after ${killAfterMs} ms, after its run succeeded`).toBe(expected.calls!.length);
      else if (killedRun) expect(killedRun).toMatchObject({ status: 'failed', error_message: expect.stringMatching(/^Interrupted/) });
      store.close();
    }
    expect(cutMidway, `kill points ${killPoints.join(', ')} ms of a ${fullMs} ms sync`).toBeGreaterThanOrEqual(2);
  }, 120_000); // nine CLI runs, each a process of its own
});
