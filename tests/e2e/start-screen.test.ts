import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHANNELS } from '../../shared/ipc/channels';
import { createDispatch } from '../../electron/ipc/dispatch';
import { upsertCalls } from '../../electron/store/calls';
import { makeCall } from '../helpers/fixtures';
import { createTestApp } from '../helpers/app';
import { launchChromium, openApp, saveScreenshot } from '../helpers/browser';
import { useKeyring, type Keyring } from '../helpers/keyring';
import { serveRenderer } from '../helpers/renderer-server';
import { storeWithConnection } from '../helpers/store';

describe('the built renderer in Chromium, on the real handlers', () => {
  let browser: Browser;
  let renderer: Awaited<ReturnType<typeof serveRenderer>>;
  let keyring: Keyring;
  beforeAll(async () => {
    keyring = await useKeyring();
    renderer = await serveRenderer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await renderer?.close();
    await keyring?.stop();
  });

  it('shows what the database holds, under its strict CSP, with no errors', async () => {
    const { db, file, connectionId } = storeWithConnection();
    upsertCalls(db, connectionId, Array.from({ length: 1234 }, (_, n) => makeCall(n)));
    const { dispatch } = createTestApp(db, file);
    const { page, problems } = await openApp(browser, renderer.url, dispatch);

    await expect.poll(() => page.getByTestId('call-count').textContent()).toBe((1234).toLocaleString('en-US'));
    expect(await page.getByTestId('connection-count').textContent()).toBe('1');
    // The page sees the contract's channels and no Node.
    const pageGlobals = await page.evaluate(() => {
      const page = globalThis as unknown as Record<string, unknown>;
      return { api: Object.keys(page.api as object).sort(), require: typeof page.require, process: typeof page.process };
    });
    expect(pageGlobals).toEqual({ api: [...CHANNELS].sort(), require: 'undefined', process: 'undefined' });
    expect(problems).toEqual([]);
    expect(fs.statSync(await saveScreenshot(page, 'start-screen')).size).toBeGreaterThan(1000);
    db.close();
  });

  it('shows a clear error when main refuses a request', async () => {
    const dispatch = createDispatch(
      {
        'app/info': () => { throw new Error('boom'); },
      } as never,
      { error: () => undefined },
    );
    const { page } = await openApp(browser, renderer.url, dispatch);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Talktally could not read its database');
    await saveScreenshot(page, 'start-screen-error');
  });
});
