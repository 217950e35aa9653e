import { describe, expect, it } from 'vitest';
import { VENDORS } from '../../shared/vendors';
import { keychainAccount } from '../../electron/secrets/keychain';
import { getDatabaseId } from '../../electron/store/app-settings';
import { openDatabase } from '../../electron/store/database';
import { answer, createTestApp } from '../helpers/app';
import { useKeyringForFile } from '../helpers/keyring';
import { tempDatabasePath } from '../helpers/temp';

describe('demo data', () => {
  const keys = useKeyringForFile();

  it('serves the five simulated vendors, syncs them for real, comes back after a restart, and is removed whole', async () => {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    const app = createTestApp(db, file, { demoCallsPerVendor: 200 });
    const { connectionIds } = await answer(app.dispatch, 'demo/start');
    expect(connectionIds).toHaveLength(VENDORS.length);
    expect(await answer(app.dispatch, 'demo/status')).toEqual({ connectionIds });
    // Syncing runs in the background, through the real engine and HTTP.
    expect((await answer(app.dispatch, 'sync/status')).running.length).toBeGreaterThan(0);
    await app.sync.idle();
    const history = await answer(app.dispatch, 'sync/history');
    expect(history.map((r) => r.status)).toEqual(VENDORS.map(() => 'succeeded'));
    const perConnection = db.prepare(`SELECT connection_id AS id, count(*) AS calls FROM calls GROUP BY connection_id ORDER BY 1`).all() as {
      id: number;
      calls: number;
    }[];
    expect(perConnection.map((r) => r.id)).toEqual(connectionIds);
    for (const { calls } of perConnection) expect(calls).toBeGreaterThan(190);
    // The keys went to the keychain, as a user's would.
    const connections = await answer(app.dispatch, 'connections/list');
    expect(connections.every((c) => c.keySet && c.label.startsWith('Demo: '))).toBe(true);
    const items = await keys.keyring.items();
    for (const id of connectionIds) expect(items.some((i) => i.account === keychainAccount(getDatabaseId(db), id))).toBe(true);
    const before = connections.map((c) => c.settings.baseUrl);
    await app.close();

    // A restart: the simulator comes back on a new port and the same data re-syncs with nothing new to write.
    const restarted = createTestApp(db, file, { demoCallsPerVendor: 200 });
    expect(await restarted.demo.resume()).toBe(true);
    const after = (await answer(restarted.dispatch, 'connections/list')).map((c) => c.settings.baseUrl);
    expect(after).not.toEqual(before);
    await answer(restarted.dispatch, 'sync/start');
    await restarted.sync.idle();
    const second = await answer(restarted.dispatch, 'sync/history', { limit: VENDORS.length });
    expect(second.map((r) => [r.status, r.callsWritten])).toEqual(VENDORS.map(() => ['succeeded', 0]));

    expect(await answer(restarted.dispatch, 'demo/remove')).toEqual({ removed: VENDORS.length });
    expect(await answer(restarted.dispatch, 'connections/list')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(0);
    expect(await answer(restarted.dispatch, 'demo/status')).toEqual({ connectionIds: [] });
    const left = await keys.keyring.items();
    for (const id of connectionIds) expect(left.some((i) => i.account === keychainAccount(getDatabaseId(db), id))).toBe(false);
    await restarted.close();
    db.close();
  });
});
