import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { keychainAccount } from '../../electron/secrets/keychain';
import { getDatabaseId } from '../../electron/store/app-settings';
import { addConnection } from '../../electron/store/connections';
import { openDatabase } from '../../electron/store/database';
import { createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, useChromium } from '../helpers/browser';
import { simSettings, useSimulator } from '../helpers/simulator';
import { tempDatabasePath } from '../helpers/temp';

/**
 * The Connections and Sync screens while the keychain is down for real (the
 * keyring daemon stopped, its bus up). A file of its own: this process must not
 * have reached the keyring before the outage (libsecret would keep the keyring
 * it reached first, and not find it again when it comes back).
 */
describe('the window while the system keychain is down', () => {
  const ctx = useSimulator({ calls: 20, days: 5, rateLimits: 'off' });
  const chromium = useChromium();

  async function go(page: Page, screen: 'Connections' | 'Sync') {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: screen }).click();
    await page.getByRole('heading', { name: screen, level: 1 }).waitFor();
  }

  it('shows every connection with its key status unknown, says why, and removes one, saying where its key was left', async () => {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    addConnection(db, { vendor: 'talknex', label: 'Nex', settings: simSettings(ctx.sim, 'talknex') });
    const doomed = addConnection(db, { vendor: 'talkover', label: 'Old line', settings: simSettings(ctx.sim, 'talkover') });
    const account = keychainAccount(getDatabaseId(db), doomed.id);
    await chromium.keyring.store(account, 'tk_left_behind');
    await chromium.keyring.stopDaemon();

    const app = createTestApp(db, file);
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    await go(page, 'Connections');
    for (const label of ['Nex', 'Old line']) {
      await expect.poll(() => page.getByRole('listitem', { name: label }).getByText('Key status unknown', { exact: true }).count()).toBe(1);
    }
    const notice = page.getByRole('region', { name: 'Keychain not answering' });
    expect(await notice.textContent()).toBe(
      "The system keychain did not answer, so Talktally cannot tell whether these connections' keys are stored. " +
        'If the keychain is locked or asking for your password, unlock it, then open this screen again. Keys are never stored anywhere else.',
    );
    // With the status unknown, the card offers to replace the key but not to remove it.
    const card = page.getByRole('listitem', { name: 'Nex' });
    expect(await card.getByRole('button', { name: 'Replace key' }).count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Remove key' }).count()).toBe(0);
    await saveScreenshot(page, 'connections-keychain-down');

    await go(page, 'Sync');
    await expect
      .poll(() => page.getByRole('row', { name: 'Nex', exact: true }).textContent())
      .toContain('Key status unknown: the system keychain did not answer. If it is locked, unlock it.');

    await go(page, 'Connections');
    const doomedCard = page.getByRole('listitem', { name: 'Old line' });
    await doomedCard.getByRole('button', { name: 'Remove connection' }).click();
    await doomedCard.getByRole('alertdialog').getByRole('button', { name: 'Remove connection' }).click();
    await expect.poll(() => page.getByRole('listitem', { name: 'Old line' }).count()).toBe(0);
    const left = page.getByRole('region', { name: 'Key left in the keychain' });
    expect(await left.getByRole('status').textContent()).toBe(
      'The connection is removed, but its key could not be removed from the system keychain, which did not answer. ' +
        'Talktally removes it the next time the keychain answers. ' +
        `To remove it yourself, look in the keychain for service “Talktally”, account “${account}”.`,
    );
    await saveScreenshot(page, 'connections-key-left-in-keychain');
    await left.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => left.count()).toBe(0);
    expect(await page.getByRole('listitem', { name: 'Nex' }).count()).toBe(1);

    // The key really is still there: the keychain was never reached.
    await chromium.keyring.startDaemon();
    expect(await chromium.keyring.lookup(account)).toBe('tk_left_behind');

    expect(problems).toEqual([]);
    await page.close();
    await app.close();
    db.close();
  });
});
