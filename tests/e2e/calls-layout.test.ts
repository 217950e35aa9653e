import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Db } from '../../electron/store/db';
import { upsertCalls } from '../../electron/store/calls';
import { saveTranscript } from '../../electron/store/transcripts';
import { answer, createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, sidewaysOverflow, useChromium } from '../helpers/browser';
import { makeCall, makeTranscript } from '../helpers/fixtures';
import { storeWithConnection } from '../helpers/store';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CALLS = 90;
const WORD = 'relocation';
const SIZES = {
  minimum: { width: 900, height: 600 },
  default: { width: 1280, height: 820 },
  large: { width: 1920, height: 1080 },
} as const;
const shown = (n: number) => n.toLocaleString('en-US');

/**
 * A connection's calls over the last six weeks, two or three a day, each with
 * a transcript; every tenth talks about relocation, a varying number of times.
 */
function seed() {
  const { db, file, connectionId } = storeWithConnection();
  const now = Date.now();
  upsertCalls(
    db,
    connectionId,
    Array.from({ length: CALLS }, (_, n) => makeCall(n, { startedAtMs: now - n * 11 * HOUR - 5 * 60_000, hasTranscript: true })),
  );
  const ids = db.prepare('SELECT id FROM calls ORDER BY started_at_ms DESC').pluck().all() as number[];
  ids.forEach((id, n) => {
    const lines: [string, string][] = [
      ['A', `Hello, this is Jane from Acme recruiting, calling about the warehouse supervisor role you applied for.`],
      ['B', 'Thanks for calling back. What are the hours like?'],
      ['A', 'Mostly days, with one late shift a week. The pay is reviewed every April.'],
    ];
    if (n % 10 === 0)
      lines.push(
        ['B', `Would ${WORD} be paid for? ${n % 20 === 0 ? `I asked about ${WORD} last time too.` : ''}`],
        ['A', `Yes, ${WORD} support is part of the package.`],
      );
    lines.push(['B', 'Great, please send me the details by email.']);
    saveTranscript(db, id, makeTranscript(lines));
  });
  return { db, file };
}

const countBetween = (db: Db, fromMs: number, toMs: number) =>
  db
    .prepare('SELECT count(*) FROM calls WHERE deleted_at_ms IS NULL AND is_test = 0 AND started_at_ms >= ? AND started_at_ms < ?')
    .pluck()
    .get(fromMs, toMs) as number;
const startOfUtcDay = (ms: number) => ms - (ms % DAY);

/** The column headers whose whole box lies in the part of the table the user can see (its scrollbar left out). */
/** The date column's header names the zone times are shown in (the tests' settings: UTC). */
const DATE_HEADER = 'Date (UTC)';

async function fullyVisibleColumns(page: Page): Promise<string[]> {
  const grid = page.getByRole('grid', { name: 'Calls' });
  const box = (await grid.boundingBox())!;
  const inner = await grid.evaluate((el) => ({ left: el.clientLeft, width: el.clientWidth }));
  const left = box.x + inner.left;
  const right = left + inner.width;
  const visible: string[] = [];
  for (const header of await grid.getByRole('columnheader').all()) {
    const cell = await header.boundingBox();
    if (cell && cell.width > 0 && cell.x >= left - 0.5 && cell.x + cell.width <= right + 0.5)
      visible.push((await header.textContent())!.replace(/[▲▼]/g, '').trim());
  }
  return visible;
}

const hasFocus = (locator: Locator) => locator.evaluate((el) => el === el.ownerDocument.activeElement);
const holdsFocus = (locator: Locator) => locator.evaluate((el) => el.contains(el.ownerDocument.activeElement));

describe('the calls screen at the window sizes users have, in Chromium on the real handlers', () => {
  const chromium = useChromium();

  async function open(size: { width: number; height: number }) {
    const { db, file } = seed();
    const app = createTestApp(db, file);
    await answer(app.dispatch, 'settings/update', { timeZone: 'UTC' });
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    await page.setViewportSize(size);
    await expect.poll(() => page.getByTestId('calls-status').textContent()).toBe(`${CALLS} calls`);
    const done = async () => {
      expect(problems).toEqual([]);
      await app.close();
      db.close();
    };
    return { db, page, done };
  }
  const openRow = async (page: Page, rowIndex: number) => {
    await page.locator(`.calls-row[aria-rowindex="${rowIndex}"]`).click();
    await page.keyboard.press('Enter');
    return page.locator(`.calls-row[aria-rowindex="${rowIndex}"]`).getAttribute('data-call-id');
  };

  for (const [name, size] of [
    ['default', SIZES.default],
    ['large', SIZES.large],
  ] as const) {
    it(`${size.width}×${size.height}: the reader sits beside a table that keeps at least four whole columns, and nothing scrolls sideways`, async () => {
      const { page, done } = await open(size);
      await openRow(page, 1);
      const reader = page.getByRole('complementary', { name: 'Transcript' });
      await expect.poll(() => reader.locator('.turn').count()).toBeGreaterThan(0);
      expect(await fullyVisibleColumns(page)).toEqual(expect.arrayContaining([DATE_HEADER, 'Connection', 'Direction', 'Outcome']));
      expect(await sidewaysOverflow(page)).toBe(0);
      // On a big monitor the reader takes what reading needs and gives the rest to the table.
      const readerWidth = (await reader.boundingBox())!.width;
      expect(readerWidth).toBeLessThanOrEqual(name === 'large' ? 640 : size.width / 2);
      await saveScreenshot(page, `calls-layout-${size.width}-reader`);
      await done();
    });
  }

  it('1280×820: the splitter resizes the reader by keyboard within what leaves four columns, and the width is remembered', async () => {
    const { page, done } = await open(SIZES.default);
    const callId = await openRow(page, 3);
    const reader = page.getByRole('complementary', { name: 'Transcript' });
    const splitter = page.getByRole('separator', { name: 'Transcript width' });
    const value = async () => Number(await splitter.getAttribute('aria-valuenow'));
    const start = await value();
    const max = Number(await splitter.getAttribute('aria-valuemax'));
    expect(start).toBeLessThan(max);

    await splitter.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(value).toBe(Math.min(max, start + 24));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(value).toBe(start - 24);
    await expect.poll(async () => Math.round((await reader.boundingBox())!.width)).toBe(start - 24);

    // As wide as it goes, the table still keeps four whole columns.
    await page.keyboard.press('End');
    await expect.poll(value).toBe(max);
    expect((await fullyVisibleColumns(page)).length).toBeGreaterThanOrEqual(4);
    expect(await sidewaysOverflow(page)).toBe(0);
    await saveScreenshot(page, 'calls-layout-1280-reader-widest');
    await page.keyboard.press('ArrowRight');
    const chosen = max - 24;
    await expect.poll(value).toBe(chosen);

    // A new window remembers it.
    await page.reload();
    await expect.poll(() => page.getByTestId('calls-status').textContent()).toBe(`${CALLS} calls`);
    expect(await openRow(page, 3)).toBe(callId);
    await expect.poll(value).toBe(chosen);
    await done();
  });

  it('900×600: the reader opens over the table as a dialog, keeps Tab inside, and Esc gives focus back to its row', async () => {
    const { page, done } = await open(SIZES.minimum);
    expect(await sidewaysOverflow(page)).toBe(0);
    await saveScreenshot(page, 'calls-layout-900');
    const callId = await openRow(page, 2);
    const dialog = page.getByRole('dialog', { name: 'Transcript' });
    await expect.poll(() => dialog.locator('.turn').count()).toBeGreaterThan(0);
    expect(await page.getByRole('complementary', { name: 'Transcript' }).count()).toBe(0);
    expect(await page.getByRole('separator').count()).toBe(0);
    expect(await holdsFocus(dialog)).toBe(true);
    expect(await sidewaysOverflow(page)).toBe(0);
    await saveScreenshot(page, 'calls-layout-900-overlay');

    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      expect(await holdsFocus(dialog), `focus after ${i + 1} Tabs`).toBe(true);
    }

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    // Focus is on the table, and the row it names (its active descendant) is the call that was open.
    const grid = page.getByRole('grid', { name: 'Calls' });
    expect(await hasFocus(grid)).toBe(true);
    const active = await grid.getAttribute('aria-activedescendant');
    expect(await page.locator(`[id="${active}"]`).getAttribute('data-call-id')).toBe(callId);

    // The ✕ closes it as well, with the same return.
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Close transcript (Esc)' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await hasFocus(grid)).toBe(true);
    await done();
  });

  for (const size of [SIZES.minimum, SIZES.default]) {
    it(`${size.width}×${size.height}: the filters are one line; "Filters (1)" after one is set; Esc closes the panel and gives focus back`, async () => {
      const { db, page, done } = await open(size);
      const toolbar = page.locator('.calls-toolbar');
      const button = page.getByRole('button', { name: 'Filters', exact: true });
      const oneLine = async () => (await toolbar.boundingBox())!.height <= (await page.getByLabel('Search calls').boundingBox())!.height + 4;
      expect(await oneLine()).toBe(true);
      expect(await button.getAttribute('aria-expanded')).toBe('false');

      await button.focus();
      await page.keyboard.press('Enter');
      const panel = page.getByRole('group', { name: 'Filters' });
      await panel.waitFor();
      expect(await holdsFocus(panel)).toBe(true);
      await panel.getByLabel('Direction').selectOption('inbound');
      const inbound = db.prepare(`SELECT count(*) FROM calls WHERE direction = 'inbound' AND deleted_at_ms IS NULL AND is_test = 0`).pluck().get() as number;
      await expect.poll(() => page.getByTestId('calls-status').textContent()).toBe(`${shown(inbound)} calls`);
      const counted = page.getByRole('button', { name: 'Filters (1)', exact: true });
      await counted.waitFor();
      expect(await page.getByRole('list', { name: 'Filters in use' }).getByRole('listitem').allTextContents()).toEqual(['Inbound×']);
      expect(await sidewaysOverflow(page)).toBe(0);
      await saveScreenshot(page, `calls-layout-${size.width}-filters`);

      await page.keyboard.press('Escape');
      await expect.poll(() => panel.count()).toBe(0);
      expect(await hasFocus(counted)).toBe(true);
      expect(await counted.getAttribute('aria-expanded')).toBe('false');
      expect(await oneLine()).toBe(true);
      await saveScreenshot(page, `calls-layout-${size.width}-filter-chip`);

      // The chip removes the filter; focus goes back to the Filters button, not the page.
      await page.getByRole('button', { name: 'Remove the direction filter' }).click();
      await expect.poll(() => page.getByTestId('calls-status').textContent()).toBe(`${CALLS} calls`);
      await expect.poll(() => hasFocus(button)).toBe(true);
      await done();
    });
  }

  it('date presets filter to the calls of those days in the chosen zone, as the SQL counts them', async () => {
    const { db, page, done } = await open(SIZES.default);
    const status = () => page.getByTestId('calls-status').textContent();
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    const presets = page.getByRole('group', { name: 'Quick ranges' });
    const today = startOfUtcDay(Date.now());

    await presets.getByRole('button', { name: 'Last 7 days' }).click();
    const week = countBetween(db, today - 6 * DAY, today + DAY);
    expect(week).toBeLessThan(CALLS);
    await expect.poll(status).toBe(`${shown(week)} calls`);
    expect(await presets.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Filters (1)', exact: true }).waitFor();
    await saveScreenshot(page, 'calls-layout-date-preset');

    await presets.getByRole('button', { name: 'Today' }).click();
    await expect.poll(status).toBe(`${shown(countBetween(db, today, today + DAY))} calls`);
    // A day typed in From: that day and every one after.
    const from = today - 20 * DAY;
    await page.getByRole('group', { name: 'Date' }).getByLabel('From').fill(new Date(from).toISOString().slice(0, 10));
    await expect.poll(status).toBe(`${shown(countBetween(db, from, today + DAY))} calls`);
    expect(await page.getByRole('list', { name: 'Filters in use' }).getByRole('listitem').count()).toBe(1);
    expect(await presets.getByRole('button', { pressed: true }).count()).toBe(0);

    await presets.getByRole('button', { name: 'Any time' }).click();
    await expect.poll(status).toBe(`${CALLS} calls`);
    await page.getByRole('button', { name: 'Filters', exact: true }).waitFor();
    await done();
  });

  it('Ctrl+F in an open transcript goes to its find box with the table’s search in it, found', async () => {
    const { db, page, done } = await open(SIZES.default);
    await page.getByLabel('Search calls').fill(WORD);
    await expect.poll(() => page.getByTestId('calls-status').textContent()).toContain(`matching “${WORD}”`);
    // While searching, where each call matched is the second column, in view beside the reader too.
    await expect.poll(async () => (await page.getByRole('columnheader').allTextContents()).slice(0, 2)).toEqual([DATE_HEADER, 'Summary / match']);

    const callId = db
      .prepare(`SELECT c.id FROM calls c JOIN transcripts t ON t.call_id = c.id WHERE t.full_text LIKE ? ORDER BY c.started_at_ms DESC LIMIT 1`)
      .pluck()
      .get(`%${WORD}%`) as number;
    const texts = db.prepare('SELECT text FROM utterances WHERE call_id = ? ORDER BY position').pluck().all(callId) as string[];
    const occurrences = texts.join('\n').toLowerCase().split(WORD).length - 1;
    expect(occurrences).toBeGreaterThan(1);
    await page.locator(`.calls-row[data-call-id="${callId}"]`).click();
    await page.keyboard.press('Enter');
    const reader = page.getByRole('complementary', { name: 'Transcript' });
    await expect.poll(() => reader.locator('.turn').count()).toBe(texts.length);
    expect((await fullyVisibleColumns(page)).slice(0, 2)).toEqual([DATE_HEADER, 'Summary / match']);

    const find = reader.getByLabel('Find in transcript');
    expect(await find.inputValue()).toBe('');
    await page.keyboard.press('Control+f');
    await expect.poll(() => hasFocus(find)).toBe(true);
    expect(await find.inputValue()).toBe(WORD);
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe(`1 of ${occurrences}`);
    expect(await reader.locator('.turn mark').count()).toBe(occurrences);
    await saveScreenshot(page, 'calls-layout-ctrl-f');

    // Cmd+F (macOS) too, after the user found something else; the search comes back, found again from the first.
    await find.fill('package');
    await page.keyboard.press('Enter');
    await page.getByRole('grid', { name: 'Calls' }).focus();
    await page.keyboard.press('Meta+f');
    await expect.poll(() => hasFocus(find)).toBe(true);
    expect(await find.inputValue()).toBe(WORD);
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe(`1 of ${occurrences}`);
    await done();
  });
});
