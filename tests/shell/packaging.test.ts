import fs from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { isTrustedSenderUrl } from '../../electron/security/sender';
import { APP_RENDERER_URL, rendererFileFor } from '../../electron/security/app-protocol';
import { scrubSecrets } from '../../electron/startup/error-log';

/**
 * What a packaged build is made of. electron-builder itself needs the Electron
 * binary, which cannot be fetched here, so its configuration is read and
 * checked instead: every fuse that hardens the app is set.
 */
describe('packaging', () => {
  const config = load(fs.readFileSync('electron-builder.yml', 'utf8')) as { electronFuses?: Record<string, boolean>; asar?: boolean };

  it('flips the Electron fuses: no running as Node, no NODE_OPTIONS or --inspect, encrypted cookies, an integrity-checked asar only, no extra file:// privileges', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('the app:// origin', () => {
  it('trusts IPC only from the app:// page (or the dev server while developing)', () => {
    expect(isTrustedSenderUrl('app://talktally/index.html', APP_RENDERER_URL)).toBe(true);
    expect(isTrustedSenderUrl('app://talktally/assets/index.js', APP_RENDERER_URL)).toBe(true);
    for (const other of [
      'app://evil/index.html',
      'file:///index.html',
      'https://talktally/index.html',
      'http://localhost:5173/',
      'app:index.html',
      undefined,
    ]) {
      expect(isTrustedSenderUrl(other, APP_RENDERER_URL)).toBe(false);
    }
    expect(isTrustedSenderUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
  });

  it('serves files of the renderer folder only', () => {
    expect(rendererFileFor('/app/renderer', 'app://talktally/index.html')).toBe('/app/renderer/index.html');
    expect(rendererFileFor('/app/renderer', 'app://talktally/')).toBe('/app/renderer/index.html');
    expect(rendererFileFor('/app/renderer', 'app://talktally/assets/a%20b.js')).toBe('/app/renderer/assets/a b.js');
    // The URL standard resolves dot segments itself: this one means /secret, inside the folder.
    expect(rendererFileFor('/app/renderer', 'app://talktally/%2e%2e/secret')).toBe('/app/renderer/secret');
    for (const outside of [
      'app://talktally/..%2fsecret',
      'app://talktally/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://talktally/%E0%A4%A',
    ]) {
      expect(rendererFileFor('/app/renderer', outside)).toBeNull();
    }
  });
});

describe('the error log', () => {
  it('removes keys and tokens from what it writes', () => {
    const text = scrubSecrets(
      'GET failed: Authorization: Bearer pit-3f9b2c71-8a4e-4d10 x-api-key=tp_live_decafbad000000000000000000000001 talq_0123456789abcdef0123 ok',
    );
    expect(text).not.toMatch(/3f9b2c71|decafbad|0123456789abcdef/);
    expect(text).toContain('ok');
  });
});
