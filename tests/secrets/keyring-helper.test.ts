import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useKeyring, useKeyringForFile } from '../helpers/keyring';

/**
 * The test keyring itself: every test file gets a private one (never the
 * developer's login keychain), whatever a test stores is removed after it, and a
 * file that still leaves an item behind fails, naming it.
 */
// The bus the suite was started in (CI's dbus-run-session, a desktop session), before the helper replaces it.
const sessionBus = process.env.DBUS_SESSION_BUS_ADDRESS;

describe('the test keyring helper', () => {
  const keys = useKeyringForFile();

  it('is a private keyring of this file, not the session bus the suite was started in', () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS).toBe(keys.keyring.address);
    if (sessionBus) expect(keys.keyring.address).not.toBe(sessionBus);
    const socket = /^unix:path=([^,]+)/.exec(keys.keyring.address)?.[1];
    expect(socket).toMatch(/talktally-keyring-[^/]+\/bus$/);
    expect(fs.statSync(socket!).isSocket()).toBe(true);
  });

  it('keeps what a test stores while the test runs…', async () => {
    await keys.keyring.store('helper-test:connection:1', 'first-test-secret');
    expect((await keys.keyring.items()).map((item) => item.account)).toEqual(['helper-test:connection:1']);
  });

  it('…and removes it after the test', async () => {
    expect(await keys.keyring.items()).toEqual([]);
  });

  it('fails a file that leaves an item behind, naming it, and removes it', async () => {
    const other = await useKeyring();
    try {
      await other.store('left-behind:connection:7', 'forgotten');
      await other.store('left-behind:connection:8', 'forgotten too');
    } catch (error) {
      await other.stop();
      throw error;
    }
    await expect(other.stop()).rejects.toThrow(
      /^This test file left 2 Talktally keychain items behind \(removed now\): left-behind:connection:[78], left-behind:connection:[78]\. /,
    );
    // stop() put the file's own bus back.
    expect(process.env.DBUS_SESSION_BUS_ADDRESS).toBe(keys.keyring.address);
  });

  it('stops and starts the keyring daemon for an outage, keeping the items on disk', async () => {
    await keys.keyring.store('outage:connection:1', 'kept-through-the-outage');
    await keys.keyring.stopDaemon();
    await expect(keys.keyring.items()).rejects.toThrow(/secret-tool|org\.freedesktop\.secrets|Command failed/);
    await keys.keyring.startDaemon();
    expect(await keys.keyring.lookup('outage:connection:1')).toBe('kept-through-the-outage');
  });
});
