import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CallPage } from '../../shared/calls';
import type { Dispatch } from '../../electron/ipc/dispatch';
import { openDatabase } from '../../electron/store/database';
import type { Db } from '../../electron/store/db';
import { answer, createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, useChromium } from '../helpers/browser';
import { useSimulator } from '../helpers/simulator';
import { addSimConnection, syncFromSim } from '../helpers/sync';
import { DAY_MS } from '../../shared/time';

const HOUR = 3_600_000;
/** The simulator's "now" on the current hour, so the screen's presets (from the real clock) cover its data. */
const NOW = Math.floor(Date.now() / HOUR) * HOUR;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const LAST_30 = { fromDay: utcDay(NOW - 29 * DAY_MS), toDay: utcDay(NOW) };
const FROM_MS = Date.parse(`${LAST_30.fromDay}T00:00:00Z`);
const TO_MS = Date.parse(`${LAST_30.toDay}T00:00:00Z`) + DAY_MS;
/** The outcomes Activity counts as calls: answered, missed, no answer (written out here, not read from the code). */
const COUNTED = `('answered', 'missed', 'no_answer')`;

describe('Activity in Chromium: recruiters and AI agents apart, every figure opens its calls, teams', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 500, days: 70, rateLimits: 'off' });
  const chromium = useChromium();
  let folder: string;
  let file: string;
  let db: Db;
  const ids = { talentlynk: 0, talknex: 0, highlevel: 0 };

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'talktally-activity-drill-'));
    file = path.join(folder, 'talktally.sqlite');
    db = openDatabase(file);
    for (const vendor of ['talentlynk', 'talknex', 'highlevel'] as const) {
      const connection = addSimConnection(db, ctx.sim, vendor);
      // 65 days back: the range and the 30 days before it are both synced.
      await syncFromSim(db, ctx.sim, connection, { sinceMs: NOW - 65 * DAY_MS });
      ids[vendor] = connection.id;
    }
  });
  afterAll(() => {
    db?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  /** The app on the real handlers (days in UTC), on the Activity screen; keeps every calls/list answer the page got. */
  async function openActivity() {
    const app = createTestApp(db, file);
    await answer(app.dispatch, 'settings/update', { timeZone: 'UTC' });
    const lists: { request: unknown; page: CallPage }[] = [];
    const dispatch: Dispatch = async (channel, payload) => {
      const result = await app.dispatch(channel, payload);
      if (channel === 'calls/list' && result.ok) lists.push({ request: payload, page: result.value as CallPage });
      return result;
    };
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, dispatch);
    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
    // Two sections of six charts on two shared cores: more time than the helper's default.
    page.setDefaultTimeout(20_000);
    await page.getByRole('button', { name: 'Activity', exact: true }).click();
    await page.getByRole('table', { name: 'Recruiters' }).waitFor();
    const locale = await page.evaluate(() => navigator.language);
    const count = (n: number) => new Intl.NumberFormat(locale).format(n);
    return { app, page, problems, lists, count };
  }

  /** The Calls screen's count, once the drill-down's first page is in. */
  async function callsShown(page: Page): Promise<number> {
    await page.getByTestId('drill-down').waitFor();
    const status = page.getByTestId('calls-status');
    await expect.poll(() => status.textContent()).toMatch(/^[\d,.\s]+ calls?/);
    return Number((await status.textContent())!.replace(/ calls?.*$/, '').replace(/\D/g, ''));
  }

  /** The newest calls first, as the table orders them: ids from SQL, to compare with what the page was sent. */
  const newestIds = (where: string, ...params: unknown[]) =>
    db
      .prepare(`SELECT id FROM calls c WHERE ${where} ORDER BY started_at_ms DESC, id DESC LIMIT 100`)
      .pluck()
      .all(...params) as number[];
  const countOf = (where: string, ...params: unknown[]) =>
    db
      .prepare(`SELECT count(*) FROM calls c WHERE ${where}`)
      .pluck()
      .get(...params) as number;

  it('shows recruiters and AI agents in their own sections; a row opens exactly that person’s calls; Show all clears it', async () => {
    const { app, page, problems, lists } = await openActivity();
    const recruiters = page.getByRole('region', { name: /^Recruiters/ });
    const agents = page.getByRole('region', { name: /^AI agents/ });
    // Each section holds only its kind: TalentLynk's people, the voice-AI platforms' agents.
    const names = (table: string) => page.locator(`table[aria-label="${table}"] tbody [data-column="connection"]`).allTextContents();
    expect(new Set(await names('Recruiters'))).toEqual(new Set(['talentlynk (simulated)']));
    expect(new Set(await names('AI agents'))).toEqual(new Set(['talknex (simulated)', 'highlevel (simulated)']));
    const recruiterCount = db
      .prepare(`SELECT count(DISTINCT user_id) FROM user_activity WHERE day BETWEEN ? AND ?`)
      .pluck()
      .get(LAST_30.fromDay, LAST_30.toDay) as number;
    expect(await page.locator('table[aria-label="Recruiters"] tbody tr').count()).toBe(recruiterCount);
    expect(await recruiters.getByRole('list', { name: 'Recruiters: headline figures' }).count()).toBe(1);
    expect(await agents.getByRole('list', { name: 'AI agents: headline figures' }).count()).toBe(1);
    // HighLevel agents by name (the token can list agents), never a 24-character id.
    const highlevelNames = await page
      .locator('table[aria-label="AI agents"] tbody tr')
      .filter({ hasText: 'highlevel (simulated)' })
      .locator('[data-column="user"] button')
      .allTextContents();
    expect(new Set(highlevelNames)).toEqual(new Set(ctx.sim.datasets.highlevel.agents.map((a) => a.name)));
    await saveScreenshot(page, 'activity-split-light');

    // A HighLevel agent's row: its calls in the range, the outcomes Activity counts, deleted included, tests not.
    const agentRow = page.locator('table[aria-label="AI agents"] tbody tr').filter({ hasText: 'highlevel (simulated)' }).first();
    const agentName = (await agentRow.locator('[data-column="user"] button').textContent())!;
    const agentId = ctx.sim.datasets.highlevel.agents.find((a) => a.name === agentName)!.id;
    const rowCalls = (await agentRow.locator('[data-column="calls"]').textContent())!.replace(/\D/g, '');
    await agentRow.locator('[data-column="user"] button').click();
    const where = `connection_id = ? AND user_id = ? AND started_at_ms >= ? AND started_at_ms < ? AND status IN ${COUNTED} AND is_test = 0`;
    const expected = countOf(where, ids.highlevel, agentId, FROM_MS, TO_MS);
    expect(expected).toBeGreaterThan(0);
    expect(await callsShown(page)).toBe(expected);
    expect(Number(rowCalls)).toBe(expected);
    expect(lists.at(-1)!.page.rows.map((r) => r.id)).toEqual(newestIds(where, ids.highlevel, agentId, FROM_MS, TO_MS));
    // The filter bar says a drill-down filter is on, by name.
    expect(await page.getByTestId('people-filter').textContent()).toContain(`Only ${agentName} (highlevel (simulated))`);
    expect(await page.getByTestId('drill-down').textContent()).toContain(`${agentName} · Calls ·`);
    await saveScreenshot(page, 'activity-drill-down-calls-light');

    // A recruiter: TalentLynk's calls name the recruiter by email, its activity by id; the drill-down finds the calls.
    await page.getByRole('button', { name: 'Activity', exact: true }).click();
    const recruiterRow = page.locator('table[aria-label="Recruiters"] tbody tr').first();
    const recruiterName = (await recruiterRow.locator('[data-column="user"] button').textContent())!;
    const email = db
      .prepare(`SELECT user_email FROM user_activity WHERE user_name = ? AND connection_id = ? LIMIT 1`)
      .pluck()
      .get(recruiterName, ids.talentlynk) as string;
    await recruiterRow.locator('[data-column="user"] button').focus();
    await page.keyboard.press('Enter');
    const recruiterWhere = `connection_id = ? AND user_id = ? AND started_at_ms >= ? AND started_at_ms < ? AND status IN ${COUNTED} AND is_test = 0`;
    const recruiterCalls = countOf(recruiterWhere, ids.talentlynk, email, FROM_MS, TO_MS);
    expect(recruiterCalls).toBeGreaterThan(0);
    expect(await callsShown(page)).toBe(recruiterCalls);
    expect(lists.at(-1)!.page.rows.map((r) => r.id)).toEqual(newestIds(recruiterWhere, ids.talentlynk, email, FROM_MS, TO_MS));

    // Clearing it: every call again, and no drill-down said to be on.
    await page.getByRole('button', { name: 'Show all calls' }).click();
    await expect.poll(() => page.getByTestId('drill-down').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('calls-status').textContent())
      .toMatch(new RegExp(`^${countOf('deleted_at_ms IS NULL AND is_test = 0').toLocaleString()} calls`));
    expect(await page.getByTestId('people-filter').count()).toBe(0);

    expect(problems).toEqual([]);
    await app.close();
  }, 120_000);

  it('a tile opens the calls behind it, shows the change against the period before, and its definition opens by keyboard', async () => {
    const { app, page, problems, lists, count } = await openActivity();
    const agents = page.getByRole('region', { name: /^AI agents/ });
    const missedTile = agents.locator('.kpi-tile[data-metric="missed"]');

    // The change, against SQL for both periods: the 30 days before the range.
    const agentsMissed = (fromMs: number, toMs: number) =>
      countOf(`handler_kind = 'ai_agent' AND status = 'missed' AND is_test = 0 AND started_at_ms >= ? AND started_at_ms < ?`, fromMs, toMs);
    const now = agentsMissed(FROM_MS, TO_MS);
    const before = agentsMissed(FROM_MS - 30 * DAY_MS, FROM_MS);
    expect(now).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(0);
    const percent = Math.round(((now - before) / before) * 100);
    expect(await missedTile.locator('.kpi-value').textContent()).toBe(count(now));
    const sign = percent > 0 ? '+' : percent < 0 ? '−' : '';
    expect(await missedTile.locator('.kpi-change').textContent()).toContain(percent === 0 ? 'no change' : `${sign}${Math.abs(percent)}%`);
    expect(await missedTile.locator('.kpi-change').textContent()).toContain(`vs ${count(before)} before`);

    // The definition: reached with Tab from the figure before it, opened with Enter, closed with Esc.
    await agents.locator('.kpi-tile[data-metric="talkTime"] .kpi-value').focus();
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').getAttribute('aria-label')).toBe('What “Missed” means');
    await page.keyboard.press('Enter');
    const definition = missedTile.locator('.metric-definition');
    await expect.poll(() => definition.evaluate((el) => el.matches(':popover-open'))).toBe(true);
    expect(await definition.textContent()).toContain('Inbound calls nobody answered');
    await saveScreenshot(page, 'activity-definition-light');
    await page.keyboard.press('Escape');
    await expect.poll(() => definition.evaluate((el) => el.matches(':popover-open'))).toBe(false);

    // A column's definition opens the same way.
    await page.locator('table[aria-label="AI agents"] thead [data-column="answerRate"] button.metric-help').focus();
    await page.keyboard.press('Enter');
    expect(
      await page.locator('table[aria-label="AI agents"] thead [data-column="answerRate"] .metric-definition').evaluate((el) => el.matches(':popover-open')),
    ).toBe(true);
    await page.keyboard.press('Escape');

    // The tile's figure opens exactly the missed calls of every AI agent in the range.
    await missedTile.locator('.kpi-value').click();
    expect(await callsShown(page)).toBe(now);
    const where = `handler_kind = 'ai_agent' AND status = 'missed' AND is_test = 0 AND started_at_ms >= ? AND started_at_ms < ?`;
    expect(lists.at(-1)!.page.rows.map((r) => r.id)).toEqual(newestIds(where, FROM_MS, TO_MS));
    expect(await page.getByTestId('handler-filter').textContent()).toContain('Only AI agents');
    expect(await page.getByRole('list', { name: 'Filters in use' }).getByRole('listitem').allTextContents()).toContain('Missed×');
    // Changing a filter keeps the people, but no longer calls the list a drill-down.
    await page.getByRole('button', { name: 'Remove the recruiters or AI agents filter' }).click();
    await expect.poll(() => page.getByTestId('drill-down').count()).toBe(0);

    expect(problems).toEqual([]);
    await app.close();
  }, 120_000);

  it('teams: made on the Activity screen, a row with its members’ sums, and a drill-down to the members’ calls', async () => {
    const { app, page, problems, lists, count } = await openActivity();
    await page.getByRole('button', { name: 'Manage teams' }).click();
    await page.getByRole('button', { name: 'New team' }).click();
    await page.getByLabel('Team name').fill('Night line');
    // Two HighLevel agents and one Talknex agent, by keyboard.
    const members = [ctx.sim.datasets.highlevel.agents[0]!, ctx.sim.datasets.highlevel.agents[1]!];
    for (const m of members) {
      const box = page.getByRole('checkbox', { name: new RegExp(`^${m.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(highlevel`) });
      await box.focus();
      await page.keyboard.press('Space');
    }
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('button', { name: 'Edit team Night line' }).waitFor();
    const stored = db
      .prepare(`SELECT m.connection_id, m.user_id FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.name = 'Night line' ORDER BY 2`)
      .raw()
      .all();
    expect(stored).toEqual(members.map((m) => [ids.highlevel, m.id]).sort((a, b) => String(a[1]).localeCompare(String(b[1]))));

    // A second team with the same name is refused beside the field.
    await page.getByRole('button', { name: 'New team' }).click();
    await page.getByLabel('Team name').fill('night LINE');
    await page.getByRole('button', { name: 'Create team' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'There is already a team called' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Teams', exact: true }).click();
    const teamRow = page.locator('table[aria-label="AI agents by team"] tbody tr').filter({ hasText: 'Night line' });
    await teamRow.waitFor();
    // The team's figures: its members' sums, straight from the calls table.
    const memberWhere = `connection_id = ? AND user_id IN (?, ?) AND started_at_ms >= ? AND started_at_ms < ? AND is_test = 0`;
    const params = [ids.highlevel, members[0]!.id, members[1]!.id, FROM_MS, TO_MS];
    const sums = db
      .prepare(
        `SELECT sum(status IN ${COUNTED}) AS calls, sum(status = 'missed') AS missed, total(CASE WHEN status = 'answered' THEN talk_seconds END) AS talk FROM calls WHERE ${memberWhere}`,
      )
      .get(...params) as { calls: number; missed: number; talk: number };
    expect(await teamRow.locator('[data-column="calls"]').textContent()).toBe(count(sums.calls));
    expect(await teamRow.locator('[data-column="missedCalls"]').textContent()).toBe(count(sums.missed));
    expect(await teamRow.locator('[data-column="connection"]').textContent()).toBe('2 people');
    // The recruiters are in no team.
    expect(await page.locator('table[aria-label="Recruiters by team"] tbody tr').allTextContents()).toEqual([expect.stringContaining('Not in a team')]);
    await saveScreenshot(page, 'activity-teams-light');

    await teamRow.locator('[data-column="user"] button').click();
    const where = `${memberWhere} AND status IN ${COUNTED}`;
    expect(await callsShown(page)).toBe(sums.calls);
    expect(lists.at(-1)!.page.rows.map((r) => r.id)).toEqual(newestIds(where, ...params));
    expect(await page.getByTestId('people-filter').textContent()).toContain('Only these 2:');

    expect(problems).toEqual([]);
    await app.close();
  }, 120_000);
});
