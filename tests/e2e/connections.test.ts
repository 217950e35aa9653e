import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { keychainAccount } from '../../electron/secrets/keychain';
import { getDatabaseId } from '../../electron/store/app-settings';
import { openDatabase } from '../../electron/store/database';
import { answer, createTestApp, type TestAppOptions } from '../helpers/app';
import { openApp, saveScreenshot, useChromium } from '../helpers/browser';
import { simSettings, useSimulator } from '../helpers/simulator';
import { tempDatabasePath } from '../helpers/temp';

const NOW = Date.now() - (Date.now() % 3_600_000);

describe('the Connections screen in Chromium, on the real handlers and keychain', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 200, days: 40, rateLimits: 'off' });
  const chromium = useChromium();

  function start(options: TestAppOptions = {}) {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    const app = createTestApp(db, file, options);
    const account = (id: number) => keychainAccount(getDatabaseId(db), id);
    const list = () => answer(app.dispatch, 'connections/list');
    return { db, app, account, list };
  }

  /** With one connection the app opens on Calls; the sidebar leads to Connections. */
  async function openConnections(page: Page) {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Connections' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
  }

  it('adds a connection with its vendor fields, tests it, replaces its key, renames and removes it; the key only ever goes to the keychain', async () => {
    const { db, app, account, list } = start();
    const sim = ctx.sim;
    await answer(app.dispatch, 'connections/add', {
      vendor: 'talknex',
      label: 'Nex',
      settings: simSettings(sim, 'talknex'),
      apiKey: sim.credentials.talknex.apiKey,
    });
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    await openConnections(page);

    await page.getByRole('button', { name: 'Add a connection' }).click();
    const form = page.getByRole('form', { name: 'Add a connection' });
    await form.getByLabel('Platform').selectOption('talentlynk');
    await form.getByLabel('Name').fill('London team');
    // TalentLynk's own fields only: App ID; a base URL under Advanced; no location or agents.
    await expect.poll(() => form.getByLabel('Location ID').count()).toBe(0);
    await form.getByText('Advanced').click();
    await form.getByLabel('Base URL').fill(sim.baseUrls.talentlynk);
    const key = sim.credentials.talentlynk.apiKey;
    await form.getByLabel('API key').fill(key);
    expect(await form.getByLabel('API key').getAttribute('type')).toBe('password');
    expect(await form.getByLabel('API key').getAttribute('autocomplete')).toBe('off');

    // The App ID is missing: main refuses, and says so next to the field.
    await form.getByRole('button', { name: 'Add connection' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Enter the App ID.');
    expect(await form.getByLabel('App ID').getAttribute('aria-invalid')).toBe('true');
    expect(await list()).toHaveLength(1);
    await saveScreenshot(page, 'connections-field-error');

    await form.getByLabel('App ID').fill(sim.credentials.talentlynk.appId!);
    await form.getByLabel('App ID').press('Enter');
    const added = page.getByRole('region', { name: 'Connection added' });
    await expect.poll(() => added.getByRole('status').first().textContent()).toContain('Key set');
    const london = (await list()).find((c) => c.label === 'London team')!;
    expect(london).toMatchObject({
      vendor: 'talentlynk',
      keySet: true,
      settings: { baseUrl: sim.baseUrls.talentlynk, appId: sim.credentials.talentlynk.appId },
    });
    expect(await chromium.keyring.lookup(account(london.id))).toBe(key);
    expect(await page.content()).not.toContain(key);

    // Tested right after adding: it names what the key can see.
    await added.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => added.getByTestId('test-result').textContent(), { timeout: 10_000 }).toMatch(/^Works: TalentLynk answered with \d+ users \(/);
    await added.getByRole('button', { name: 'Continue' }).click();

    const card = page.getByRole('listitem', { name: 'London team' });
    await card.waitFor();
    expect(await card.getByText('Key set').count()).toBe(1);
    expect(await card.textContent()).toContain(sim.credentials.talentlynk.appId!);

    // A wrong key: stored in the keychain, never shown; the test says what is wrong in plain words.
    await card.getByRole('button', { name: 'Replace key' }).click();
    await card.getByLabel('New API key').fill('tl_wrong_key');
    await card.getByRole('button', { name: 'Save key' }).click();
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => card.getByTestId('test-result').textContent(), { timeout: 10_000 }).toMatch(/^Wrong key: TalentLynk refused the API key/);
    expect(await chromium.keyring.lookup(account(london.id))).toBe('tl_wrong_key');
    expect(await page.content()).not.toContain('tl_wrong_key');

    // Rename; a taken name is refused next to the field; Esc leaves the form.
    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByLabel('Name').fill('Nex');
    await card.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toBe('A connection named "Nex" already exists. Choose another name.');
    await card.getByLabel('Name').press('Escape');
    await expect.poll(() => card.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByLabel('Name').fill('London recruiters');
    await card.getByLabel('Name').press('Enter');
    const renamed = page.getByRole('listitem', { name: 'London recruiters' });
    await renamed.waitFor();
    expect((await list()).map((c) => c.label).sort()).toEqual(['London recruiters', 'Nex']);
    await saveScreenshot(page, 'connections-list');

    // Remove, after a confirmation that says the calls go too; the keychain item goes with it.
    await renamed.getByRole('button', { name: 'Remove connection' }).click();
    const confirm = renamed.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain('every call, transcript and activity row synced from it will be deleted');
    await confirm.getByRole('button', { name: 'Remove connection' }).click();
    await expect.poll(() => page.getByRole('listitem', { name: 'London recruiters' }).count()).toBe(0);
    expect((await list()).map((c) => c.label)).toEqual(['Nex']);
    expect((await chromium.keyring.items()).some((item) => item.account === account(london.id))).toBe(false);

    expect(problems).toEqual([]);
    await page.close();
    await app.close();
    db.close();
  });

  it('removes only the key: the card says "No key" and the test says to add one', async () => {
    const { db, app, account, list } = start();
    const sim = ctx.sim;
    const nex = await answer(app.dispatch, 'connections/add', {
      vendor: 'talknex',
      label: 'Nex',
      settings: simSettings(sim, 'talknex'),
      apiKey: sim.credentials.talknex.apiKey,
    });
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    await openConnections(page);

    const card = page.getByRole('listitem', { name: 'Nex' });
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => card.getByTestId('test-result').textContent(), { timeout: 10_000 }).toMatch(/^Works: Talknex answered with 5 agents/);
    await card.getByRole('button', { name: 'Remove key' }).click();
    // Esc keeps the key; the second time it is removed.
    await card.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).press('Escape');
    await expect.poll(() => card.getByRole('alertdialog').count()).toBe(0);
    await card.getByRole('button', { name: 'Remove key' }).click();
    await card.getByRole('alertdialog').getByRole('button', { name: 'Remove key' }).click();
    await expect.poll(() => card.getByText('No key').count()).toBe(1);
    expect(await chromium.keyring.lookup(account(nex.id))).toBeNull();
    expect(await list()).toEqual([expect.objectContaining({ id: nex.id, keySet: false })]);
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => card.getByTestId('test-result').textContent()).toBe('No API key is set for this connection: add it first.');
    expect(await card.getByRole('button', { name: 'Add key' }).count()).toBe(1);

    expect(problems).toEqual([]);
    await saveScreenshot(page, 'connections-no-key');
    await page.close();
    await app.close();
    db.close();
  });

  it('edits the base URL: plain http to the network is refused beside the field, and a new host asks for the key again', async () => {
    const { db, app, account, list } = start();
    const sim = ctx.sim;
    const simUrl = simSettings(sim, 'talknex').baseUrl!;
    const nex = await answer(app.dispatch, 'connections/add', { vendor: 'talknex', label: 'Nex', settings: simSettings(sim, 'talknex'), apiKey: 'tn_old_key' });
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    await openConnections(page);
    const card = page.getByRole('listitem', { name: 'Nex' });
    await card.getByRole('button', { name: 'Edit' }).click();
    const keyField = card.getByLabel('API key for the new address');
    // Same address: no key asked for.
    expect(await keyField.count()).toBe(0);

    // Plain http to a host on the network: main's reason, beside the Base URL field.
    await card.getByLabel('Base URL').fill('http://api.talknex.example/v1');
    await card.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => card.getByRole('alert').first().textContent())
      .toMatch(/^The address must start with https:\/\/: over plain http:\/\/ the API key would travel unencrypted/);
    expect(await card.getByLabel('Base URL').getAttribute('aria-invalid')).toBe('true');

    // The simulator under another host name: a new host, so the key is asked for, and refused without it.
    const viaLocalhost = simUrl.replace('//127.0.0.1:', '//localhost:');
    await card.getByLabel('Base URL').fill(viaLocalhost);
    await keyField.waitFor();
    const port = new URL(simUrl).port;
    expect(await card.getByText(`Talktally sends the stored key only to 127.0.0.1:${port}. Enter the key to use with localhost:${port}.`).count()).toBe(1);
    await card.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => card.getByRole('alert').first().textContent())
      .toBe(
        `The address changes from 127.0.0.1:${port} to localhost:${port}: enter the API key for the new address. The key stored for the old address is never sent to another one.`,
      );
    expect(await keyField.getAttribute('aria-invalid')).toBe('true');
    expect(await list()).toEqual([expect.objectContaining({ id: nex.id, settings: simSettings(sim, 'talknex') })]);
    expect(await chromium.keyring.lookup(account(nex.id))).toBe('tn_old_key');
    await saveScreenshot(page, 'connections-new-host-needs-key');

    // With the key: saved, and the key in the keychain is the new one.
    await keyField.fill(sim.credentials.talknex.apiKey);
    expect(await keyField.getAttribute('type')).toBe('password');
    await card.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => card.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    // The form closes as the save returns; the card shows the address once the list is read again.
    await expect.poll(() => card.textContent()).toContain(viaLocalhost);
    expect(await list()).toEqual([expect.objectContaining({ id: nex.id, settings: { baseUrl: viaLocalhost }, keySet: true })]);
    expect(await chromium.keyring.lookup(account(nex.id))).toBe(sim.credentials.talknex.apiKey);
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => card.getByTestId('test-result').textContent(), { timeout: 10_000 }).toMatch(/^Works: Talknex answered with 5 agents/);
    expect(await page.content()).not.toContain(sim.credentials.talknex.apiKey);

    expect(problems).toEqual([]);
    await page.close();
    await app.close();
    db.close();
  });

  it('marks demo connections and removes the demo data, leaving the empty state with its Add button', async () => {
    const { db, app, list } = start({ demoCallsPerVendor: 20 });
    const { connectionIds } = await answer(app.dispatch, 'demo/start');
    await app.sync.idle();
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
    await openConnections(page);

    await expect.poll(() => page.getByText('Demo', { exact: true }).count()).toBe(connectionIds.length);
    const notice = page.getByRole('region', { name: 'Demo data' });
    expect(await notice.textContent()).toContain(`${connectionIds.length} connections are demo data`);
    await saveScreenshot(page, 'connections-demo');
    await notice.getByRole('button', { name: 'Remove demo data' }).click();
    await notice.getByRole('alertdialog').getByRole('button', { name: 'Remove demo data' }).click();

    await page.getByText('No connections yet').waitFor();
    expect(await list()).toEqual([]);
    expect(await answer(app.dispatch, 'demo/status')).toEqual({ connectionIds: [] });
    await page.getByRole('button', { name: 'Add a connection' }).click();
    const form = page.getByRole('form', { name: 'Add a connection' });
    // Exactly the chosen vendor's fields: HighLevel needs a location; TalkPilot its own base URL, shown up front.
    await form.getByLabel('Platform').selectOption('highlevel');
    expect(await form.getByLabel('Location ID').count()).toBe(1);
    expect(await form.getByLabel('Private Integration Token').count()).toBe(1);
    await form.getByLabel('Platform').selectOption('talkpilot');
    expect(await form.getByLabel('API base URL').isVisible()).toBe(true);
    expect(await form.getByLabel('Location ID').count()).toBe(0);
    await form.getByLabel('Name').press('Escape');
    await expect.poll(() => page.getByRole('form', { name: 'Add a connection' }).count()).toBe(0);

    expect(problems).toEqual([]);
    await saveScreenshot(page, 'connections-empty');
    await page.close();
    await app.close();
    db.close();
  });
});
