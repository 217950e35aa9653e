import { describe, expect, it } from 'vitest';
import { upsertCalls } from '../../electron/store/calls';
import { addConnection } from '../../electron/store/connections';
import { finishSyncRun, startSyncRun } from '../../electron/store/sync-state';
import { answer, createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, useChromium } from '../helpers/browser';
import { makeCall } from '../helpers/fixtures';
import { storeWithConnection } from '../helpers/store';

const MINUTE = 60_000;

describe('the status line under every screen, in Chromium on the real handlers', () => {
  const chromium = useChromium();

  it('says how fresh the data is, what is pending and what failed, with the zone once it is not the computer’s', async () => {
    const { db, file, connectionId } = storeWithConnection('talentlynk');
    // Three calls whose transcripts the vendor has and the store does not, yet.
    upsertCalls(
      db,
      connectionId,
      [0, 1, 2].map((n) => makeCall(n, { hasTranscript: true })),
    );
    const now = Date.now();
    finishSyncRun(db, startSyncRun(db, connectionId, now - 6 * MINUTE), 'succeeded', null, now - 4 * MINUTE);
    const nex = addConnection(db, { vendor: 'talknex', label: 'Nex line' });
    finishSyncRun(db, startSyncRun(db, nex.id, now - 30 * MINUTE), 'succeeded', null, now - 25 * MINUTE);
    finishSyncRun(db, startSyncRun(db, nex.id, now - 2 * MINUTE), 'failed', 'Talknex refused the API key (401).', now - MINUTE);
    const { dispatch } = createTestApp(db, file);
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, dispatch);

    const status = page.getByRole('contentinfo', { name: 'Data status' });
    // The data is as fresh as its stalest connection: Nex's last good sync, 25 minutes ago.
    await expect.poll(() => status.textContent()).toMatch(/^Synced 25 min\.? ago \(.+\) · 3 transcripts pending · Nex line failed: Details$/);
    await saveScreenshot(page, 'status-line');

    // Every screen has it; Details goes to the Sync screen and its history.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Activity' }).click();
    await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await status.getByRole('button', { name: 'Details' }).click();
    await page.getByRole('heading', { name: 'Sync', level: 1 }).waitFor();

    // A zone other than the computer's is named beside the time.
    const { timeZone: computerZone } = await answer(dispatch, 'app/info');
    expect(await status.textContent()).not.toContain(computerZone);
    const otherZone = computerZone === 'America/New_York' ? 'Europe/London' : 'America/New_York';
    await answer(dispatch, 'settings/update', { timeZone: otherZone });
    await page.reload();
    await expect.poll(() => status.getByTestId('status-freshness').textContent()).toContain(otherZone);
    expect(problems).toEqual([]);
    db.close();
  });
});
