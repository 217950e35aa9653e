import { describe, expect, it, vi } from 'vitest';
import { createDispatch, type Dispatch } from '../../electron/ipc/dispatch';
import { UserFacingError } from '../../electron/ipc/errors';
import { findCallId, upsertCalls } from '../../electron/store/calls';
import { saveTranscript } from '../../electron/store/transcripts';
import { makeCall, makeTranscript } from '../helpers/fixtures';
import { createTestApp } from '../helpers/app';
import { useKeyringForFile } from '../helpers/keyring';
import { storeWithConnection } from '../helpers/store';

function appOnRealStore() {
  const store = storeWithConnection();
  const app = createTestApp(store.db, store.file);
  return { ...store, ...app };
}

const errorOf = async (dispatch: Dispatch, channel: unknown, payload: unknown) => {
  const result = await dispatch(channel, payload);
  if (result.ok) throw new Error(`expected ${String(channel)} to fail`);
  return result.error;
};

describe('dispatching requests', () => {
  // Keys are stored for real: the handlers use the OS keychain.
  useKeyringForFile();

  it('rejects an unknown channel, naming it', async () => {
    const { dispatch, db } = appOnRealStore();
    expect(await errorOf(dispatch, 'secrets/read', {})).toEqual({ code: 'UNKNOWN_CHANNEL', message: 'There is no channel named "secrets/read".' });
    expect(await errorOf(dispatch, 42, {})).toMatchObject({ code: 'UNKNOWN_CHANNEL', message: 'There is no channel named of type number.' });
    expect(await errorOf(dispatch, '__proto__', {})).toMatchObject({ code: 'UNKNOWN_CHANNEL' });
    db.close();
  });

  it('rejects an invalid payload with a typed error naming the field', async () => {
    const { dispatch, db } = appOnRealStore();
    expect(await errorOf(dispatch, 'calls/list', { filters: { statuses: ['exploded'] } })).toEqual({
      code: 'INVALID_REQUEST',
      field: 'filters.statuses.0',
      message: expect.stringMatching(/^Invalid request on calls\/list: filters\.statuses\.0: /),
    });
    expect(await errorOf(dispatch, 'calls/get', {})).toMatchObject({ code: 'INVALID_REQUEST', field: 'callId' });
    expect(await errorOf(dispatch, 'app/open-external', { url: 'file:///etc/passwd' })).toMatchObject({ code: 'INVALID_REQUEST', field: 'url' });
    db.close();
  });

  it('answers valid requests from the real store', async () => {
    const { dispatch, db, connectionId } = appOnRealStore();
    upsertCalls(db, connectionId, [makeCall(1, { contactName: 'Priya Raman' }), makeCall(2, { hasTranscript: true })]);
    saveTranscript(
      db,
      findCallId(db, connectionId, 'call_2')!,
      makeTranscript([
        ['A', 'Hello'],
        ['B', 'Hi'],
      ]),
    );

    const page = await dispatch('calls/list', { search: 'priya' });
    expect(page).toMatchObject({ ok: true, value: { total: 1, rows: [{ contactName: 'Priya Raman', connectionLabel: 'talentlynk main' }] } });
    const connections = await dispatch('connections/list', undefined);
    expect(connections).toMatchObject({ ok: true, value: [{ id: connectionId, vendor: 'talentlynk', keySet: false, syncedThroughMs: null }] });
    const detail = await dispatch('calls/get', { callId: findCallId(db, connectionId, 'call_2') });
    expect(detail).toMatchObject({ ok: true, value: { call: { vendorCallId: 'call_2' }, transcript: { utterances: [{ text: 'Hello' }, { text: 'Hi' }] } } });
    expect(JSON.stringify(detail)).not.toContain('raw'); // the vendor JSON stays in main
    db.close();
  });

  it('reads and updates settings, refusing an unknown time zone by name', async () => {
    const { dispatch, db } = appOnRealStore();
    expect(await dispatch('settings/update', { timeZone: 'America/Chicago', dailySyncAt: '06:45' })).toMatchObject({
      ok: true,
      value: { timeZone: 'America/Chicago', dailySyncAt: '06:45', syncOnStartup: true },
    });
    expect(await dispatch('settings/get', undefined)).toMatchObject({ ok: true, value: { timeZone: 'America/Chicago' } });
    expect(await errorOf(dispatch, 'settings/update', { timeZone: 'Atlantis/Capital' })).toMatchObject({
      code: 'INVALID_REQUEST',
      field: 'timeZone',
      message: expect.stringContaining('not a time zone Talktally knows'),
    });
    db.close();
  });

  it('reports a missing call as NOT_FOUND in plain words', async () => {
    const { dispatch, db } = appOnRealStore();
    expect(await errorOf(dispatch, 'calls/get', { callId: 999 })).toEqual({ code: 'NOT_FOUND', message: 'That call was not found. It may have been removed.' });
    db.close();
  });

  it('opens only validated http(s) links', async () => {
    const { dispatch, opened, db } = appOnRealStore();
    expect(await dispatch('app/open-external', { url: 'https://talentlynk.ai/help' })).toEqual({ ok: true, value: { opened: true } });
    await dispatch('app/open-external', { url: 'javascript:alert(1)' });
    expect(opened).toEqual(['https://talentlynk.ai/help']);
    db.close();
  });

  it('hides the details of an unexpected failure from the page, logging them instead', async () => {
    const { handlers, db } = appOnRealStore();
    const log = { error: vi.fn() };
    const secretish = 'SQLITE_CORRUPT at /home/jane/.config/Talktally with key tp_live_0123';
    const dispatch = createDispatch(
      {
        ...handlers,
        'connections/list': () => {
          throw new Error(secretish);
        },
      },
      log,
    );
    const error = await errorOf(dispatch, 'connections/list', undefined);
    expect(error).toEqual({ code: 'FAILED', message: 'Something went wrong while handling connections/list.' });
    expect(JSON.stringify(error)).not.toContain('tp_live');
    expect(log.error).toHaveBeenCalledOnce();

    const userFacing = createDispatch(
      {
        ...handlers,
        'connections/list': () => {
          throw new UserFacingError('FAILED', 'The keychain is locked.');
        },
      },
      log,
    );
    expect(await errorOf(userFacing, 'connections/list', undefined)).toEqual({ code: 'FAILED', message: 'The keychain is locked.' });
    db.close();
  });
});
