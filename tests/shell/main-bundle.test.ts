import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/channels';
import { openDatabase } from '../../electron/store/database';
import { addConnection } from '../../electron/store/connections';
import { rememberDatabasePath } from '../../electron/store/location';
import { APP_RENDERER_URL } from '../../electron/security/app-protocol';
import { useKeyringForFile } from '../helpers/keyring';
import { simSettings, useSimulator } from '../helpers/simulator';
import { tempDir } from '../helpers/temp';
import { canMountTmpfs, mountTmpfs, remountReadOnly, unmount } from '../helpers/tmpfs';

/**
 * The built main bundle (out/main/index.js, what the packaged app runs) under
 * plain Node, with a RECORDING STAND-IN for the `electron` module
 * (tests/shell/electron-stand-in/): the real Electron binary cannot be fetched
 * on the machines that run these tests, so Electron's own behaviour (drawing
 * the window, native dialogs) is not exercised here; what main asks of it is.
 * Everything else is real: the core, the worker thread, the database file,
 * the keychain.
 */

const BUNDLE = path.resolve('out/main/index.js');

const REGISTER = path.resolve('tests/shell/electron-stand-in/register.mjs');

interface Recorded {
  event: string;
  [key: string]: unknown;
}

interface Script {
  dialogAnswers?: string[];
  folderAnswers?: string[];
  singleInstanceLock?: boolean;
  isPackaged?: boolean;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the bundle; `events()` reads what it has done so far, `send()` acts as the user or the OS. */
function launch(env: NodeJS.ProcessEnv, script: Script = {}) {
  const folder = tempDir();
  const recordFile = path.join(folder, 'record.jsonl');
  fs.writeFileSync(recordFile, '');
  const child = spawn(process.execPath, ['--import', REGISTER, BUNDLE], {
    env: { ...process.env, ...env, STANDIN_RECORD: recordFile, STANDIN_SCRIPT: JSON.stringify(script), ELECTRON_RENDERER_URL: 'http://localhost:5173' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const events = (): Recorded[] =>
    fs
      .readFileSync(recordFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Recorded);
  const named = (event: string) => events().filter((e) => e.event === event);
  let nextId = 1;
  return {
    events,
    named,
    exited,
    stderr: () => stderr,
    send(command: Record<string, unknown>): number {
      const id = nextId++;
      child.stdin.write(`${JSON.stringify({ ...command, id })}\n`);
      return id;
    },
    /** Waits for an event (and, with `id`, the answer to that command). */
    async until(event: string, id?: number): Promise<Recorded> {
      let found: Recorded | undefined;
      await expect.poll(() => (found = named(event).find((e) => id === undefined || e.id === id)), { timeout: 20_000, interval: 25 }).toBeDefined();
      return found!;
    },
  };
}

function databaseIn(folder: string): string {
  const file = path.join(folder, 'talktally.sqlite');
  openDatabase(file).close();
  return file;
}

describe('the built main process, on a recording stand-in for Electron', () => {
  const keys = useKeyringForFile();
  const ctx = useSimulator({ calls: 1_200, days: 40, rateLimits: 'off' });

  it('starts: app:// window with a preload that exists, no DevTools, every channel registered, permissions denied, the standard menu; quitting stops syncs and closes the database', async () => {
    const file = databaseIn(tempDir());
    const app = launch({ TALKTALLY_DB: file });
    const loaded = await app.until('BrowserWindow.loadURL');
    // Packaged: the dev server URL in the environment is ignored.
    expect(loaded.url).toBe(APP_RENDERER_URL);
    const [window] = app.named('BrowserWindow');
    expect(window).toMatchObject({ preloadExists: true, webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false } });
    expect(
      app
        .named('ipcMain.handle')
        .map((e) => e.channel)
        .sort(),
    ).toEqual([...CHANNELS].sort());
    expect(app.named('protocol.registerSchemesAsPrivileged')[0]).toMatchObject({ list: [{ scheme: 'app', privileges: { standard: true, secure: true } }] });
    const menu = app.named('Menu.setApplicationMenu')[0]!.menu as { label: string | null; role: string | null; submenu: string[] }[];
    expect(menu.find((m) => m.label === 'Edit')?.submenu).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']));
    expect(menu.find((m) => m.role === 'help')?.submenu).toEqual(['Open the Data Folder', 'About Talktally']);
    expect(menu.flatMap((m) => m.submenu)).not.toContain('toggleDevTools');

    // The page's own origin is answered; any other is refused.
    const info = await app.until('ipc.result', app.send({ do: 'invoke', channel: 'app/info', senderUrl: APP_RENDERER_URL }));
    expect(info.result).toMatchObject({ ok: true, value: { databasePath: file } });
    const foreign = await app.until('ipc.result', app.send({ do: 'invoke', channel: 'app/info', senderUrl: 'https://evil.example/' }));
    expect(foreign.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    // app:// serves the renderer folder and nothing outside it.
    expect((await app.until('fetch.result', app.send({ do: 'fetch', scheme: 'app', url: APP_RENDERER_URL }))).status).toBe(200);
    expect((await app.until('fetch.result', app.send({ do: 'fetch', scheme: 'app', url: 'app://talktally/%2e%2e/%2e%2e/package.json' }))).status).toBe(404);
    expect((await app.until('fetch.result', app.send({ do: 'fetch', scheme: 'app', url: 'app://talktally/no-such-file.js' }))).status).toBe(404);
    expect((await app.until('permission.result', app.send({ do: 'permission', permission: 'notifications' }))).allowed).toBe(false);
    expect((await app.until('permission.result', app.send({ do: 'permission', permission: 'clipboard-sanitized-write' }))).allowed).toBe(true);

    // A second launch brings this window forward.
    app.send({ do: 'second-instance' });
    await app.until('BrowserWindow.focus');

    // A sync that runs while the user quits: it is stopped, recorded, and the file is closed.
    ctx.sim.faults.inject('talentlynk', { kind: 'slow', delayMs: 40 }, { times: 10_000 });
    try {
      const added = await app.until(
        'ipc.result',
        app.send({
          do: 'invoke',
          channel: 'connections/add',
          senderUrl: APP_RENDERER_URL,
          payload: { vendor: 'talentlynk', label: 'Lynk', settings: simSettings(ctx.sim, 'talentlynk'), apiKey: ctx.sim.credentials.talentlynk.apiKey },
        }),
      );
      expect(added.result).toMatchObject({ ok: true });
      await app.until('ipc.result', app.send({ do: 'invoke', channel: 'sync/start', senderUrl: APP_RENDERER_URL }));
      const runningRuns = () => {
        const reader = new Database(file, { readonly: true });
        try {
          return reader.prepare(`SELECT count(*) FROM sync_runs WHERE status = 'running'`).pluck().get();
        } finally {
          reader.close();
        }
      };
      await expect.poll(runningRuns).toBe(1);
      app.send({ do: 'quit' });
      expect(await app.exited).toBe(0);
    } finally {
      ctx.sim.faults.clear();
    }
    expect(app.named('app.quit-prevented')).toHaveLength(1);
    // Closed cleanly: the last connection checkpointed and removed the WAL.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const db = new Database(file, { readonly: true });
    expect(db.prepare(`SELECT status FROM sync_runs`).pluck().all()).toEqual(['cancelled']);
    db.close();
    expect(await keys.keyring.items()).not.toEqual([]);
  });

  it('a second copy of the app quits at once, without a window or a database', async () => {
    const file = path.join(tempDir(), 'talktally.sqlite');
    const app = launch({ TALKTALLY_DB: file }, { singleInstanceLock: false });
    expect(await app.exited).toBe(0);
    expect(app.named('BrowserWindow')).toEqual([]);
    expect(app.named('ipcMain.handle')).toEqual([]);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('a damaged database: the dialog says so in plain words; Quit quits and changes nothing', async () => {
    const file = path.join(tempDir(), 'talktally.sqlite');
    fs.writeFileSync(file, 'this is not a database');
    const app = launch({ TALKTALLY_DB: file }, { dialogAnswers: ['Quit'] });
    expect(await app.exited).toBe(0);
    const [asked] = app.named('dialog.showMessageBox');
    expect(asked).toMatchObject({
      type: 'error',
      title: 'Talktally cannot open its database',
      buttons: ['Start with a new database', 'Open the data folder', 'Quit'],
    });
    expect(asked!.message).toMatch(/is not a Talktally database, or it is damaged/);
    expect(app.named('BrowserWindow')).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe('this is not a database');
  });

  it('a damaged database: "Start with a new database" keeps the old file beside the new one and opens the window', async () => {
    const folder = tempDir();
    const file = path.join(folder, 'talktally.sqlite');
    fs.writeFileSync(file, 'this is not a database');
    const app = launch({ TALKTALLY_DB: file }, { dialogAnswers: ['Start with a new database'] });
    await app.until('BrowserWindow.loadURL');
    const kept = fs.readdirSync(folder).filter((name) => name.startsWith('talktally.sqlite.damaged-'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(folder, kept[0]!), 'utf8')).toBe('this is not a database');
    app.send({ do: 'quit' });
    expect(await app.exited).toBe(0);
    const reopened = new Database(file, { readonly: true });
    expect(reopened.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    reopened.close();
  });

  it('a database another program holds locked: "Try again" asks again while it is locked, Quit quits', async () => {
    const file = databaseIn(tempDir());
    const holder = new Database(file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const app = launch({ TALKTALLY_DB: file }, { dialogAnswers: ['Try again', 'Quit'] });
      expect(await app.exited).toBe(0);
      const asked = app.named('dialog.showMessageBox');
      expect(asked.map((a) => a.buttons)).toEqual([
        ['Try again', 'Quit'],
        ['Try again', 'Quit'],
      ]);
      expect(asked[0]!.message).toMatch(/another program is using it right now/);
      expect(app.named('BrowserWindow')).toEqual([]);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it.skipIf(!canMountTmpfs)('a database on a disk that became read-only: says so, and offers to try again', async () => {
    const disk = mountTmpfs('size=8m')!;
    try {
      const file = databaseIn(disk);
      remountReadOnly(disk);
      const app = launch({ TALKTALLY_DB: file }, { dialogAnswers: ['Quit'] });
      expect(await app.exited).toBe(0);
      const [asked] = app.named('dialog.showMessageBox');
      expect(asked).toMatchObject({ buttons: ['Try again', 'Open the data folder', 'Quit'] });
      expect(asked!.message).toMatch(/cannot be read or written here \(a read-only disk, or missing permission\?\)/);
      expect(app.named('BrowserWindow')).toEqual([]);
    } finally {
      unmount(disk);
    }
  });

  it.skipIf(!canMountTmpfs)('a full disk: says so, and offers to try again once there is room', async () => {
    const disk = mountTmpfs('size=1m')!;
    try {
      // Every byte taken before Talktally starts, as a nearly full disk would be by the time it writes.
      try {
        fs.writeFileSync(path.join(disk, 'filler'), Buffer.alloc(2 * 1024 * 1024));
      } catch {
        // ENOSPC: the disk is full, which is the point.
      }
      const app = launch({ TALKTALLY_DB: path.join(disk, 'talktally.sqlite') }, { dialogAnswers: ['Quit'] });
      expect(await app.exited).toBe(0);
      const [asked] = app.named('dialog.showMessageBox');
      expect(asked).toMatchObject({ buttons: ['Try again', 'Open the data folder', 'Quit'] });
      expect(asked!.message).toMatch(/the disk is full/);
    } finally {
      unmount(disk);
    }
  });

  it('a database from a newer Talktally: says so, opens the data folder when asked, and quits without touching it', async () => {
    const folder = tempDir();
    const file = databaseIn(folder);
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    const before = fs.readFileSync(file);
    const app = launch({ TALKTALLY_DB: file }, { dialogAnswers: ['Open the data folder', 'Quit'] });
    expect(await app.exited).toBe(0);
    const asked = app.named('dialog.showMessageBox');
    expect(asked).toHaveLength(2);
    expect(asked[0]!.message).toMatch(/written by a newer version of Talktally \(schema 999/);
    expect(asked[0]!.buttons).toEqual(['Quit', 'Open the data folder']);
    expect(app.named('shell.openPath')).toEqual([{ event: 'shell.openPath', folder }]);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('a moved data folder that is missing: never a new empty database; "Locate the moved folder" remembers the new place and opens it', async () => {
    const config = tempDir();
    const env = { XDG_CONFIG_HOME: config, TALKTALLY_DB: '' };
    const gone = path.join(tempDir(), 'Unplugged drive', 'talktally.sqlite');
    rememberDatabasePath(gone, env);
    const found = databaseIn(tempDir());
    const db = openDatabase(found);
    addConnection(db, { vendor: 'talkover', label: 'Kept' });
    db.close();
    const app = launch(env, { dialogAnswers: ['Locate the moved folder…'], folderAnswers: [path.dirname(found)] });
    await app.until('BrowserWindow.loadURL');
    const [asked] = app.named('dialog.showMessageBox');
    expect(asked).toMatchObject({ title: 'Talktally cannot find its database', buttons: ['Try again', 'Locate the moved folder…', 'Quit'] });
    expect(asked!.message).toMatch(/Unplugged drive, which cannot be found/);
    expect(fs.existsSync(path.dirname(gone))).toBe(false);
    const info = await app.until('ipc.result', app.send({ do: 'invoke', channel: 'app/info', senderUrl: APP_RENDERER_URL }));
    expect(info.result).toMatchObject({ ok: true, value: { databasePath: found } });
    const listed = await app.until('ipc.result', app.send({ do: 'invoke', channel: 'connections/list', senderUrl: APP_RENDERER_URL }));
    expect(listed.result).toMatchObject({ ok: true, value: [expect.objectContaining({ label: 'Kept' })] });
    app.send({ do: 'quit' });
    expect(await app.exited).toBe(0);
  });
});
