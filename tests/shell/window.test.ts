import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async (_url: string) => undefined);
vi.mock('electron', () => ({ shell: { openExternal }, BrowserWindow: vi.fn() }));

const { mainWindowOptions, lockDownNavigation } = await import('../../electron/main/window');
const { registerIpc } = await import('../../electron/main/ipc');
const { isSafeExternalUrl } = await import('../../electron/security/safe-external-url');
const { isTrustedSenderUrl } = await import('../../electron/security/sender');
const { CHANNELS } = await import('../../shared/ipc/channels');

describe('the main window', () => {
  it('is isolated and sandboxed, with no Node in the page', () => {
    const { webPreferences } = mainWindowOptions('/app/preload/index.cjs');
    expect(webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('denies navigation, redirects, webviews and new windows; http(s) links go to the browser', () => {
    const listeners: Record<string, (event: { preventDefault: () => void }, url?: string) => void> = {};
    let windowOpen: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: (typeof listeners)[string]) => (listeners[name] = listener),
      setWindowOpenHandler: (handler: typeof windowOpen) => (windowOpen = handler),
    };
    lockDownNavigation(contents as never);

    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      listeners[name]!({ preventDefault }, 'https://evil.example');
      expect(preventDefault, name).toHaveBeenCalled();
    }
    openExternal.mockClear();
    expect(windowOpen!({ url: 'https://help.talktally.app' })).toEqual({ action: 'deny' });
    expect(windowOpen!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(windowOpen!({ url: 'smb://share/x' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://help.talktally.app']]);
  });

  it("ships a Content-Security-Policy that starts from default-src 'none' and allows no inline or eval", () => {
    const html = fs.readFileSync('renderer/index.html', 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toMatch(/^default-src 'none';/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});

describe('links and senders', () => {
  it('lets only http(s) links out', () => {
    for (const url of ['https://talentlynk.ai', 'http://localhost:3000/x?y=1']) expect(isSafeExternalUrl(url), url).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,x',
      'mailto:a@b.c',
      'ms-settings:',
      'https://user:pw@host',
      'https://',
      '',
      42,
      null,
      'x'.repeat(3000),
    ]) {
      expect(isSafeExternalUrl(url), String(url)).toBe(false);
    }
  });

  it("trusts only the app's own page as an IPC sender", () => {
    expect(isTrustedSenderUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedSenderUrl('file:///app/out/renderer/index.html', 'file:///app/out/renderer/index.html')).toBe(true);
    expect(isTrustedSenderUrl('file:///tmp/evil.html', 'file:///app/out/renderer/index.html')).toBe(false);
    expect(isTrustedSenderUrl('https://evil.example', 'file:///app/out/renderer/index.html')).toBe(false);
    expect(isTrustedSenderUrl(undefined, 'http://localhost:5173')).toBe(false);
  });

  it('registers one handler per contract channel, refusing other senders before dispatching', async () => {
    const handlers = new Map<string, (event: unknown, payload: unknown) => unknown>();
    const ipcMain = { handle: (channel: string, handler: (event: unknown, payload: unknown) => unknown) => handlers.set(channel, handler) };
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'answer' }));
    registerIpc(ipcMain as never, dispatch, 'file:///app/out/renderer/index.html');
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());

    const handle = handlers.get('calls/list')!;
    expect(await handle({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await handle({ senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(await handle({ senderFrame: { url: 'file:///app/out/renderer/index.html' } }, { limit: 5 })).toEqual({ ok: true, value: 'answer' });
    expect(dispatch).toHaveBeenCalledWith('calls/list', { limit: 5 });
  });
});
