import { describe, expect, it } from 'vitest';
import { keychainAccount } from '../../electron/secrets/keychain';
import { getDatabaseId } from '../../electron/store/app-settings';
import { addConnection } from '../../electron/store/connections';
import { openDatabase } from '../../electron/store/database';
import { listOrphanedKeys } from '../../electron/store/orphaned-keys';
import { answer, createTestApp } from '../helpers/app';
import { useKeyringForFile } from '../helpers/keyring';
import { simSettings, useSimulator } from '../helpers/simulator';
import { tempDatabasePath } from '../helpers/temp';

/**
 * A keychain outage for real: the keyring daemon is stopped while its D-Bus
 * stays up, as when gnome-keyring has crashed. This file's process touches the
 * keychain only while it is down, then after it is back: libsecret keeps the
 * first keyring it reached for the life of the process, so one that went away
 * under it would not come back (a later process reaches it again).
 */
describe('connections while the keychain is down, through IPC', () => {
  const ctx = useSimulator({ calls: 20, days: 5, rateLimits: 'off' });
  const keys = useKeyringForFile();

  it('lists every connection with its key status unknown, removes one, and deletes its key once the keychain is back', async () => {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    const account = (id: number) => keychainAccount(getDatabaseId(db), id);
    // Two connections, one with a key stored the way the app stores it, before the outage.
    const kept = addConnection(db, { vendor: 'talknex', label: 'Kept', settings: simSettings(ctx.sim, 'talknex') });
    const doomed = addConnection(db, { vendor: 'talkover', label: 'Doomed', settings: simSettings(ctx.sim, 'talkover') });
    await keys.keyring.store(account(doomed.id), 'tk_doomed_key');
    db.prepare(
      `INSERT INTO calls (connection_id, vendor_call_id, direction, status, started_at_ms, handler_kind, raw_json, changed_at_ms)
       VALUES (?, 'c-1', 'inbound', 'answered', 1, 'recruiter', '{}', 1)`,
    ).run(doomed.id);

    await keys.keyring.stopDaemon();
    const app = createTestApp(db, file);

    const listed = await answer(app.dispatch, 'connections/list');
    expect(listed.map((c) => [c.label, c.vendor, c.keySet])).toEqual([
      ['Doomed', 'talkover', null],
      ['Kept', 'talknex', null],
    ]);

    // Adding or setting a key needs the keychain: refused in plain words, and the new connection is not kept.
    const added = await app.dispatch('connections/add', { vendor: 'talkover', label: 'New', settings: simSettings(ctx.sim, 'talkover'), apiKey: 'tk_new' });
    expect(added).toMatchObject({
      ok: false,
      error: { code: 'FAILED', message: expect.stringMatching(/^Talktally cannot reach the system keychain .*so it cannot store API keys/) },
    });
    expect(await app.dispatch('connections/set-key', { connectionId: kept.id, apiKey: 'tn_key' })).toMatchObject({ ok: false, error: { code: 'FAILED' } });

    // Removing works: the connection and its calls go; the key waits in the keychain, and the window is told where.
    expect(await answer(app.dispatch, 'connections/remove', { connectionId: doomed.id })).toEqual({
      removed: true,
      keyRemoved: false,
      keychainAccount: account(doomed.id),
    });
    expect((await answer(app.dispatch, 'connections/list')).map((c) => c.label)).toEqual(['Kept']);
    expect(db.prepare(`SELECT count(*) FROM calls WHERE connection_id = ?`).pluck().get(doomed.id)).toBe(0);
    expect(listOrphanedKeys(db)).toEqual([doomed.id]);

    // A connection added now does not take the id whose key is still waiting (it was the highest).
    expect(addConnection(db, { vendor: 'talkover', label: 'Later', settings: simSettings(ctx.sim, 'talkover') }).id).toBe(doomed.id + 1);

    // The keychain is back: the removed connection's key is still in it until the next list deletes it.
    await keys.keyring.startDaemon();
    expect(await keys.keyring.lookup(account(doomed.id))).toBe('tk_doomed_key');
    const back = await answer(app.dispatch, 'connections/list');
    expect(back.map((c) => [c.label, c.keySet])).toEqual([
      ['Kept', false],
      ['Later', false],
    ]);
    expect(await keys.keyring.lookup(account(doomed.id))).toBeNull();
    expect(listOrphanedKeys(db)).toEqual([]);

    await app.close();
    db.close();
  });
});
