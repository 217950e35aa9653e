import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ActivitySummary } from '../../shared/activity';
import type { Dispatch } from '../../electron/ipc/dispatch';
import { openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { answer, createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, useChromium } from '../helpers/browser';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { DAY_MS } from '../../shared/time';

const HOUR = 3_600_000;
/**
 * The simulator's calls and activity lie in the 40 days before its "now"; the
 * screen's presets count back from the real clock. The current hour puts both
 * on the same days.
 */
const NOW = Math.floor(Date.now() / HOUR) * HOUR;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const TODAY = utcDay(NOW);
const LAST_30 = { fromDay: utcDay(NOW - 29 * DAY_MS), toDay: TODAY };
const LAST_7 = { fromDay: utcDay(NOW - 6 * DAY_MS), toDay: TODAY };

type Range = { fromDay: string; toDay: string };
type Row = Record<string, string>;

/** h:mm:ss as a call timer shows it, written out here so the screen's formatter is checked, not reused. */
function timer(seconds: number): string {
  const s = Math.round(seconds);
  const [h, m] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60)];
  return `${h ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(s % 60).padStart(2, '0')}`;
}

describe('the Activity screen in Chromium, on a database synced from the simulator', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 600, days: 40, rateLimits: 'off' });
  const chromium = useChromium();
  let folder: string;
  let db: Db;
  let file: string;
  const labels = { talentlynk: '', talknex: '' };
  const ids = { talentlynk: 0, talknex: 0 };

  beforeAll(async () => {
    // One synced database for the file (tempDir() would remove it after the first test).
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'talktally-activity-'));
    file = path.join(folder, 'talktally.sqlite');
    db = openDatabase(file);
    for (const vendor of ['talentlynk', 'talknex'] as const) {
      const connection = addSimConnection(db, ctx.sim, vendor);
      await syncFromSim(db, ctx.sim, connection);
      labels[vendor] = connection.label;
      ids[vendor] = connection.id;
    }
  });
  afterAll(async () => {
    db?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  /** The app on the real handlers, days in UTC, opened on the Activity screen; records every activity/summary request. */
  async function openActivity() {
    const app = createTestApp(db, file);
    await answer(app.dispatch, 'settings/update', { timeZone: 'UTC' });
    const asked: unknown[] = [];
    const dispatch: Dispatch = (channel, payload) => {
      if (channel === 'activity/summary') asked.push(payload);
      return app.dispatch(channel, payload);
    };
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, dispatch);
    // Charts skip their grow-in animation for users who ask for less motion: screenshots show the final bars.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    // Two sections of three charts each on two shared cores: more time than the helper's default.
    page.setDefaultTimeout(20_000);
    await page.getByRole('button', { name: 'Activity', exact: true }).click();
    await page.locator('table.figures').first().waitFor();
    const locale = await page.evaluate(() => navigator.language);
    const count = (n: number | null) => (n === null ? '—' : new Intl.NumberFormat(locale).format(n));
    const summary = (range: Range, connectionId?: number) =>
      answer(app.dispatch, 'activity/summary', connectionId === undefined ? { range } : { range, connectionId });
    return { app, page, problems, asked, count, summary };
  }

  /** The body rows of both sections (recruiters, then AI agents: main's order), each cell by its column id. */
  const tableRows = (page: Page): Promise<Row[]> =>
    page
      .locator('.activity-section table.figures tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => Object.fromEntries([...r.querySelectorAll('[data-column]')].map((c) => [c.getAttribute('data-column'), c.textContent ?? '']))),
      );
  const totalsRow = async (page: Page, table: 'Recruiters' | 'AI agents'): Promise<Row> =>
    Object.fromEntries(
      await page
        .locator(`table[aria-label="${table}"] tfoot [data-column]`)
        .evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-column'), c.textContent ?? ''])),
    );
  /** What the table should show for a summary: names, connection and a few figures, in main's order. */
  const expectedRows = (s: ActivitySummary, count: (n: number | null) => string) =>
    s.users.map((u) => ({
      user: u.user,
      connection: u.connection,
      inboundCalls: count(u.inboundCalls),
      missedCalls: count(u.missedCalls),
      inboundSms: count(u.inboundSms),
    }));
  const pick = (rows: Row[]) =>
    rows.map((r) => ({ user: r.user, connection: r.connection, inboundCalls: r.inboundCalls, missedCalls: r.missedCalls, inboundSms: r.inboundSms }));

  it('shows a KPI row per user for the last 30 days, and a totals row equal to the sums in SQL', async () => {
    const { app, page, problems, count, summary } = await openActivity();
    expect(await page.getByRole('button', { name: 'Last 30 days' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(LAST_30.fromDay);
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(LAST_30.toDay);

    const expected = await summary(LAST_30);
    expect(new Set(expected.users.map((u) => u.connection))).toEqual(new Set([labels.talentlynk, labels.talknex]));
    const rows = await tableRows(page);
    expect(pick(rows)).toEqual(expectedRows(expected, count));
    // Voice-AI agents have no messaging figures: a dash, not a zero.
    expect(rows.filter((r) => r.connection === labels.talknex).every((r) => r.inboundSms === '—' && r.outboundEmails === '—')).toBe(true);

    // Each section's totals row, against sums worked out here straight from the tables.
    const fromMs = Date.parse(`${LAST_30.fromDay}T00:00:00Z`);
    const toMs = Date.parse(`${LAST_30.toDay}T00:00:00Z`) + DAY_MS;
    const vendorRows = db
      .prepare(
        `SELECT total(inbound_calls) AS calls, total(inbound_seconds) AS seconds, total(inbound_sms) AS sms FROM user_activity WHERE day BETWEEN ? AND ?`,
      )
      .get(LAST_30.fromDay, LAST_30.toDay) as { calls: number; seconds: number; sms: number };
    const fromCalls = db
      .prepare(
        `SELECT count(*) AS calls, total(talk_seconds) AS seconds FROM calls
         WHERE connection_id = ? AND status = 'answered' AND direction <> 'outbound' AND started_at_ms >= ? AND started_at_ms < ?
           AND deleted_at_ms IS NULL AND is_test = 0`,
      )
      .get(ids.talknex, fromMs, toMs) as { calls: number; seconds: number };
    expect(vendorRows.calls).toBeGreaterThan(0);
    expect(fromCalls.calls).toBeGreaterThan(0);
    const recruiters = await totalsRow(page, 'Recruiters');
    expect(recruiters.user).toBe('Total');
    expect(recruiters.inboundCalls).toBe(count(vendorRows.calls));
    expect(recruiters.inboundSeconds).toBe(timer(vendorRows.seconds));
    expect(recruiters.inboundSms).toBe(count(vendorRows.sms));
    const agents = await totalsRow(page, 'AI agents');
    expect(agents.inboundCalls).toBe(count(fromCalls.calls));
    expect(agents.inboundSeconds).toBe(timer(fromCalls.seconds));

    // A click on a header sorts its section by it, largest first; a second click reverses.
    const inbound = page.locator('table[aria-label="Recruiters"] thead th[data-column="inboundCalls"]');
    const recruiterInbound = () => page.locator('table[aria-label="Recruiters"] tbody [data-column="inboundCalls"]').allTextContents();
    await inbound.getByRole('button', { name: /^In: sort/ }).click();
    expect(await inbound.getAttribute('aria-sort')).toBe('descending');
    const byInbound = expected.users
      .filter((u) => u.kind === 'recruiter')
      .sort((a, b) => b.inboundCalls - a.inboundCalls)
      .map((u) => count(u.inboundCalls));
    expect(await recruiterInbound()).toEqual(byInbound);
    await inbound.getByRole('button', { name: /^In: sort/ }).click();
    expect(await inbound.getAttribute('aria-sort')).toBe('ascending');
    expect(await recruiterInbound()).toEqual([...byInbound].reverse());

    expect(problems).toEqual([]);
    await saveScreenshot(page, 'activity-table');
    await app.close();
  }, 90_000);

  it('draws calls per day, talk time and answer rate as labelled SVG bar charts with formatted tooltips', async () => {
    const { app, page, problems, summary } = await openActivity();
    const expected = await summary(LAST_30);
    for (const name of ['Calls per day: recruiters', 'Talk time per recruiter', 'Answer rate per recruiter']) {
      const chart = page.getByRole('figure', { name });
      await chart.scrollIntoViewIfNeeded();
      await expect.poll(() => chart.locator('svg.recharts-surface path.recharts-rectangle').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    }
    // Talk time: the top 15 recruiters, one bar each (AI agents have charts of their own).
    const recruiters = expected.users.filter((u) => u.kind === 'recruiter');
    const talkers = recruiters.filter((u) => u.inboundSeconds + u.outboundSeconds > 0).length;
    const talkChart = page.getByRole('figure', { name: 'Talk time per recruiter' });
    await expect.poll(() => talkChart.locator('path.recharts-rectangle').count()).toBe(Math.min(15, talkers));

    // The longest talker's bar comes first, and its tooltip reads like the table (h:mm:ss).
    const top = [...recruiters].sort((a, b) => b.inboundSeconds + b.outboundSeconds - (a.inboundSeconds + a.outboundSeconds))[0]!;
    await talkChart.locator('path.recharts-rectangle').first().hover();
    const tooltip = talkChart.locator('.recharts-tooltip-wrapper');
    await expect.poll(() => tooltip.textContent()).toContain(top.user);
    expect(await tooltip.textContent()).toContain(timer(top.inboundSeconds + top.outboundSeconds));

    // Calls per day: one bar per day with calls and direction.
    const days = new Map<string, { inbound: number; outbound: number }>();
    for (const d of expected.daily.filter((r) => r.kind === 'recruiter')) {
      const day = days.get(d.day!) ?? { inbound: 0, outbound: 0 };
      days.set(d.day!, { inbound: day.inbound + d.inboundCalls, outbound: day.outbound + d.outboundCalls });
    }
    const nonEmptyBars = [...days.values()].reduce((n, d) => n + (d.inbound > 0 ? 1 : 0) + (d.outbound > 0 ? 1 : 0), 0);
    const perDay = page.getByRole('figure', { name: 'Calls per day: recruiters' });
    await expect.poll(() => perDay.locator('path.recharts-rectangle').count()).toBe(nonEmptyBars);

    expect(problems).toEqual([]);
    await saveScreenshot(page, 'activity-charts');
    await app.close();
  }, 90_000);

  it('shows other rows for another preset or one connection', async () => {
    const { app, page, problems, count, summary } = await openActivity();
    const before = await tableRows(page);

    await page.getByRole('button', { name: 'Last 7 days' }).click();
    const week = await summary(LAST_7);
    await expect.poll(async () => pick(await tableRows(page))).toEqual(expectedRows(week, count));
    expect(await page.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(LAST_7.fromDay);
    expect(pick(await tableRows(page))).not.toEqual(pick(before));

    await page.getByLabel('Connection', { exact: true }).selectOption({ label: labels.talknex });
    const agents = await summary(LAST_7, ids.talknex);
    expect(agents.users.length).toBeGreaterThan(0);
    await expect.poll(async () => pick(await tableRows(page))).toEqual(expectedRows(agents, count));
    expect(new Set((await tableRows(page)).map((r) => r.connection))).toEqual(new Set([labels.talknex]));
    expect((await totalsRow(page, 'AI agents')).inboundCalls).toBe(count(agents.total.inboundCalls));
    expect(await page.getByText('No recruiters had calls in this range.').count()).toBe(1);

    expect(problems).toEqual([]);
    await saveScreenshot(page, 'activity-connection');
    await app.close();
  }, 90_000);

  it('says so when the range is the wrong way round (asking nothing), and when it holds no activity', async () => {
    const { app, page, problems, asked } = await openActivity();
    const askedBefore = asked.length;
    await page.getByLabel('From', { exact: true }).fill(utcDay(NOW + 3 * DAY_MS));
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The first day (From) is after the last day (To)');
    expect(await page.locator('table.figures').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Export to Excel' }).isDisabled()).toBe(true);
    expect(asked.length).toBe(askedBefore);
    await saveScreenshot(page, 'activity-invalid-range');

    await page.getByLabel('From', { exact: true }).fill('2020-01-01');
    await page.getByLabel('To', { exact: true }).fill('2020-01-31');
    await page.getByText('No activity in this range').waitFor();
    expect(await page.getByText('to fetch the latest figures').count()).toBe(1);
    expect(asked.at(-1)).toEqual({ range: { fromDay: '2020-01-01', toDay: '2020-01-31' } });
    expect(await page.locator('table.figures').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Last \d+ days|This month/, pressed: true }).count()).toBe(0);

    expect(problems).toEqual([]);
    await saveScreenshot(page, 'activity-empty');
    await app.close();
  }, 90_000);

  it('exports the range to an Excel file and shows it in its folder', async () => {
    const { app, page, problems } = await openActivity();
    await page.getByRole('button', { name: 'Export to Excel' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Saved ' });
    await saved.waitFor({ timeout: 20_000 });
    const name = (await saved.textContent())!
      .replace(/^Saved /, '')
      .replace(/Show in folder$/, '')
      .trim();
    expect(name).toMatch(/\.xlsx$/);
    const written = path.join(app.defaultReportsFolder, name);
    expect(fs.statSync(written).size).toBeGreaterThan(1000);

    await saved.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => app.shownInFolder).toEqual([written]);

    expect(problems).toEqual([]);
    await saveScreenshot(page, 'activity-export');
    await app.close();
  }, 90_000);
});
