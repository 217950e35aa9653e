import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { answer, createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, useChromium } from '../helpers/browser';
import { useSimulator } from '../helpers/simulator';
import { useSyncedStore } from '../helpers/synced-store';
import { expectedSides } from '../helpers/trackers';

const NOW = Date.UTC(2026, 10, 20, 12);
const shown = (n: number) => n.toLocaleString('en-US');

const chromium = useChromium();

describe('trackers in Chromium: managed in Settings, filtering the Calls screen', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 300, days: 10, rateLimits: 'off' });
  const store = useSyncedStore(ctx, ['talentlynk', 'talknex'], { name: 'trackers-e2e', backfillDays: 10 });

  const go = async (page: Page, screen: 'Calls' | 'Settings') => {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: screen }).click();
    await page.getByRole('main', { name: screen }).waitFor();
  };
  const status = (page: Page) => page.getByTestId('calls-status').textContent();
  const visibleIds = (ids: number[]) =>
    ids.filter((id) => store.db.prepare(`SELECT deleted_at_ms IS NULL AND is_test = 0 FROM calls WHERE id = ?`).pluck().get(id) === 1);

  it('adds, corrects, edits and removes a tracker by keyboard, and the Calls filter shows exactly the calls that say it', async () => {
    const app = createTestApp(store.db, store.file);
    await answer(app.dispatch, 'settings/update', { timeZone: 'UTC' });
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    await go(page, 'Settings');
    const section = page.getByRole('region', { name: 'Trackers' });
    await section.getByText('No trackers yet').waitFor();

    // Add by keyboard: a missing phrase is refused beside its field, then saved.
    await section.getByRole('button', { name: 'Add tracker' }).click();
    await page.keyboard.type('Compensation');
    await page.keyboard.press('Enter');
    await expect.poll(() => section.getByRole('alert').first().textContent()).toBe('Add at least one word or phrase to look for, such as "salary, pay, rate".');
    await section.getByLabel('Words and phrases').fill("salary, pays, O'Brien (c++)");
    await section.getByRole('button', { name: 'Save tracker' }).press('Enter');
    await section.getByRole('status').filter({ hasText: 'Saved "Compensation".' }).waitFor();
    const trackers = section.getByRole('list', { name: 'Trackers' });
    await expect.poll(() => trackers.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining("salary, pays, O'Brien (c++)")]);

    // A second tracker under the same name, in another case, is refused by main in plain words.
    await section.getByRole('button', { name: 'Add tracker' }).click();
    await section.getByLabel('Name').fill('COMPENSATION');
    await section.getByLabel('Words and phrases').fill('rate');
    await section.getByLabel('Words and phrases').press('Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => section.getByRole('alert').first().textContent())
      .toBe('A tracker named "Compensation" already exists. Choose another name, or edit that one.');
    expect(await section.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await section.getByLabel('Name').fill('Scheduling');
    await section.getByLabel('Words and phrases').fill('late shift, hybrid working');
    await section.getByRole('button', { name: 'Save tracker' }).click();
    await expect.poll(() => trackers.getByRole('listitem').count()).toBe(2);
    await saveScreenshot(page, 'trackers-settings');

    // The Calls screen: the tracker filter, then one side.
    const [pay] = (await answer(app.dispatch, 'trackers/list')).filter((t) => t.name === 'Compensation');
    const sides = expectedSides(store.db, ctx.sim, pay!.phrases);
    const anySide = visibleIds([...sides.keys()]);
    const contactSide = visibleIds([...sides].filter(([, s]) => s.contact).map(([id]) => id));
    expect(contactSide.length).toBeGreaterThan(0);
    expect(contactSide.length).toBeLessThan(anySide.length);
    await go(page, 'Calls');
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    const filters = page.getByRole('group', { name: 'Filters' });
    await filters.getByLabel('Tracker').selectOption({ label: 'Compensation' });
    await expect.poll(() => status(page)).toContain(`${shown(anySide.length)} calls`);
    await filters.getByLabel('Said by').selectOption({ label: 'The contact' });
    await expect.poll(() => status(page)).toContain(`${shown(contactSide.length)} calls`);
    const firstRow = await page.locator('.calls-row[aria-rowindex="1"]').getAttribute('data-call-id');
    expect(contactSide).toContain(Number(firstRow));
    await saveScreenshot(page, 'trackers-calls-filter');

    // Edit: the filter follows the new phrases.
    await go(page, 'Settings');
    await section.getByRole('button', { name: 'Edit Compensation' }).click();
    await section.getByLabel('Words and phrases').fill('salary negotiable');
    await section.getByLabel('Words and phrases').press('Control+Enter');
    await section.getByRole('button', { name: 'Save tracker' }).click();
    await expect.poll(() => trackers.getByRole('listitem').first().textContent()).toContain('salary negotiable');
    const negotiable = visibleIds([...expectedSides(store.db, ctx.sim, ['salary negotiable'])].filter(([, s]) => s.contact).map(([id]) => id));
    await go(page, 'Calls');
    await expect.poll(() => status(page)).toContain(`${shown(negotiable.length)} calls`);

    // Remove, confirmed by keyboard: its hits go, and the list is empty of it.
    await go(page, 'Settings');
    await section.getByRole('button', { name: 'Remove Compensation' }).click();
    await page.keyboard.press('Enter'); // the confirmation's "Remove" has the focus
    await section.getByRole('status').filter({ hasText: 'Removed "Compensation".' }).waitFor();
    await expect.poll(() => trackers.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('Scheduling')]);
    expect(store.db.prepare(`SELECT count(*) FROM call_tracker_hits WHERE tracker_id = ?`).pluck().get(pay!.id)).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
    await app.close();
  }, 120_000);
});
