import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/channels';
import { createDispatch } from '../../electron/ipc/dispatch';
import { upsertCalls } from '../../electron/store/calls';
import { makeCall } from '../helpers/fixtures';
import { createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, useChromium } from '../helpers/browser';
import { storeWithConnection } from '../helpers/store';

describe('the built renderer in Chromium, on the real handlers', () => {
  const chromium = useChromium();

  it('opens on the calls the database holds, under its strict CSP, with only the contract in reach and no errors', async () => {
    const { db, file, connectionId } = storeWithConnection();
    upsertCalls(
      db,
      connectionId,
      Array.from({ length: 1234 }, (_, n) => makeCall(n)),
    );
    const { dispatch } = createTestApp(db, file);
    const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, dispatch);

    await expect.poll(() => page.getByTestId('calls-status').textContent(), { timeout: 5_000 }).toContain(`${(1234).toLocaleString('en-US')} calls`);
    expect(await page.getByRole('button', { name: 'Calls', exact: true }).getAttribute('aria-current')).toBe('page');
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
        'app/info': () => {
          throw new Error('boom');
        },
      } as never,
      { error: () => undefined },
    );
    const { page } = await openApp(chromium.browser, chromium.rendererUrl, dispatch);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Talktally could not read its database');
    await saveScreenshot(page, 'start-screen-error');
  });
});
