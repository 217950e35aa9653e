import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { upsertCalls } from '../../electron/store/calls';
import { answer, createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, useChromium } from '../helpers/browser';
import { makeCall } from '../helpers/fixtures';
import { storeWithConnection } from '../helpers/store';

/** What has focus, in words a failure message can show: its role-ish tag and its text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = (globalThis as unknown as { document: { activeElement: { tagName: string; textContent: string | null } | null } }).document.activeElement;
    return element ? `${element.tagName.toLowerCase()}: ${(element.textContent ?? '').trim().slice(0, 40)}` : 'nothing';
  });

describe('keyboard only, in Chromium on the real handlers', () => {
  const chromium = useChromium();

  it('sorts from a focused header, closes the Columns menu with Esc, and keeps focus where the user is after a screen switch and an export', async () => {
    const { db, file, connectionId } = storeWithConnection();
    upsertCalls(
      db,
      connectionId,
      Array.from({ length: 40 }, (_, n) => makeCall(n, { talkSeconds: (n * 37) % 300 })),
    );
    const app = createTestApp(db, file);
    await answer(app.dispatch, 'settings/update', { timeZone: 'UTC' });
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    await expect.poll(() => page.getByTestId('calls-status').textContent()).toContain('40 calls');

    // Enter and Space on a column's header sort by it; neither opens the selected call's transcript.
    await page.locator('.calls-row[aria-rowindex="2"]').click();
    const talkHeader = page.getByRole('columnheader', { name: 'Talk time' });
    await talkHeader.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => talkHeader.getAttribute('aria-sort')).not.toBe('none');
    const first = await talkHeader.getAttribute('aria-sort');
    await page.keyboard.press('Space');
    await expect.poll(() => talkHeader.getAttribute('aria-sort')).not.toBe(first);
    expect(await page.getByRole('complementary').count(), 'no transcript opened').toBe(0);

    // Esc closes the Columns menu and gives focus back to what opened it.
    const menu = page.locator('details.column-menu');
    await menu.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => menu.getAttribute('open')).toBe('');
    await menu.getByRole('checkbox').first().focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.getAttribute('open')).toBeNull();
    expect(await focused(page)).toBe('summary: Columns');

    // An export started by keyboard leaves focus on its button when it ends (the button disabled itself meanwhile).
    await page.getByRole('button', { name: 'Export calls' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => focused(page)).toBe('button: Export calls');

    // Ctrl+2 switches to Activity and puts focus on its heading.
    await page.keyboard.press('Control+2');
    await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await expect.poll(() => focused(page)).toBe('h1: Activity');
    await saveScreenshot(page, 'keyboard-activity');
    expect(problems).toEqual([]);
    db.close();
  });
});
