import { describe, expect, it } from 'vitest';
import { SCREENS } from '../../renderer/src/app/screens';
import { answer, createTestApp } from '../helpers/app';
import { openApp, saveScreenshot, sidewaysOverflow, useChromium } from '../helpers/browser';
import { useSimulator } from '../helpers/simulator';
import { useSyncedStore } from '../helpers/synced-store';

const NOW = Date.now() - (Date.now() % 3_600_000);
/** The window's minimum, its default, and a large monitor (electron/main/index.ts sets the first two). */
const SIZES = [
  { width: 900, height: 600 },
  { width: 1280, height: 820 },
  { width: 1920, height: 1080 },
] as const;

describe('every screen at the window sizes users have, in Chromium on the real handlers', () => {
  const chromium = useChromium();
  const ctx = useSimulator({ nowMs: NOW, calls: 400, days: 20, rateLimits: 'off' });
  const store = useSyncedStore(ctx, ['talentlynk', 'highlevel'], { name: 'sizes-e2e' });

  for (const size of SIZES) {
    it(`${size.width}×${size.height}: no screen scrolls sideways`, async () => {
      const app = createTestApp(store.db, store.file);
      await answer(app.dispatch, 'settings/update', { timeZone: 'UTC' });
      const { page, problems } = await openApp(chromium.browser, chromium.rendererUrl, app.dispatch);
      await page.setViewportSize(size);
      const overflow: Record<string, number> = {};
      for (const screen of SCREENS) {
        await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: screen.label }).click();
        await page.getByRole('heading', { name: screen.label, level: 1 }).waitFor();
        // Let the screen's data arrive (tables and charts draw after their first answer).
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        overflow[screen.label] = await sidewaysOverflow(page);
        await saveScreenshot(page, `size-${size.width}-${screen.id}`);
      }
      expect(overflow).toEqual(Object.fromEntries(SCREENS.map((s) => [s.label, 0])));
      expect(problems).toEqual([]);
    }, 90_000);
  }
});
