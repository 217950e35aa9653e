import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { upsertCalls } from '../../electron/store/calls';
import { openDatabase } from '../../electron/store/database';
import { rememberDatabasePath, resolveDatabasePath } from '../../electron/store/location';
import { answer, createTestApp } from '../helpers/app';
import { makeCall } from '../helpers/fixtures';
import { useKeyringForFile } from '../helpers/keyring';
import { storeWithConnection } from '../helpers/store';
import { tempDir } from '../helpers/temp';

describe('moving the data folder', () => {
  // Keys are stored for real: the handlers use the OS keychain.
  useKeyringForFile();

  it('copies the database to the chosen folder, remembers it and restarts; the original stays', async () => {
    const { db, file, connectionId } = storeWithConnection();
    upsertCalls(
      db,
      connectionId,
      Array.from({ length: 500 }, (_, n) => makeCall(n)),
    );
    const target = tempDir();
    const app = createTestApp(db, file, { chooseFolder: async () => target });
    const { movedTo } = await answer(app.dispatch, 'settings/move-data-folder');
    expect(movedTo).toBe(path.join(target, 'talktally.sqlite'));
    expect(app.moves.remembered).toEqual([movedTo]);
    await expect.poll(() => app.moves.restarts, { timeout: 2_000 }).toBe(1);
    const copy = openDatabase(movedTo!);
    expect(copy.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(500);
    expect(copy.prepare(`SELECT value_json FROM app_settings WHERE key = 'database_id'`).pluck().get()).toBe(
      db.prepare(`SELECT value_json FROM app_settings WHERE key = 'database_id'`).pluck().get(),
    );
    copy.close();
    expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(500);

    // A folder that already holds a database is refused; nothing in it is touched.
    const again = await app.dispatch('settings/move-data-folder', undefined);
    expect(again).toMatchObject({ ok: false, error: { code: 'FAILED', message: expect.stringContaining('already holds a Talktally database') } });
    expect(fs.readdirSync(target).filter((f) => f.endsWith('.sqlite'))).toEqual(['talktally.sqlite']);
    await app.close();
    db.close();
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { db, file } = storeWithConnection();
    const app = createTestApp(db, file, { chooseFolder: async () => null });
    expect(await answer(app.dispatch, 'settings/move-data-folder')).toEqual({ movedTo: null });
    expect(app.moves).toEqual({ remembered: [], restarts: 0 });
    await app.close();
    db.close();
  });

  it('opens the moved database next time, unless TALKTALLY_DB says otherwise; a missing database or a damaged note is an error, never a new empty file', () => {
    const env = { XDG_CONFIG_HOME: tempDir() };
    const standard = path.join(env.XDG_CONFIG_HOME, 'Talktally', 'talktally.sqlite');
    expect(resolveDatabasePath(env)).toBe(standard);
    const elsewhere = path.join(tempDir(), 'Drive', 'talktally.sqlite');
    fs.mkdirSync(path.dirname(elsewhere));
    fs.writeFileSync(elsewhere, '');
    rememberDatabasePath(elsewhere, env);
    expect(resolveDatabasePath(env)).toBe(elsewhere);
    expect(resolveDatabasePath({ ...env, TALKTALLY_DB: '/x/y.sqlite' })).toBe('/x/y.sqlite');

    // The drive is unplugged: the folder is gone.
    fs.rmSync(path.dirname(elsewhere), { recursive: true });
    expect(() => resolveDatabasePath(env)).toThrow(
      expect.objectContaining({ name: 'DataLocationError', problem: 'moved-database-missing', folder: path.dirname(elsewhere) }),
    );
    expect(() => resolveDatabasePath(env)).toThrow(/was moved to .*Drive, which cannot be found \(an unplugged drive, or a renamed folder\?\)/);
    expect(fs.existsSync(path.dirname(elsewhere))).toBe(false);

    fs.writeFileSync(path.join(env.XDG_CONFIG_HOME, 'Talktally', 'database-location.json'), '{ not json');
    expect(() => resolveDatabasePath(env)).toThrow(expect.objectContaining({ problem: 'note-damaged' }));
    expect(fs.existsSync(standard)).toBe(false);
  });
});
