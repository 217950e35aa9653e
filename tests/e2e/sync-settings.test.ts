import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDatabase } from '../../electron/store/database';
import { answer, createTestApp, type TestAppOptions } from '../helpers/app';
import { openApp, saveScreenshot, useChromium } from '../helpers/browser';
import { simSettings, useSimulator } from '../helpers/simulator';
import { tempDatabasePath, tempDir } from '../helpers/temp';

const NOW = Date.now() - (Date.now() % 3_600_000);
const number = (n: number) => n.toLocaleString('en-US');

describe('the Sync and Settings screens in Chromium, on the real handlers', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 300, days: 40, rateLimits: 'off' });
  const chromium = useChromium();

  function start(options: TestAppOptions = {}) {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    const app = createTestApp(db, file, options);
    const settings = () => answer(app.dispatch, 'settings/get');
    return { db, file, app, settings };
  }

  async function go(page: Page, screen: 'Sync' | 'Settings') {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: screen }).click();
    await page.getByRole('heading', { name: screen, level: 1 }).waitFor();
  }

  it('syncs all, cancels a slow one, shows progress and a history in plain words, and saves the schedule', async () => {
    const { db, app, settings } = start();
    const sim = ctx.sim;
    const add = (vendor: 'talentlynk' | 'talknex', label: string) =>
      answer(app.dispatch, 'connections/add', { vendor, label, settings: simSettings(sim, vendor), apiKey: sim.credentials[vendor].apiKey });
    // TalentLynk's calls come in 7-day windows at most: a bar that knows how far along it is.
    const slow = await add('talentlynk', 'Slow line');
    const nex = await add('talknex', 'Nex');
    // Every TalentLynk reply takes a while: long enough to see the bars and cancel.
    sim.faults.inject('talentlynk', { kind: 'slow', delayMs: 400 }, { times: 10_000 });
    try {
      const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
      await go(page, 'Sync');
      const slowRow = page.getByRole('row', { name: 'Slow line', exact: true });
      const nexRow = page.getByRole('row', { name: 'Nex', exact: true });
      expect(await slowRow.textContent()).toContain('never synced');
      expect(await page.getByText('No syncs yet').count()).toBe(1);

      await page.getByRole('button', { name: 'Sync all' }).click();
      // A determinate bar while reading the calls windows.
      await expect.poll(() => slowRow.locator('.progress-label').textContent()).toMatch(/^Calls: part \d+ of \d+ · /);
      const bar = slowRow.getByRole('progressbar');
      expect(Number(await bar.getAttribute('max'))).toBeGreaterThan(1);
      expect(await page.getByRole('button', { name: 'Cancel all' }).count()).toBe(1);
      await saveScreenshot(page, 'sync-running');

      await slowRow.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => slowRow.textContent(), { timeout: 10_000 }).toContain('last run: cancelled');
      await expect.poll(() => nexRow.textContent(), { timeout: 20_000 }).toContain('last run: finished');
      await app.sync.idle();

      // The history: cancelled in plain words, and what the finished run wrote.
      const [nexRun] = await answer(app.dispatch, 'sync/history', { connectionId: nex.id, limit: 1 });
      expect(nexRun).toMatchObject({ status: 'succeeded' });
      expect(nexRun!.callsNew).toBe(db.prepare('SELECT count(*) FROM calls WHERE connection_id = ?').pluck().get(nex.id));
      const nexHistory = page.getByTestId('history-row').filter({ hasText: 'Nex' });
      await expect
        .poll(() => nexHistory.getByRole('cell').allTextContents())
        .toEqual([
          'Nex',
          expect.any(String),
          expect.any(String),
          'Finished',
          number(nexRun!.callsNew!),
          number(nexRun!.callsWritten - nexRun!.callsNew!),
          number(nexRun!.transcriptsWritten),
          number(nexRun!.activityRowsWritten),
          '0',
          '',
        ]);
      const slowHistory = page.getByTestId('history-row').filter({ hasText: 'Slow line' });
      expect(await slowHistory.getAttribute('data-status')).toBe('cancelled');
      expect(await slowHistory.getByRole('cell').nth(3).textContent()).toBe('Cancelled');
      await slowHistory.getByRole('button', { name: 'Details' }).click();
      await expect
        .poll(() => page.locator('tr.run-details').textContent())
        .toContain('Sync cancelled. What was read so far is saved; the next sync carries on from there.');
      expect(await nexRow.textContent()).not.toContain('Not synced yet');
      expect((await answer(app.dispatch, 'connections/list')).find((c) => c.id === slow.id)?.label).toBe('Slow line');

      // The schedule, saved as it changes.
      const schedule = page.getByRole('region', { name: 'Schedule' });
      const onStartup = schedule.getByLabel('Sync when Talktally starts');
      expect(await onStartup.isChecked()).toBe((await settings()).syncOnStartup);
      await onStartup.setChecked(false);
      await expect.poll(async () => (await settings()).syncOnStartup).toBe(false);
      await schedule.getByLabel('Sync every day at').check();
      await expect.poll(() => schedule.getByRole('status').textContent()).toBe('Saved');
      await schedule.getByLabel('Daily sync time').fill('07:30');
      await expect.poll(async () => (await settings()).dailySyncAt).toBe('07:30');
      await expect.poll(() => schedule.getByRole('status').textContent()).toBe('Saved');

      expect(problems).toEqual([]);
      await saveScreenshot(page, 'sync-history');
      await page.close();
    } finally {
      sim.faults.clear();
      await app.close();
      db.close();
    }
  });

  it('changes the time zone, chooses a reports folder and shows the data folder', async () => {
    const missing = path.join(tempDir(), 'gone');
    const chosen = tempDir();
    const answers = [missing, chosen];
    const { db, file, app, settings } = start({ chooseFolder: async () => answers.shift() ?? null });
    await answer(app.dispatch, 'connections/add', { vendor: 'talknex', label: 'Nex', settings: simSettings(ctx.sim, 'talknex'), apiKey: 'k' });
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    await go(page, 'Settings');

    // Time zone: the computer's first, saved as soon as it changes.
    const zone = page.getByLabel('Time zone');
    expect(await zone.locator('option').first().textContent()).toBe("This computer's (Europe/London)");
    await zone.selectOption('America/New_York');
    const dates = page.getByRole('region', { name: 'Dates and times' });
    await expect.poll(() => dates.getByRole('status').textContent()).toBe('Saved');
    expect((await settings()).timeZone).toBe('America/New_York');
    expect(await zone.inputValue()).toBe('America/New_York');

    // Data folder: shown, and opened in the file manager.
    const folders = page.getByRole('region', { name: 'Folders' });
    expect(await folders.getByTestId('data-folder').textContent()).toBe(path.dirname(file));
    await folders.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => app.shownInFolder).toEqual([file]);

    // Reports folder: Downloads until one is chosen; a folder that is gone is refused in plain words.
    const reportsFolder = folders.getByTestId('reports-folder');
    expect(await reportsFolder.textContent()).toBe(app.defaultReportsFolder);
    expect(await folders.getByRole('button', { name: 'Use Downloads' }).isDisabled()).toBe(true);
    await folders.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => folders.getByRole('alert').textContent()).toBe(`The folder ${missing} does not exist.`);
    expect((await settings()).reportsFolder).toBeNull();
    await folders.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => reportsFolder.textContent()).toBe(chosen);
    expect((await settings()).reportsFolder).toBe(chosen);
    expect(await folders.getByRole('status').textContent()).toBe('Saved');
    await saveScreenshot(page, 'settings');
    await folders.getByRole('button', { name: 'Use Downloads' }).click();
    await expect.poll(() => reportsFolder.textContent()).toBe(app.defaultReportsFolder);
    expect((await settings()).reportsFolder).toBeNull();

    // The same schedule as on the Sync screen.
    const schedule = page.getByRole('region', { name: 'Sync' });
    await schedule.getByLabel('Sync every day at').check();
    await expect.poll(async () => (await settings()).dailySyncAt).toBe('07:00');
    await schedule.getByLabel('Sync every day at').uncheck();
    await expect.poll(async () => (await settings()).dailySyncAt).toBeNull();

    expect(problems).toEqual([]);
    await page.close();
    await app.close();
    db.close();
  });
});
