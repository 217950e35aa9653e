import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { createCore } from '../app';
import { resolveDatabasePath, rememberDatabasePath } from '../store/location';
import { safeOpenExternal } from './external-links';
import { registerIpc } from './ipc';
import { createMainWindow, lockDownNavigation } from './window';

// The shell: Electron's parts handed to the core (electron/app.ts builds everything else), the window, IPC. No logic lives here.
const here = import.meta.dirname;
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(here, '../renderer/index.html')).href;

app.on('web-contents-created', (_event, contents) => lockDownNavigation(contents));

void app.whenReady().then(() => {
  const log = (line: string) => console.error(line);
  const core = createCore({
    databasePath: resolveDatabasePath(process.env),
    version: app.getVersion(),
    // Syncs and exports run in this worker thread, so main stays free for the window.
    workerFile: path.join(here, 'worker.js'),
    log,
    shell: {
      defaultReportsFolder: app.getPath('downloads'),
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
    },
  });
  registerIpc(ipcMain, core.dispatch, rendererUrl);
  createMainWindow(preloadPath, rendererUrl);
  // After the window is up: a sync never delays the first screen.
  void core.start();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadPath, rendererUrl);
  });
  // Stop syncs at the next page, let them record where they stopped, then close the file.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void core.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
