import { describe, expect, it } from 'vitest';
import { keychainAccount } from '../../electron/secrets/keychain';
import { getDatabaseId } from '../../electron/store/app-settings';
import { openDatabase } from '../../electron/store/database';
import { runTalktally } from '../helpers/cli';
import { useKeyringForFile } from '../helpers/keyring';
import { simSettings, useSimulator } from '../helpers/simulator';
import { tempDatabasePath } from '../helpers/temp';

// The built CLI (`npm run build` first), each command its own process, keys in this file's own keyring.
const keys = useKeyringForFile();

describe('the talktally CLI: where keys may be sent, and a keychain that is down', () => {
  const ctx = useSimulator({ calls: 20, days: 5, rateLimits: 'off' });
  const accountIn = (db: string, connectionId: number) => {
    const store = openDatabase(db);
    const databaseId = getDatabaseId(store);
    store.close();
    return keychainAccount(databaseId, connectionId);
  };
  const add = (db: string, name: string, baseUrl: string, key = ctx.sim.credentials.talkover.apiKey) =>
    runTalktally(['--db', db, 'connections', 'add', '--vendor', 'talkover', '--name', name, '--base-url', baseUrl], { env: { TALKTALLY_API_KEY: key } });

  it('adds a connection only with https, or plain http on this computer, and no credentials in the address', async () => {
    const db = tempDatabasePath();
    const refused: [string, string][] = [
      [
        'http://api.talkover.example/api/v1',
        '--base-url is not valid: the address must start with https://: over plain http:// the API key would travel unencrypted',
      ],
      ['http://10.0.0.5/api/v1', '--base-url is not valid: the address must start with https://: over plain http://'],
      ['https://me:hunter2@api.talkover.example/api/v1', '--base-url is not valid: take the user name and password out of the address'],
    ];
    for (const [baseUrl, message] of refused) {
      const result = await add(db, 'Main', baseUrl, 'talq_refused_key');
      expect(result.code, baseUrl).toBe(2);
      expect(result.stderr, baseUrl).toContain(message);
      expect(result.stderr).not.toContain('hunter2');
    }
    expect(JSON.parse((await runTalktally(['--db', db, 'connections', 'list', '--json'])).stdout)).toEqual([]);
    expect(await keys.keyring.items()).toEqual([]);

    // The simulator, on this computer, under either spelling.
    const simUrl = simSettings(ctx.sim, 'talkover').baseUrl!;
    for (const [name, baseUrl] of [
      ['By address', simUrl],
      ['By name', simUrl.replace('//127.0.0.1:', '//localhost:')],
    ]) {
      expect(await add(db, name!, baseUrl!)).toMatchObject({ code: 0, stderr: '' });
      const tested = await runTalktally(['--db', db, 'connections', 'test', name!]);
      expect(tested.code, tested.stderr).toBe(0);
      expect(tested.stdout).toMatch(/^Works: Talkover answered with/);
    }
  });

  it('lists connections with key UNKNOWN and removes one while the keychain is down; the next command once it is back deletes the key left behind', async () => {
    const db = tempDatabasePath();
    const simUrl = simSettings(ctx.sim, 'talkover').baseUrl!;
    expect((await add(db, 'Stays', simUrl, 'talq_stays')).code).toBe(0);
    expect((await add(db, 'Goes', simUrl, 'talq_goes')).code).toBe(0);
    const goes = accountIn(db, 2);

    await keys.keyring.stopDaemon();
    try {
      const listed = await runTalktally(['--db', db, 'connections', 'list']);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toMatch(/^Goes {2}Talkover {2}key UNKNOWN {2}never synced\nStays {2}Talkover {2}key UNKNOWN {2}never synced\n$/);
      expect(listed.stderr).toContain('Key UNKNOWN: the system keychain did not answer, so Talktally cannot tell whether those keys are set.');
      const json = await runTalktally(['--db', db, 'connections', 'list', '--json']);
      expect(JSON.parse(json.stdout)).toEqual([
        expect.objectContaining({ name: 'Goes', keySet: null }),
        expect.objectContaining({ name: 'Stays', keySet: null }),
      ]);

      const removed = await runTalktally(['--db', db, 'connections', 'remove', 'Goes']);
      expect(removed.code, removed.stderr).toBe(0);
      expect(removed.stdout).toBe('Removed "Goes" and its synced calls.\n');
      expect(removed.stderr).toBe(
        'Its key is still in the system keychain, which did not answer. Talktally removes it the next time the keychain answers ' +
          `(any connections command does it), or remove it yourself: service "Talktally", account "${goes}".\n`,
      );

      // Adding needs the keychain: exit 1, in plain words, and no connection is kept without its key.
      const added = await add(db, 'New', simUrl, 'talq_new');
      expect(added.code).toBe(1);
      expect(added.stderr).toMatch(/^talktally: Talktally cannot reach the system keychain .* so it cannot store API keys/);
      expect(JSON.parse((await runTalktally(['--db', db, 'connections', 'list', '--json'])).stdout).map((c: { name: string }) => c.name)).toEqual(['Stays']);
    } finally {
      await keys.keyring.startDaemon();
    }
    expect(await keys.keyring.lookup(goes)).toBe('talq_goes');

    const back = await runTalktally(['--db', db, 'connections', 'list', '--json']);
    expect(JSON.parse(back.stdout)).toEqual([expect.objectContaining({ name: 'Stays', keySet: true })]);
    expect(await keys.keyring.lookup(goes)).toBeNull();
    expect(await keys.keyring.lookup(accountIn(db, 1))).toBe('talq_stays');
  });
});
