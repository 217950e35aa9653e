import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateSettings } from '../../electron/store/app-settings';
import { addConnection } from '../../electron/store/connections';
import { openDatabase } from '../../electron/store/database';
import { setScheduleSince } from '../../electron/store/scheduled-reports';
import { answer, createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, useChromium } from '../helpers/browser';
import { readXlsx } from '../helpers/openpyxl';
import { tempDatabasePath, tempDir } from '../helpers/temp';
import { DAY_MS } from '../../shared/time';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The next Monday 08:00 UTC after now, worded "Monday 7 Dec, 08:00", by plain date arithmetic. */
function nextMondayAtEight(nowMs: number): string {
  const midnight = nowMs - (nowMs % DAY_MS);
  for (let d = 0; d <= 7; d++) {
    const at = midnight + d * DAY_MS + 8 * 3_600_000;
    const date = new Date(at);
    if (date.getUTCDay() === 1 && at > nowMs) return `Monday ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}, 08:00`;
  }
  throw new Error('no Monday within a week');
}

describe('the Scheduled reports section in Chromium, on the real handlers and worker', () => {
  const chromium = useChromium();

  it('turns the schedule on by keyboard, edits it, shows the next run, a failure in plain words, and the saved workbooks', async () => {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    // With no connection the window shows its first-run screen instead.
    addConnection(db, { vendor: 'talknex', label: 'Nex' });
    const gone = path.join(tempDir(), 'Reports');
    const chosen = tempDir();
    const app = createTestApp(db, file, { chooseFolder: async () => chosen });
    const settings = () => answer(app.dispatch, 'settings/get');
    await answer(app.dispatch, 'settings/update', { timeZone: 'UTC', syncOnStartup: false });
    await app.start();
    try {
      const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
      await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
      const section = page.getByRole('region', { name: 'Scheduled reports' });
      expect(await section.getByLabel('Covering').count()).toBe(0);

      // On, by keyboard: last week's activity, Mondays at 08:00, into the reports folder.
      await section.getByLabel('Save reports by themselves').focus();
      await page.keyboard.press('Space');
      await expect
        .poll(async () => (await settings()).reportSchedule)
        .toEqual({ period: 'week', weekday: 1, time: '08:00', reports: ['activity'], folder: null });
      // The zone follows the time: UTC is not this (London) computer's own.
      const next = section.getByTestId('next-scheduled-report');
      await expect.poll(() => next.textContent()).toMatch(/^Next report: Monday \d{1,2} \w{3}, 08:00 UTC \(activity for .+ – .+\)$/);
      expect((await next.textContent())?.startsWith(`Next report: ${nextMondayAtEight(Date.now())} UTC (activity for `)).toBe(true);
      expect(await section.getByTestId('scheduled-reports-folder').textContent()).toBe(app.defaultReportsFolder);
      expect(await section.getByText('only the latest missed week or month is written').count()).toBe(1);

      // The last workbook cannot be unticked; the calls workbook can be added.
      expect(await section.getByLabel('Activity workbook').isDisabled()).toBe(true);
      await section.getByLabel('Calls workbook (every call of the period)').check();
      await expect.poll(async () => (await settings()).reportSchedule?.reports).toEqual(['activity', 'calls']);

      // Monthly, on the 28th at 09:15, into a chosen folder.
      await section.getByLabel('Covering').selectOption('month');
      await expect.poll(async () => (await settings()).reportSchedule).toMatchObject({ period: 'month', dayOfMonth: 1 });
      expect(await section.getByLabel('On day').locator('option').count()).toBe(28);
      await section.getByLabel('On day').selectOption('28');
      await section.getByLabel('Report time').fill('09:15');
      await section.getByRole('button', { name: 'Choose…' }).click();
      await expect
        .poll(async () => (await settings()).reportSchedule)
        .toEqual({ period: 'month', dayOfMonth: 28, time: '09:15', reports: ['activity', 'calls'], folder: chosen });
      await expect.poll(() => section.getByTestId('scheduled-reports-folder').textContent()).toBe(chosen);
      await expect.poll(() => next.textContent()).toMatch(/^Next report: \w+day \d{1,2} \w{3}, 09:15 UTC \(activity and calls for /);

      // A run that came due (weekly, today at 00:00, turned on long ago) into a folder that is gone: failed, in plain words.
      const today = new Date().getUTCDay() || 7;
      updateSettings(db, { reportSchedule: { period: 'week', weekday: today, time: '00:00', reports: ['activity', 'calls'], folder: gone } });
      db.prepare(`DELETE FROM app_settings WHERE key = 'report_schedule.since_ms'`).run();
      setScheduleSince(db, 0);
      await app.reportSchedule.check();
      const failed = section.getByTestId('scheduled-report').filter({ hasText: 'Failed' });
      await expect.poll(() => failed.count()).toBe(2);
      expect(await failed.first().locator('.result').textContent()).toBe(`Failed: Cannot save the report: the folder "${gone}" does not exist.`);
      await expect.poll(() => next.textContent()).toMatch(/^Trying again: /);
      await failed.first().scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'scheduled-reports-failed');

      // Choosing a folder that exists retries at once: both workbooks saved, each shown in its folder.
      await section.getByRole('button', { name: 'Choose…' }).click();
      const saved = section.getByTestId('scheduled-report').filter({ hasText: 'Saved' });
      await expect.poll(() => saved.count(), { timeout: 30_000 }).toBe(2);
      const files = fs.readdirSync(chosen).sort();
      expect(files).toEqual([expect.stringMatching(/^Talktally activity \d{4}-W\d\d\.xlsx$/), expect.stringMatching(/^Talktally calls \d{4}-W\d\d\.xlsx$/)]);
      // An activity workbook: its Summary first, then the About sheet.
      expect(
        readXlsx(path.join(chosen, files[0]!))
          .map((s) => s.name)
          .slice(0, 2),
      ).toEqual(['Summary', 'About this report']);
      await saved
        .filter({ hasText: 'Activity' })
        .getByRole('button', { name: /^Show in folder: the activity workbook for .+$/ })
        .click();
      await expect.poll(() => app.shownInFolder).toEqual([path.join(chosen, files[0]!)]);
      // The rule set behind the window's back is what it shows once the settings are read again.
      await expect.poll(() => section.getByLabel('Report time').inputValue()).toBe('00:00');
      await saveScreenshot(page, 'scheduled-reports');

      // Off again: no next run, the history stays.
      await section.getByLabel('Save reports by themselves').uncheck();
      await expect.poll(async () => (await settings()).reportSchedule).toBeNull();
      await expect.poll(() => next.count()).toBe(0);
      expect(await section.getByTestId('scheduled-report').count()).toBe(2);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await app.close();
      db.close();
    }
  });
});
