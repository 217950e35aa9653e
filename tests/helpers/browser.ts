import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seriousAccessibilityProblems, type AxeProblem } from './axe';
import { useKeyring, type Keyring } from './keyring';
import { serveRenderer } from './renderer-server';
import { CHANNELS } from '../../shared/ipc/channels';
import type { Dispatch } from '../../electron/ipc/dispatch';
import { isTrustedSenderUrl } from '../../electron/security/sender';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * Opens the built renderer with `window.api` bound to the real main-process
 * dispatcher: the same channel list the preload uses, the same sender check
 * main applies, the same handlers. Only Electron's transport is swapped.
 */
export async function openApp(browser: Browser, rendererUrl: string, dispatch: Dispatch): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  // An action that cannot happen fails with Playwright's explanation, well before the test's own timeout.
  page.setDefaultTimeout(8_000);
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.exposeBinding('__talktallyInvoke', ({ frame }, channel: unknown, payload: unknown) =>
    isTrustedSenderUrl(frame.url(), rendererUrl)
      ? dispatch(channel, payload)
      : { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This page may not talk to Talktally.' } },
  );
  // Runs in the page (where globalThis is window) before any of its scripts.
  await page.addInitScript((channels: readonly string[]) => {
    const page = globalThis as unknown as { __talktallyInvoke: (c: string, p: unknown) => Promise<unknown> };
    const api = Object.fromEntries(channels.map((c) => [c, (payload?: unknown) => page.__talktallyInvoke(c, payload)]));
    Object.defineProperty(globalThis, 'api', { value: Object.freeze(api), enumerable: true });
  }, CHANNELS);
  await page.goto(rendererUrl);
  return { page, problems };
}

/**
 * A screenshot of the page as it is, in light mode and (as `<name>-dark`) dark
 * mode, each checked with axe-core first: every state a test thinks worth a
 * picture is also one a keyboard or screen-reader user meets, so any serious or
 * critical WCAG 2.1 A/AA violation in either mode fails the test here.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  const problems: Record<string, AxeProblem[]> = {};
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const found = await seriousAccessibilityProblems(page);
    if (found.length) problems[colorScheme] = found;
    await page.screenshot({ path: colorScheme === 'light' ? file : path.join(SCREENSHOT_DIR, `${name}-dark.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(problems, `accessibility (axe-core, WCAG 2.1 A/AA) on "${name}"`).toEqual({});
  return file;
}

export interface ChromiumApp {
  readonly browser: Browser;
  /** The built renderer, served on 127.0.0.1. */
  readonly rendererUrl: string;
  readonly keyring: Keyring;
}

/**
 * For a test file: a keyring (keys are stored for real), the built renderer
 * and Chromium, started before its tests and stopped after them.
 */
export function useChromium(): ChromiumApp {
  const parts = {} as { browser: Browser; renderer: Awaited<ReturnType<typeof serveRenderer>>; keyring: Keyring };
  beforeAll(async () => {
    parts.keyring = await useKeyring();
    parts.renderer = await serveRenderer();
    parts.browser = await launchChromium();
  });
  afterAll(async () => {
    await parts.browser?.close();
    await parts.renderer?.close();
    await parts.keyring?.stop();
  });
  return {
    get browser() {
      return parts.browser;
    },
    get rendererUrl() {
      return parts.renderer.url;
    },
    get keyring() {
      return parts.keyring;
    },
  };
}

/** How far the page, or a screen's own scroll area, scrolls sideways (0 when it fits). */
export const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: {
          scrollingElement: { scrollWidth: number; clientWidth: number };
          querySelector(s: string): { scrollWidth: number; clientWidth: number } | null;
        };
      }
    ).document;
    const screen = doc.querySelector('main.screen');
    return Math.max(doc.scrollingElement.scrollWidth - doc.scrollingElement.clientWidth, screen ? screen.scrollWidth - screen.clientWidth : 0);
  });
