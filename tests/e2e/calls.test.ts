import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { answer, createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, useChromium } from '../helpers/browser';
import { readXlsx, sheetValues } from '../helpers/openpyxl';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { tempDatabasePath } from '../helpers/temp';
import { storeWithConnection } from '../helpers/store';
import { makeCall } from '../helpers/fixtures';
import { upsertCalls } from '../../electron/store/calls';

const NOW = Date.now() - (Date.now() % 3_600_000);
const VISIBLE = 'deleted_at_ms IS NULL AND is_test = 0';
const count = (db: Db, where: string, ...params: unknown[]) =>
  db
    .prepare(`SELECT count(*) FROM calls WHERE ${VISIBLE} AND ${where}`)
    .pluck()
    .get(...params) as number;
const shown = (n: number) => n.toLocaleString('en-US');

// One keyring, renderer and browser for the whole file: keytar keeps its first D-Bus connection.
const chromium = useChromium();

describe('the calls screen, in Chromium on the real handlers over a synced store', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 700, days: 25, rateLimits: 'off' });
  let db: Db;
  let file: string;
  let folder: string;
  beforeAll(async () => {
    // A folder of the file's own: tempDir()'s are removed after each test, and the worker opens this file in several.
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'talktally-calls-e2e-'));
    file = path.join(folder, 'talktally.sqlite');
    db = openDatabase(file);
    for (const vendor of ['talentlynk', 'talknex'] as const) await syncFromSim(db, ctx.sim, addSimConnection(db, ctx.sim, vendor));
  });
  afterAll(async () => {
    db?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  async function open() {
    const app = createTestApp(db, file);
    await answer(app.dispatch, 'settings/update', { timeZone: 'UTC' });
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    await expect.poll(() => page.getByTestId('calls-status').textContent()).toMatch(/\d calls/);
    return { app, page, problems };
  }
  const status = (page: Page) => page.getByTestId('calls-status').textContent();
  /** A control in the Filters panel, opened first when it is closed (the toolbar's "Filters (n)" button). */
  const filter = async (page: Page, label: string) => {
    const button = page.getByRole('button', { name: /^Filters( \(\d+\))?$/ });
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    return page.getByRole('group', { name: 'Filters' }).getByLabel(label);
  };

  it('lists every call, filters in SQL, and remembers the view between runs', async () => {
    const { app, page, problems } = await open();
    await expect.poll(() => status(page)).toContain(`${shown(count(db, '1'))} calls`);
    // Newest first by default: the first row is the newest call.
    const newest = db.prepare(`SELECT id FROM calls WHERE ${VISIBLE} ORDER BY started_at_ms DESC, id DESC LIMIT 1`).pluck().get();
    await expect.poll(() => page.locator('.calls-row[aria-rowindex="1"]').getAttribute('data-call-id')).toBe(String(newest));

    await (await filter(page, 'Direction')).selectOption('inbound');
    await expect.poll(() => status(page)).toContain(`${shown(count(db, `direction = 'inbound'`))} calls`);
    await (await filter(page, 'Outcome')).selectOption('missed');
    await expect.poll(() => status(page)).toContain(`${shown(count(db, `direction = 'inbound' AND status = 'missed'`))} calls`);
    await (await filter(page, 'Talk time at least (min)')).fill('2');
    await (await filter(page, 'Outcome')).selectOption('');
    // The panel closes with Esc, uncovering the table.
    await page.keyboard.press('Escape');
    await expect.poll(() => status(page)).toContain(`${shown(count(db, `direction = 'inbound' AND talk_seconds >= 120`))} calls`);

    // Sort by talk time, longest first: the header says so and the rows follow.
    await page
      .getByRole('columnheader', { name: /Talk time/ })
      .getByRole('button')
      .click();
    await expect.poll(() => page.getByRole('columnheader', { name: /Talk time/ }).getAttribute('aria-sort')).toBe('descending');
    const longest = db
      .prepare(`SELECT id FROM calls WHERE ${VISIBLE} AND direction = 'inbound' AND talk_seconds >= 120 ORDER BY talk_seconds DESC, id DESC LIMIT 1`)
      .pluck()
      .get();
    await expect.poll(() => page.locator('.calls-row[aria-rowindex="1"]').getAttribute('data-call-id')).toBe(String(longest));

    // Hide a column; after a restart of the window the view is as the user left it.
    await page.getByText('Columns', { exact: true }).click();
    await page.getByRole('checkbox', { name: 'Number' }).uncheck();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Number' }).count()).toBe(0);
    await saveScreenshot(page, 'calls-filtered');
    await page.reload();
    await expect.poll(() => status(page)).toContain(`${shown(count(db, `direction = 'inbound' AND talk_seconds >= 120`))} calls`);
    expect(await page.getByRole('columnheader', { name: 'Number' }).count()).toBe(0);
    expect(await (await filter(page, 'Direction')).inputValue()).toBe('inbound');

    await page.getByRole('button', { name: /Clear filters/ }).click();
    await expect.poll(() => status(page)).toContain(`${shown(count(db, '1'))} calls`);
    await (await filter(page, 'Platform')).selectOption('talknex');
    await expect.poll(() => status(page)).toContain(`${shown(count(db, `connection_id IN (SELECT id FROM connections WHERE vendor = 'talknex')`))} calls`);
    expect(problems).toEqual([]);
    await app.close();
  });

  it('searches with highlighted snippets, opens a transcript from the keyboard and finds a word in it', async () => {
    const { app, page, problems } = await open();
    // A word from a real transcript, and how often it occurs in that call.
    const call = db
      .prepare(
        `SELECT c.id, c.contact_name AS name FROM calls c JOIN transcripts t ON t.call_id = c.id WHERE t.status = 'completed' AND c.${VISIBLE.replace(' AND ', ' AND c.')} ORDER BY c.started_at_ms DESC LIMIT 1`,
      )
      .get() as { id: number; name: string };
    const texts = db.prepare(`SELECT text FROM utterances WHERE call_id = ? ORDER BY position`).pluck().all(call.id) as string[];
    const word = (texts.join(' ').match(/[A-Za-z]{6,}/g) ?? [])[0]!;
    const occurrences = texts.reduce((n, t) => n + (t.toLowerCase().split(word.toLowerCase()).length - 1), 0);

    await page.keyboard.press('/');
    expect(await page.getByLabel('Search calls').evaluate((input) => input === (input.ownerDocument.activeElement as unknown))).toBe(true);
    await page.keyboard.type(call.name);
    await expect.poll(() => status(page)).toContain(`matching “${call.name}”`);
    await expect.poll(() => page.locator('.calls-row mark').count()).toBeGreaterThan(0);
    const rowIds = await page.locator('.calls-row[data-call-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-call-id'))));
    expect(rowIds).toContain(call.id);
    await saveScreenshot(page, 'calls-search');

    // Down into the table, to the call, Enter opens its transcript.
    await page.keyboard.press('ArrowDown');
    for (let i = 0; i < rowIds.indexOf(call.id); i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.calls-row.selected').getAttribute('data-call-id')).toBe(String(call.id));
    await page.keyboard.press('Enter');
    const reader = page.getByRole('complementary', { name: 'Transcript' });
    await expect.poll(() => reader.getByRole('heading', { name: call.name }).isVisible()).toBe(true);
    await expect.poll(() => reader.locator('.turn').count()).toBe(texts.length);

    await reader.getByLabel('Find in transcript').fill(word);
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe(`1 of ${occurrences}`);
    expect(await reader.locator('.turn mark').count()).toBe(occurrences);
    await reader.getByLabel('Find in transcript').press('Enter');
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe(occurrences > 1 ? `2 of ${occurrences}` : `1 of 1`);
    await saveScreenshot(page, 'calls-transcript-find');

    // Copy puts the whole transcript on the clipboard, a line per turn.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(chromium.rendererUrl).origin });
    await reader.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => reader.getByRole('status').textContent()).toBe('Copied');
    const copied = await page.evaluate(() =>
      (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
    );
    expect(copied.split('\n').map((line) => line.replace(/^(\[[\d:]+\] )?[A-Za-z]+ \([^)]*\): /, ''))).toEqual(texts);
    await reader.getByLabel('Find in transcript').fill('zzqxnotaword');
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe('No matches');

    await page.keyboard.press('Escape');
    await expect.poll(() => reader.count()).toBe(0);
    await page.getByLabel('Search calls').fill('qqqzzz');
    await expect.poll(() => page.getByText('No calls match “qqqzzz”').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await app.close();
  });

  it('shows the calls of a sync it did not start (the daily schedule) as soon as that sync ends', async () => {
    const freshFile = tempDatabasePath();
    const fresh = openDatabase(freshFile);
    addSimConnection(fresh, ctx.sim, 'talkover');
    const app = createTestApp(fresh, freshFile);
    await answer(app.dispatch, 'connections/set-key', { connectionId: 1, apiKey: ctx.sim.credentials.talkover.apiKey });
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    await expect.poll(() => page.getByText('No calls yet').isVisible()).toBe(true);
    // As the scheduler does: main starts the sync; the window only polls.
    await answer(app.dispatch, 'sync/start');
    await app.sync.idle();
    expect(await answer(app.dispatch, 'sync/status')).toEqual({ running: [], finishedRuns: 1 });
    const synced = fresh.prepare(`SELECT count(*) FROM calls WHERE ${VISIBLE}`).pluck().get() as number;
    expect(synced).toBeGreaterThan(0);
    await expect.poll(() => status(page)).toContain(`${shown(synced)} calls`);
    expect(problems).toEqual([]);
    await app.close();
    fresh.close();
  });

  it('exports the table in view with progress and "show in folder", and each report from the Reports screen', async () => {
    const { app, page, problems } = await open();
    await (await filter(page, 'Direction')).selectOption('outbound');
    const outbound = count(db, `direction = 'outbound'`);
    await expect.poll(() => status(page)).toContain(`${shown(outbound)} calls`);
    await page.getByRole('button', { name: 'Export calls' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Saved' });
    await expect.poll(() => saved.count(), { timeout: 30_000 }).toBe(1);
    await saved.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => app.shownInFolder.length).toBe(1);
    const [, calls] = readXlsx(app.shownInFolder[0]!);
    expect(sheetValues(calls!).length - 1).toBe(outbound);
    expect(
      new Set(
        sheetValues(calls!)
          .slice(1)
          .map((r) => r[3]),
      ),
    ).toEqual(new Set(['Outbound']));
    await saveScreenshot(page, 'calls-exported');

    await page.getByRole('button', { name: 'Reports' }).click();
    for (const kind of ['calls', 'transcripts', 'activity'] as const) {
      await page.getByRole('button', { name: `Export ${kind}` }).click();
    }
    await expect.poll(async () => (await answer(app.dispatch, 'reports/status')).filter((j) => j.state === 'done').length, { timeout: 60_000 }).toBe(4);
    await expect.poll(() => page.getByRole('region', { name: 'Activity report' }).getByRole('button', { name: 'Show in folder' }).isVisible()).toBe(true);
    const jobs = await answer(app.dispatch, 'reports/status');
    for (const job of jobs) expect(readXlsx(job.file)[0]?.name).toBe(job.kind === 'activity' ? 'Summary' : 'About this report');
    const activity = jobs.find((j) => j.kind === 'activity')!;
    expect(readXlsx(activity.file).map((s) => s.name)).toEqual(['Summary', 'About this report', 'Activity', 'Activity by day']);
    await expect.poll(() => page.getByRole('heading', { name: 'Exports this session' }).isVisible()).toBe(true);
    await saveScreenshot(page, 'reports');
    expect(problems).toEqual([]);
    await app.close();
  }, 90_000); // four workbooks written in the worker, each state checked with axe in both modes
});

describe('a long calls list in Chromium', () => {
  it('draws only the rows in view, fetches only their pages, and reaches the last call with End', async () => {
    const { db, file, connectionId } = storeWithConnection();
    const base = Date.UTC(2026, 0, 1);
    upsertCalls(
      db,
      connectionId,
      Array.from({ length: 30_000 }, (_, n) => makeCall(n, { startedAtMs: base + n * 60_000 })),
    );
    const app = createTestApp(db, file);
    const pagesAsked: number[] = [];
    const dispatch: typeof app.dispatch = (channel, payload) => {
      if (channel === 'calls/list') pagesAsked.push((payload as { offset: number }).offset);
      return app.dispatch(channel, payload);
    };
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, dispatch);
    await expect.poll(() => page.getByTestId('calls-status').textContent(), { timeout: 20_000 }).toContain('30,000 calls');
    // Only the rows on screen (and a few either side) exist in the page.
    expect(await page.locator('.calls-row').count()).toBeLessThan(60);

    await page.locator('.calls-row[aria-rowindex="1"]').click();
    await page.keyboard.press('End');
    const oldest = db.prepare('SELECT id FROM calls ORDER BY started_at_ms, id LIMIT 1').pluck().get();
    await expect.poll(() => page.locator('.calls-row[aria-rowindex="30000"]').getAttribute('data-call-id')).toBe(String(oldest));
    expect(await page.locator('.calls-row.selected').getAttribute('aria-rowindex')).toBe('30000');
    // The first page, then the last one or two: not the 300 pages between.
    expect(new Set(pagesAsked).size).toBeLessThanOrEqual(4);
    await page.keyboard.press('PageUp');
    await expect.poll(() => page.locator('.calls-row.selected').getAttribute('aria-rowindex')).toBe('29980');
    await saveScreenshot(page, 'calls-long-list-end');
    expect(problems).toEqual([]);
    await app.close();
    db.close();
  });
});
