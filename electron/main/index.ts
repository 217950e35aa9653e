import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { DemoService } from '../demo/demo';
import { ReportJobs } from '../reports/jobs';
import type { HttpFor } from '../vendors/connector';
import { createDispatch } from '../ipc/dispatch';
import { createHandlers } from '../ipc/handlers';
import { createKeychainSecretStore } from '../secrets/keychain';
import { getDatabaseId, getSettings } from '../store/app-settings';
import { LATEST_SCHEMA_VERSION, openDatabase } from '../store/database';
import { SyncScheduler } from '../sync/schedule';
import { SyncService } from '../sync/service';
import { rememberDatabasePath, resolveDatabasePath } from '../store/location';
import { safeOpenExternal } from './external-links';
import { registerIpc } from './ipc';
import { createMainWindow, lockDownNavigation } from './window';

// The composition root: open the store, wire the handlers to IPC, show the window. No logic lives here.
const here = import.meta.dirname;
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(here, '../renderer/index.html')).href;

app.on('web-contents-created', (_event, contents) => lockDownNavigation(contents));

void app.whenReady().then(() => {
  const databasePath = resolveDatabasePath(process.env);
  const db = openDatabase(databasePath);
  const secrets = createKeychainSecretStore(getDatabaseId(db));
  const log = (line: string) => console.error(line);
  // The demo's connections get its pacing; every other connection the vendor's published limits.
  const demoHolder: { demo?: DemoService } = {};
  const http: HttpFor = (connection) => demoHolder.demo?.httpFor(connection);
  const sync = new SyncService({ db, secrets, http, log });
  const demo = (demoHolder.demo = new DemoService({ db, secrets, sync }));
  const schedule = new SyncScheduler({ syncAll: () => sync.start(), settings: () => getSettings(db) });
  const defaultReportsFolder = app.getPath('downloads');
  const reports = new ReportJobs({ db, folder: () => getSettings(db).reportsFolder ?? defaultReportsFolder, timeZone: () => getSettings(db).timeZone, log });
  const handlers = createHandlers({
    db,
    secrets,
    sync,
    schedule,
    http,
    reports,
    demo,
    defaultReportsFolder,
    showItemInFolder: (file) => shell.showItemInFolder(file),
    moveDatabase: {
      remember: (moved) => rememberDatabasePath(moved, process.env),
      restart: () => {
        app.relaunch();
        app.quit();
      },
    },
    chooseFolder: async (startAt) => {
      const window = BrowserWindow.getFocusedWindow();
      const options = { title: 'Save reports in', defaultPath: startAt, properties: ['openDirectory' as const, 'createDirectory' as const] };
      const answer = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    openExternal: async (url) => {
      if (!(await safeOpenExternal(url))) throw new Error('Refused to open a link that is not http(s).');
    },
    appInfo: () => ({
      version: app.getVersion(),
      databasePath,
      schemaVersion: LATEST_SCHEMA_VERSION,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }),
  });
  registerIpc(ipcMain, createDispatch(handlers), rendererUrl);
  createMainWindow(preloadPath, rendererUrl);
  // After the window is up: a sync never delays the first screen. The demo's
  // simulator (if the user has the demo) must be serving before its connections sync.
  void demo.resume().catch((error: unknown) => log(`demo: ${String(error)}`)).finally(() => schedule.start());

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadPath, rendererUrl);
  });
  // Stop syncs at the next page, let them record where they stopped, then close the file.
  app.on('before-quit', () => {
    schedule.stop();
    sync.cancel();
    reports.cancelAll();
    void demo.stop();
  });
  app.on('will-quit', () => db.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
