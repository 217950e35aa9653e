import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { keychainAccount } from '../../electron/secrets/keychain';
import { getDatabaseId } from '../../electron/store/app-settings';
import { openDatabase } from '../../electron/store/database';
import { answer, createTestApp } from '../helpers/app';
import { useKeyringForFile } from '../helpers/keyring';
import { simSettings, useSimulator } from '../helpers/simulator';
import { tempDatabasePath } from '../helpers/temp';

/**
 * Base URLs decide who receives a connection's key: https only (plain http on
 * this computer's loopback only), no credentials inside, and a connection moved
 * to another host, port or scheme must be given its key again.
 */
describe('base URLs and the key they receive, through IPC', () => {
  const ctx = useSimulator({ calls: 40, days: 10, rateLimits: 'off' });
  const keys = useKeyringForFile();

  function app() {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    const test = createTestApp(db, file);
    const account = (id: number) => keychainAccount(getDatabaseId(db), id);
    const list = () => answer(test.dispatch, 'connections/list');
    return { db, test, dispatch: test.dispatch, account, list };
  }

  /** The simulator's Talkover address with another spelling of its host, another port or another scheme. */
  const talkoverAt = (change: (url: URL) => void) => {
    const url = new URL(simSettings(ctx.sim, 'talkover').baseUrl!);
    change(url);
    return url.href.replace(/\/$/, '');
  };

  /** A vendor that writes down every Authorization header it is sent, and refuses them all. */
  async function recordingVendor() {
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      seen.push(request.headers.authorization ?? '(none)');
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { seen, baseUrl: `http://127.0.0.1:${port}/api/v1`, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it.each([
    [
      'plain http to a host on the network',
      'http://api.talkover.example/api/v1',
      /^The address must start with https:\/\/: over plain http:\/\/ the API key would travel unencrypted/,
    ],
    ['plain http to a private address', 'http://192.168.1.20/api/v1', /^The address must start with https:\/\/: over plain http:\/\//],
    ['plain http to "localhost." (sent to DNS by some systems)', 'http://localhost./api/v1', /^The address must start with https:\/\/: over plain http:\/\//],
    [
      'a user name and password inside',
      'https://admin:hunter2@api.talkover.example/api/v1',
      /^Take the user name and password out of the address: Talktally signs in with the API key alone/,
    ],
    ['a user name alone, even on this computer', 'http://admin@127.0.0.1:9/api', /^Take the user name and password out of the address/],
    ['another scheme', 'ftp://api.talkover.example/', /^The address must start with https:\/\/ \(it starts with ftp:\/\/\)/],
    ['something that is not an address', 'api.talkover.example', /^Enter the full address, starting with https:\/\//],
  ])('refuses %s beside the Base URL field, and stores nothing', async (_, baseUrl, wording) => {
    const { db, test, dispatch, list } = app();
    const result = await dispatch('connections/add', { vendor: 'talkover', label: 'Main', settings: { baseUrl }, apiKey: 'tk_secret_refused' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', field: 'settings.baseUrl' } });
    const message = (result as { error: { message: string } }).error.message;
    expect(message.replace(/^Invalid request on connections\/add: settings\.baseUrl: /, '')).toMatch(wording);
    // The address is not repeated back: it may hold a password.
    expect(message).not.toContain('hunter2');
    expect(await list()).toEqual([]);
    expect(await keys.keyring.items()).toEqual([]);
    await test.close();
    db.close();
  });

  it('accepts https anywhere and plain http on this computer: 127.0.0.0/8, localhost and [::1]', async () => {
    const { db, test, dispatch, list } = app();
    const addresses = [
      'https://app.talkover.ai/api/v1',
      'https://API.Talkover.AI:8443/api/v1',
      talkoverAt((url) => (url.hostname = 'localhost')),
      talkoverAt((url) => (url.hostname = '127.0.0.1')),
      'http://127.42.0.7:8080/api/v1',
      'http://[::1]:8080/api/v1',
    ];
    for (const [index, baseUrl] of addresses.entries()) {
      await answer(dispatch, 'connections/add', { vendor: 'talkover', label: `Talkover ${index}`, settings: { baseUrl }, apiKey: `tk_${index}` });
    }
    expect((await list()).map((c) => c.settings.baseUrl)).toEqual(addresses);
    // The simulator answers on 127.0.0.1, whichever way its address is written.
    const viaLocalhost = (await list()).find((c) => c.label === 'Talkover 2')!;
    await answer(dispatch, 'connections/set-key', { connectionId: viaLocalhost.id, apiKey: ctx.sim.credentials.talkover.apiKey });
    expect(await answer(dispatch, 'connections/test', { connectionId: viaLocalhost.id })).toMatchObject({ ok: true });
    await test.close();
    db.close();
  });

  it('refuses a new host without the key, beside the key field; with the key, the new host only ever gets the new key', async () => {
    const { db, test, dispatch, account, list } = app();
    const vendor = await recordingVendor();
    try {
      const oldKey = ctx.sim.credentials.talkover.apiKey;
      const { id } = await answer(dispatch, 'connections/add', {
        vendor: 'talkover',
        label: 'Main',
        settings: simSettings(ctx.sim, 'talkover'),
        apiKey: oldKey,
      });

      const refused = await dispatch('connections/update', { connectionId: id, label: 'Moved', settings: { baseUrl: vendor.baseUrl } });
      const oldHost = new URL(simSettings(ctx.sim, 'talkover').baseUrl!).host;
      const newHost = new URL(vendor.baseUrl).host;
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'INVALID_REQUEST',
          field: 'apiKey',
          message: `The address changes from ${oldHost} to ${newHost}: enter the API key for the new address. The key stored for the old address is never sent to another one.`,
        },
      });
      // Nothing changed: not the name, not the address, not the key; the old host still works with the old key.
      expect(await list()).toEqual([expect.objectContaining({ id, label: 'Main', settings: simSettings(ctx.sim, 'talkover'), keySet: true })]);
      expect(await keys.keyring.lookup(account(id))).toBe(oldKey);
      expect(await answer(dispatch, 'connections/test', { connectionId: id })).toMatchObject({ ok: true });

      const moved = await answer(dispatch, 'connections/update', { connectionId: id, settings: { baseUrl: vendor.baseUrl }, apiKey: 'tk_for_the_new_host\n' });
      expect(moved).toMatchObject({ settings: { baseUrl: vendor.baseUrl }, keySet: true });
      expect(await keys.keyring.lookup(account(id))).toBe('tk_for_the_new_host');

      // Test connection and the next sync go to the new host, with the new key and never the old one.
      expect(await answer(dispatch, 'connections/test', { connectionId: id })).toMatchObject({ ok: false });
      await answer(dispatch, 'sync/start', { connectionIds: [id] });
      await test.sync.idle();
      expect(vendor.seen.length).toBeGreaterThanOrEqual(2);
      expect(new Set(vendor.seen)).toEqual(new Set(['Bearer tk_for_the_new_host']));
    } finally {
      await vendor.close();
      await test.close();
      db.close();
    }
  });

  it('counts a new port, a new scheme and the vendor default (an emptied base URL) as a new host; a new path or name does not', async () => {
    const { db, test, dispatch, account } = app();
    const simUrl = simSettings(ctx.sim, 'talkover').baseUrl!;
    const { id } = await answer(dispatch, 'connections/add', { vendor: 'talkover', label: 'Main', settings: { baseUrl: simUrl }, apiKey: 'tk_one' });
    const update = (changes: object) => dispatch('connections/update', { connectionId: id, ...changes });
    const needsKey = { ok: false, error: { code: 'INVALID_REQUEST', field: 'apiKey' } };

    expect(await update({ settings: { baseUrl: talkoverAt((url) => (url.port = '1')) } })).toMatchObject(needsKey);
    expect(await update({ settings: { baseUrl: talkoverAt((url) => (url.protocol = 'https:')) } })).toMatchObject(needsKey);
    expect(await update({ settings: { baseUrl: talkoverAt((url) => (url.hostname = 'localhost')) } })).toMatchObject(needsKey);
    // Empty means Talkover's own address: a host too.
    const toDefault = await update({ settings: {} });
    expect(toDefault).toMatchObject(needsKey);
    expect((toDefault as { error: { message: string } }).error.message).toMatch(/^The address changes from 127\.0\.0\.1:\d+ to app\.talkover\.ai: /);
    expect(await keys.keyring.lookup(account(id))).toBe('tk_one');

    // Same scheme, host and port: the key stays.
    expect(await update({ label: 'Renamed' })).toMatchObject({ ok: true, value: { label: 'Renamed', keySet: true } });
    expect(await update({ settings: { baseUrl: `${simUrl}/`, agentIds: ['a-1'] } })).toMatchObject({ ok: true, value: { settings: { agentIds: ['a-1'] } } });
    expect(await update({ settings: { baseUrl: talkoverAt((url) => (url.hostname = '127.0.0.1')) } })).toMatchObject({ ok: true });
    expect(await keys.keyring.lookup(account(id))).toBe('tk_one');

    // To the default, with the key for it.
    expect(await update({ settings: {}, apiKey: 'tk_two' })).toMatchObject({ ok: true, value: { settings: {}, keySet: true } });
    expect(await keys.keyring.lookup(account(id))).toBe('tk_two');
    await test.close();
    db.close();
  });

  it('refuses the new settings first: an unusable address, an emptied required field or a bad key leaves the key and settings as they were', async () => {
    const { db, test, dispatch, account, list } = app();
    const pilot = await answer(dispatch, 'connections/add', {
      vendor: 'talkpilot',
      label: 'Pilot',
      settings: simSettings(ctx.sim, 'talkpilot'),
      apiKey: 'tp_live_one',
    });
    const before = await list();

    expect(await dispatch('connections/update', { connectionId: pilot.id, settings: {}, apiKey: 'tp_live_two' })).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', field: 'settings.baseUrl', message: 'TalkPilot needs the API base URL: it cannot be left empty.' },
    });
    expect(
      await dispatch('connections/update', {
        connectionId: pilot.id,
        settings: { baseUrl: 'http://pilot.example/functions/v1/api/v1' },
        apiKey: 'tp_live_two',
      }),
    ).toMatchObject({
      ok: false,
      error: { field: 'settings.baseUrl' },
    });
    expect(
      await dispatch('connections/update', {
        connectionId: pilot.id,
        settings: { baseUrl: 'https://pilot.example/functions/v1/api/v1' },
        apiKey: 'tp_live\u0007two',
      }),
    ).toMatchObject({
      ok: false,
      error: { field: 'apiKey', message: expect.stringMatching(/control character/) },
    });
    expect(await list()).toEqual(before);
    expect(await keys.keyring.lookup(account(pilot.id))).toBe('tp_live_one');
    await test.close();
    db.close();
  });

  it('still lists and renames a connection saved with plain http before the rule, and never sends its key there', async () => {
    const { db, test, dispatch, account, list } = app();
    const { id } = await answer(dispatch, 'connections/add', {
      vendor: 'talkover',
      label: 'Old',
      settings: simSettings(ctx.sim, 'talkover'),
      apiKey: 'tk_old_secret',
    });
    // What an older Talktally could store: plain http to an address that is not loopback
    // (0.0.0.0 reaches this computer on Linux, so even a failing test sends nothing out).
    db.prepare(`UPDATE connections SET settings_json = json_object('baseUrl', 'http://0.0.0.0:9/api/v1') WHERE id = ?`).run(id);

    expect(await list()).toEqual([expect.objectContaining({ id, settings: { baseUrl: 'http://0.0.0.0:9/api/v1' }, keySet: true })]);
    expect(await answer(dispatch, 'connections/update', { connectionId: id, label: 'Old one' })).toMatchObject({ label: 'Old one' });
    expect(await answer(dispatch, 'connections/test', { connectionId: id })).toEqual({
      ok: false,
      message:
        'The address must start with https://: over plain http:// the API key would travel unencrypted (http:// is allowed only for this computer: localhost, 127.0.0.1 or [::1]). ' +
        "Edit the connection's base URL, then enter its key again.",
    });
    expect(await keys.keyring.lookup(account(id))).toBe('tk_old_secret');
    await test.close();
    db.close();
  });
});
