import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../../electron/ipc/dispatch';
import { keychainAccount } from '../../electron/secrets/keychain';
import { getDatabaseId } from '../../electron/store/app-settings';
import { openDatabase } from '../../electron/store/database';
import { answer, createTestApp } from '../helpers/app';
import { useKeyringForFile } from '../helpers/keyring';
import { simSettings, useSimulator } from '../helpers/simulator';
import { tempDatabasePath } from '../helpers/temp';
import { DAY_MS } from '../../shared/time';

const NOW = Date.now() - (Date.now() % 3_600_000);

const value = answer;

describe('connections, keys and syncs through IPC', () => {
  const ctx = useSimulator({ nowMs: NOW, calls: 400, days: 40, rateLimits: 'off' });
  const keys = useKeyringForFile();

  function app() {
    const file = tempDatabasePath();
    const db = openDatabase(file);
    const test = createTestApp(db, file);
    const responses: unknown[] = [];
    // Every answer the window gets is kept, to prove none ever carries a key.
    const dispatch: Dispatch = async (channel, payload) => {
      const result = await test.dispatch(channel, payload);
      responses.push(result);
      return result;
    };
    return { db, dispatch, responses, sync: test.sync, account: (id: number) => keychainAccount(getDatabaseId(db), id) };
  }

  it('sets, replaces, tests and deletes a key; the window learns only whether one is set', async () => {
    const { db, dispatch, responses, account } = app();
    const key = ctx.sim.credentials.talkover.apiKey;
    const added = await value(dispatch, 'connections/add', {
      vendor: 'talkover',
      label: 'Main',
      settings: simSettings(ctx.sim, 'talkover'),
      apiKey: `${key}\n`,
    });
    expect(added).toMatchObject({ label: 'Main', vendor: 'talkover', keySet: true, syncedThroughMs: null });
    expect(await keys.keyring.lookup(account(added.id))).toBe(key);
    expect(await value(dispatch, 'connections/test', { connectionId: added.id })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Works: Talkover answered with 5 agents/),
    });

    await value(dispatch, 'connections/set-key', { connectionId: added.id, apiKey: 'talq_replaced_but_wrong' });
    expect(await keys.keyring.lookup(account(added.id))).toBe('talq_replaced_but_wrong');
    expect(await value(dispatch, 'connections/test', { connectionId: added.id })).toMatchObject({ ok: false, message: expect.stringMatching(/^Wrong key/) });

    expect(await value(dispatch, 'connections/delete-key', { connectionId: added.id })).toEqual({ keySet: false });
    expect(await keys.keyring.lookup(account(added.id))).toBeNull();
    expect(await value(dispatch, 'connections/list')).toEqual([expect.objectContaining({ id: added.id, keySet: false })]);
    expect(await value(dispatch, 'connections/test', { connectionId: added.id })).toEqual({
      ok: false,
      message: 'No API key is set for this connection: add it first.',
    });

    const everything = JSON.stringify(responses);
    expect(everything).not.toContain(key);
    expect(everything).not.toContain('talq_replaced_but_wrong');
    db.close();
  });

  it('names the field for a taken label or a key the keychain refuses, and stores nothing', async () => {
    const { db, dispatch } = app();
    await value(dispatch, 'connections/add', { vendor: 'talkover', label: 'Main', settings: simSettings(ctx.sim, 'talkover'), apiKey: 'k' });
    const duplicate = await dispatch('connections/add', { vendor: 'talknex', label: 'main', settings: simSettings(ctx.sim, 'talknex'), apiKey: 'k' });
    expect(duplicate).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', field: 'label', message: 'A connection named "main" already exists. Choose another name.' },
    });
    const controlChars = await dispatch('connections/add', {
      vendor: 'talknex',
      label: 'Nex',
      settings: simSettings(ctx.sim, 'talknex'),
      apiKey: 'abc\u0007def',
    });
    expect(controlChars).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', field: 'apiKey' } });
    expect((await value(dispatch, 'connections/list')).length).toBe(1);
    expect(await dispatch('connections/remove', { connectionId: 99 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    db.close();
  });

  it('starts a sync in the background, reports progress, and keeps the history', async () => {
    const { db, dispatch, sync } = app();
    const { id } = await value(dispatch, 'connections/add', {
      vendor: 'talknex',
      label: 'Nex',
      settings: simSettings(ctx.sim, 'talknex'),
      apiKey: ctx.sim.credentials.talknex.apiKey,
    });
    ctx.sim.faults.inject('talknex', { kind: 'slow', delayMs: 30 }, { times: 1_000 });
    expect(await value(dispatch, 'sync/start')).toEqual({ started: [id] });
    expect(await value(dispatch, 'sync/start', { connectionIds: [id] })).toEqual({ started: [] }); // already running
    const seen: unknown[] = [];
    while ((await value(dispatch, 'sync/status')).running.length) {
      seen.push((await value(dispatch, 'sync/status')).running[0]?.progress);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await sync.idle();
    ctx.sim.faults.clear();
    expect(seen.some((p) => p !== null && (p as { stream: string }).stream === 'transcripts')).toBe(true);
    const [run] = await value(dispatch, 'sync/history', { connectionId: id });
    expect(run).toMatchObject({ status: 'succeeded', connectionId: id, warnings: [] });
    // The app syncs up to the real "now", which is when the run started.
    const backfill = ctx.sim.datasets.talknex.callsBetween(run!.startedAtMs - 30 * DAY_MS, run!.startedAtMs);
    expect((await value(dispatch, 'calls/list', {})).total).toBe(backfill.length);
    expect(await value(dispatch, 'connections/list')).toEqual([expect.objectContaining({ syncedThroughMs: run!.startedAtMs, transcriptsPending: 0 })]);
    // A backlog the window can show: calls whose transcripts are not stored yet.
    db.prepare(`DELETE FROM transcripts WHERE call_id IN (SELECT id FROM calls WHERE has_transcript = 1 LIMIT 7)`).run();
    expect(await value(dispatch, 'connections/list')).toEqual([expect.objectContaining({ transcriptsPending: 7 })]);
    db.close();
  });

  it('cancels a running sync, which stops at the next page and says so', async () => {
    const { db, dispatch, sync } = app();
    const { id } = await value(dispatch, 'connections/add', {
      vendor: 'talkover',
      label: 'Slow',
      settings: simSettings(ctx.sim, 'talkover'),
      apiKey: ctx.sim.credentials.talkover.apiKey,
    });
    ctx.sim.faults.inject('talkover', { kind: 'slow', delayMs: 200 }, { times: 1_000 });
    await value(dispatch, 'sync/start', { connectionIds: [id] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await value(dispatch, 'sync/cancel')).toEqual({ cancelled: 1 });
    await sync.idle();
    ctx.sim.faults.clear();
    const [run] = await value(dispatch, 'sync/history');
    expect(run).toMatchObject({ status: 'cancelled', errorMessage: expect.stringMatching(/^Sync cancelled\. What was read so far is saved/) });
    db.close();
  });

  it('records a sync without a key as a failure in plain words', async () => {
    const { db, dispatch, sync } = app();
    const { id } = await value(dispatch, 'connections/add', { vendor: 'talkover', label: 'Keyless', settings: simSettings(ctx.sim, 'talkover'), apiKey: 'k' });
    await value(dispatch, 'connections/delete-key', { connectionId: id });
    await value(dispatch, 'sync/start');
    await sync.idle();
    const [run] = await value(dispatch, 'sync/history');
    expect(run).toMatchObject({ status: 'failed', errorMessage: '"Keyless" has no API key. Add it in Connections.' });
    db.close();
  });

  it('renames and re-scopes a connection, and removes it with its key and calls', async () => {
    const { db, dispatch, sync, account } = app();
    const { id } = await value(dispatch, 'connections/add', {
      vendor: 'talkover',
      label: 'Old',
      settings: simSettings(ctx.sim, 'talkover'),
      apiKey: ctx.sim.credentials.talkover.apiKey,
    });
    const updated = await value(dispatch, 'connections/update', {
      connectionId: id,
      label: 'New',
      settings: { ...simSettings(ctx.sim, 'talkover'), agentIds: ['x'] },
    });
    expect(updated).toMatchObject({ label: 'New', settings: { agentIds: ['x'] }, keySet: true });
    await value(dispatch, 'connections/update', { connectionId: id, settings: simSettings(ctx.sim, 'talkover') });
    await value(dispatch, 'sync/start');
    await sync.idle();
    expect((await value(dispatch, 'calls/list', {})).total).toBeGreaterThan(0);
    expect(await value(dispatch, 'connections/remove', { connectionId: id })).toEqual({ removed: true, keyRemoved: true });
    expect(await keys.keyring.lookup(account(id))).toBeNull();
    expect((await value(dispatch, 'calls/list', {})).total).toBe(0);
    db.close();
  });
});
