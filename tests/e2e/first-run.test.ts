import { describe, expect, it } from 'vitest';
import { VENDORS } from '../../shared/vendors';
import { openDatabase } from '../../electron/store/database';
import { createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, useChromium } from '../helpers/browser';
import { tempDatabasePath } from '../helpers/temp';

describe('first run, in Chromium on the real handlers', () => {
  const chromium = useChromium();

  it('offers a connection or demo data; the demo syncs five platforms with progress and opens on their calls', async () => {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    const app = createTestApp(db, file, { demoCallsPerVendor: 300 });
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);

    await expect.poll(() => page.getByRole('heading', { name: 'Welcome to Talktally' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: /Add a connection/ }).isVisible()).toBe(true);
    await saveScreenshot(page, 'first-run');

    await page.getByRole('button', { name: /Explore with demo data/ }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Syncing demo data' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await saveScreenshot(page, 'first-run-demo-syncing');

    // Into the app once every platform has synced: the calls table shows what the database holds.
    const status = page.getByTestId('calls-status');
    await expect.poll(() => status.isVisible(), { timeout: 60_000 }).toBe(true);
    const stored = db.prepare('SELECT count(*) FROM calls WHERE deleted_at_ms IS NULL AND is_test = 0').pluck().get() as number;
    expect(stored).toBeGreaterThan(VENDORS.length * 250);
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain(`${stored.toLocaleString('en-US')} calls`);
    expect(db.prepare('SELECT count(DISTINCT connection_id) FROM calls').pluck().get()).toBe(VENDORS.length);
    await expect.poll(() => page.locator('.calls-row[data-call-id]').count()).toBeGreaterThan(5);
    await saveScreenshot(page, 'first-run-demo-calls');
    expect(problems).toEqual([]);
    await app.close();
    db.close();
  });
});
