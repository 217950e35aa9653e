import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { SCREENS } from '../../renderer/src/app/screens';
import { upsertCalls } from '../../electron/store/calls';
import { saveTranscript } from '../../electron/store/transcripts';
import { advanceCheckpoint, finishSyncRun, startSyncRun } from '../../electron/store/sync-state';
import { answer, createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, sidewaysOverflow, useChromium } from '../helpers/browser';
import { makeCall, makeTranscript } from '../helpers/fixtures';
import { storeWithConnection } from '../helpers/store';

const MINUTE = 60_000;
const NEW_YORK = 'America/New_York';

/** What has focus, in words a failure message can show: its tag, its accessible label or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = (
      globalThis as unknown as { document: { activeElement: { tagName: string; textContent: string | null; getAttribute(n: string): string | null } | null } }
    ).document.activeElement;
    if (!element) return 'nothing';
    return `${element.tagName.toLowerCase()}: ${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}`;
  });

const isFocused = (locator: Locator) => locator.evaluate((element) => element === element.ownerDocument.activeElement);

/**
 * A stored instant as a New York wall clock reads it, worked out here with Intl
 * itself (the page's locale, medium date, short time), not with the app's formatter.
 */
const inNewYork = (ms: number, locale: string) => new Intl.DateTimeFormat(locale, { timeZone: NEW_YORK, dateStyle: 'medium', timeStyle: 'short' }).format(ms);
const inLondon = (ms: number, locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }).format(ms);
/** "4 min ago" in the page's words (Intl's short style: "4 min. ago" in American English). */
const minutesAgo = (minutes: number, locale: string) => new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'short' }).format(-minutes, 'minute');

/** A database with calls (one with a transcript), two finished syncs and a checkpoint: every kind of time the window shows. */
function seededStore() {
  const { db, file, connectionId } = storeWithConnection('talentlynk');
  upsertCalls(
    db,
    connectionId,
    Array.from({ length: 12 }, (_, n) => makeCall(n, { hasTranscript: n === 11 })),
  );
  const newest = db.prepare(`SELECT id, started_at_ms AS startedAtMs, contact_name AS name FROM calls ORDER BY started_at_ms DESC LIMIT 1`).get() as {
    id: number;
    startedAtMs: number;
    name: string;
  };
  saveTranscript(
    db,
    newest.id,
    makeTranscript([
      ['A', 'Hello, is that a good time?'],
      ['B', 'Yes, go ahead.'],
    ]),
  );
  const now = Date.now();
  finishSyncRun(db, startSyncRun(db, connectionId, now - 3 * 60 * MINUTE), 'succeeded', null, now - 3 * 60 * MINUTE + 2 * MINUTE);
  const lastStarted = now - 6 * MINUTE;
  // "4 min ago" for the next 50 seconds: the test reads it within that.
  const lastFinished = now - 4 * MINUTE - 10_000;
  finishSyncRun(db, startSyncRun(db, connectionId, lastStarted), 'succeeded', null, lastFinished);
  advanceCheckpoint(db, connectionId, 'calls', newest.startedAtMs + MINUTE);
  return { db, file, connectionId, newest, lastStarted, lastFinished, syncedThrough: newest.startedAtMs + MINUTE };
}

describe('focus after forms, the folding sidebar and time zones, in Chromium on the real handlers', () => {
  const chromium = useChromium();

  it('folds the sidebar by keyboard, remembers it after a reload, keeps every screen by its name and shortcut, and nothing scrolls sideways at 900×600', async () => {
    const { db, file } = seededStore();
    const app = createTestApp(db, file);
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    const nav = page.getByRole('navigation', { name: 'Screens' });
    await expect.poll(() => page.getByTestId('calls-status').textContent()).toContain('12 calls');
    const navWidth = async () => (await nav.boundingBox())?.width ?? 0;
    const wide = await navWidth();

    // By keyboard: the toggle says what it does and whether the list is open.
    const collapse = nav.getByRole('button', { name: 'Collapse sidebar' });
    expect(await collapse.getAttribute('aria-expanded')).toBe('true');
    await collapse.focus();
    await page.keyboard.press('Enter');
    const expand = nav.getByRole('button', { name: 'Expand sidebar' });
    await expect.poll(() => expand.getAttribute('aria-expanded')).toBe('false');
    expect(await isFocused(expand), 'focus stays on the toggle').toBe(true);
    await expect.poll(navWidth).toBeLessThan(wide / 2);
    // The names are not on screen, but every button still has its screen's name and a tooltip with its shortcut.
    expect((await nav.getByText('Activity', { exact: true }).boundingBox())?.width).toBeLessThanOrEqual(1);
    for (const [i, screen] of SCREENS.entries()) {
      expect(await nav.getByRole('button', { name: screen.label, exact: true }).getAttribute('title')).toBe(`${screen.label} (Ctrl+${i + 1})`);
    }
    await saveScreenshot(page, 'sidebar-collapsed');

    // Remembered after a reload (as after a restart).
    await page.reload();
    await expect.poll(() => expand.getAttribute('aria-expanded')).toBe('false');

    // At the window's minimum, folded, every screen is reached by its name and none scrolls sideways.
    await page.setViewportSize({ width: 900, height: 600 });
    const overflow: Record<string, number> = {};
    for (const screen of SCREENS) {
      await nav.getByRole('button', { name: screen.label, exact: true }).click();
      await page.getByRole('heading', { name: screen.label, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      overflow[screen.label] = await sidewaysOverflow(page);
      await saveScreenshot(page, `sidebar-collapsed-900-${screen.id}`);
    }
    expect(overflow).toEqual(Object.fromEntries(SCREENS.map((s) => [s.label, 0])));

    // The shortcuts are unchanged; Space opens the sidebar again.
    await page.keyboard.press('Control+1');
    await page.getByRole('heading', { name: 'Calls', level: 1 }).waitFor();
    await expand.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => collapse.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(navWidth).toBe(wide);
    expect(problems).toEqual([]);
    db.close();
  }, 90_000);

  it('gives focus back to the button that opened a form or question, and to the first field in error', async () => {
    const { db, file } = seededStore();
    const app = createTestApp(db, file);
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    const nav = page.getByRole('navigation', { name: 'Screens' });
    await nav.getByRole('button', { name: 'Connections', exact: true }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();

    // Add a connection, then Cancel: focus is back on "Add a connection".
    const add = page.getByRole('button', { name: 'Add a connection' });
    await add.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Add a connection' });
    await form.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('button: Add a connection');

    // Sent empty: main refuses, and focus goes to the first field in error, which is described by the reason.
    await page.keyboard.press('Enter');
    await form.getByRole('button', { name: 'Add connection' }).focus();
    await page.keyboard.press('Enter');
    const invalid = form.locator('[aria-invalid="true"]');
    await expect.poll(() => invalid.count()).toBeGreaterThan(0);
    await expect.poll(() => isFocused(invalid.first())).toBe(true);
    expect(await isFocused(form.getByLabel('Name')), 'Name is the first field a blank form gets wrong').toBe(true);
    const describedBy = (await invalid.first().getAttribute('aria-describedby'))?.split(' ') ?? [];
    const reasons = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(reasons).toContain(await form.getByRole('alert').textContent());
    await saveScreenshot(page, 'focus-add-connection-first-error');
    // Esc leaves the form too, and focus goes back the same way.
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('button: Add a connection');

    // A connection's own forms and questions: Edit, Add key (it has none yet), Remove connection.
    const card = page.getByTestId('connection');
    for (const opener of ['Edit', 'Add key', 'Remove connection']) {
      await card.getByRole('button', { name: opener, exact: true }).focus();
      await page.keyboard.press('Enter');
      await card.getByRole('button', { name: 'Cancel' }).waitFor();
      if (opener === 'Remove connection') await saveScreenshot(page, 'focus-remove-question');
      await card.getByRole('button', { name: 'Cancel' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page), { message: `after cancelling ${opener}` }).toBe(`button: ${opener}`);
    }

    // The tracker editor in Settings: Cancel, Esc, and a blank one sent.
    await nav.getByRole('button', { name: 'Settings', exact: true }).click();
    const trackers = page.getByRole('region', { name: 'Trackers' });
    const addTracker = trackers.getByRole('button', { name: 'Add tracker' });
    await addTracker.focus();
    await page.keyboard.press('Enter');
    await trackers.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(addTracker)).toBe(true);
    await page.keyboard.press('Enter');
    await trackers.getByRole('button', { name: 'Save tracker' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(trackers.getByLabel('Name'))).toBe(true);
    expect(await trackers.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await saveScreenshot(page, 'focus-tracker-first-error');
    await page.keyboard.press('Escape');
    await expect.poll(() => isFocused(addTracker)).toBe(true);

    // The team editor on Activity.
    await nav.getByRole('button', { name: 'Activity', exact: true }).click();
    await page.getByRole('button', { name: 'Manage teams' }).click();
    const newTeam = page.getByRole('region', { name: 'Teams' }).getByRole('button', { name: 'New team' });
    await newTeam.focus();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('form', { name: 'New team' });
    await editor.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(newTeam)).toBe(true);
    await saveScreenshot(page, 'focus-team-editor-cancelled');
    expect(problems).toEqual([]);
    db.close();
  }, 60_000);

  it('names the zone with every time and shows each time in it once Settings says America/New_York', async () => {
    const { db, file, newest, lastStarted, lastFinished, syncedThrough } = seededStore();
    const app = createTestApp(db, file);
    const { timeZone: computerZone } = await answer(app.dispatch, 'app/info');
    expect(computerZone, 'the test app runs as a London computer').toBe('Europe/London');
    await answer(app.dispatch, 'settings/update', { timeZone: computerZone });
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    const locale = await page.evaluate(() => navigator.language);
    const nav = page.getByRole('navigation', { name: 'Screens' });
    const dateHeader = (zone: string) => page.getByRole('columnheader', { name: `Date (${zone})`, exact: true });
    // Headers always say the zone, the computer's own too.
    await expect.poll(() => dateHeader('Europe/London').count()).toBe(1);
    const ago = minutesAgo(4, locale);
    // Times elsewhere name a zone only when it is not the computer's own.
    const freshness = page.getByRole('contentinfo', { name: 'Data status' }).getByTestId('status-freshness');
    expect(await freshness.textContent()).toBe(`Synced ${ago} (${inLondon(lastFinished, locale)})`);

    // Changed in Settings, as a user would.
    await nav.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Time zone').selectOption(NEW_YORK);
    await expect.poll(async () => (await answer(app.dispatch, 'settings/get')).timeZone).toBe(NEW_YORK);
    // New York's wall clock is not London's: the checks below would fail on a time left in London.
    expect(inNewYork(newest.startedAtMs, locale)).not.toBe(inLondon(newest.startedAtMs, locale));

    // Calls: the header, and the newest call's date in New York.
    await nav.getByRole('button', { name: 'Calls', exact: true }).click();
    await expect.poll(() => dateHeader(NEW_YORK).count()).toBe(1);
    const newestRow = page.locator(`.calls-row[data-call-id="${newest.id}"]`);
    await expect.poll(() => newestRow.getByRole('gridcell').first().textContent()).toBe(inNewYork(newest.startedAtMs, locale));
    await saveScreenshot(page, 'zones-calls-new-york');

    // The reader: its start time, with the zone beside it (the computer is in London).
    await newestRow.dblclick();
    const reader = page.getByRole('complementary', { name: 'Transcript' });
    await reader.getByRole('heading', { name: newest.name }).waitFor();
    expect(await reader.locator('.facts dt', { hasText: 'When' }).locator('xpath=following-sibling::dd[1]').textContent()).toBe(
      `${inNewYork(newest.startedAtMs, locale)} ${NEW_YORK}`,
    );
    await saveScreenshot(page, 'zones-reader-new-york');

    // Sync: the headers name the zone; the last sync (with how long ago), the checkpoint and the history are New York times.
    await nav.getByRole('button', { name: 'Sync', exact: true }).click();
    const connectionsTable = page.getByRole('table', { name: 'Connections to sync' });
    const headers = (table: Locator) => table.getByRole('columnheader').allTextContents();
    await expect.poll(() => headers(connectionsTable)).toEqual(expect.arrayContaining([`Last sync (${NEW_YORK})`, `Synced through (${NEW_YORK})`]));
    const row = connectionsTable.getByTestId('sync-row');
    await expect
      .poll(() => row.getByRole('cell').allTextContents())
      .toEqual(expect.arrayContaining([`${inNewYork(lastFinished, locale)} · ${ago}`, inNewYork(syncedThrough, locale)]));
    const history = page.getByRole('table', { name: 'Sync history' });
    await expect.poll(() => headers(history)).toEqual(expect.arrayContaining([`Started (${NEW_YORK})`, `Finished (${NEW_YORK})`]));
    const latestRun = history.getByTestId('history-row').first().getByRole('cell');
    expect((await latestRun.allTextContents()).slice(1, 3)).toEqual([inNewYork(lastStarted, locale), inNewYork(lastFinished, locale)]);
    await saveScreenshot(page, 'zones-sync-new-york');

    // The status line, on every screen: how long ago, and when in New York.
    expect(await freshness.textContent()).toBe(`Synced ${ago} (${inNewYork(lastFinished, locale)} ${NEW_YORK})`);

    // Connections: the last sync and how far the calls go.
    await nav.getByRole('button', { name: 'Connections', exact: true }).click();
    const facts = page.getByTestId('connection').locator('.connection-facts');
    await expect
      .poll(() => facts.locator('.fact').allTextContents())
      .toEqual(
        expect.arrayContaining([
          `Last sync${inNewYork(lastFinished, locale)} ${NEW_YORK} · ${ago}`,
          `Synced through${inNewYork(syncedThrough, locale)} ${NEW_YORK}`,
        ]),
      );
    await saveScreenshot(page, 'zones-connections-new-york');
    expect(problems).toEqual([]);
    db.close();
  }, 60_000);
});
