import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, powerMonitor, protocol, session, shell } from 'electron';
import { createCore, type Core } from '../app';
import { APP_RENDERER_URL, APP_SCHEME, rendererFileFor } from '../security/app-protocol';
import { createErrorLog } from '../startup/error-log';
import { CHOICE_LABELS } from '../startup/failure';
import { openWithRecovery } from '../startup/recovery';
import { dataDirectory, rememberDatabasePath, resolveDatabasePath } from '../store/location';
import { safeOpenExternal } from './open-external';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { createMainWindow, lockDownNavigation } from './window';

// The shell: Electron's parts handed to the core (electron/app.ts builds everything else), the window, IPC,
// start-up failures as dialogs. What can be decided without Electron lives in plain modules (startup/, security/).
const here = import.meta.dirname;
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererDir = path.join(here, '../renderer');
// The dev server only while developing: a packaged app never loads (or trusts) anything but its own files.
const rendererUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : APP_RENDERER_URL;
const dataFolder = dataDirectory(process.env);
const errorLog = createErrorLog(dataFolder);

// Must be said before the app is ready: app:// behaves as a secure, standard origin (CSP 'self', fetch).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let mainWindow: BrowserWindow | null = null;
const showWindow = () => {
  if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createMainWindow(preloadPath, rendererUrl, { devTools: !app.isPackaged });
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
};

/** Anything main did not expect: written to talktally.log (secrets removed) and shown, never swallowed. */
function reportUnexpected(what: string, error: unknown): void {
  errorLog.write(what, error);
  dialog.showErrorBox(
    'Talktally hit an unexpected problem',
    `${error instanceof Error ? error.message : String(error)}\n\nThe details are in ${errorLog.file}.`,
  );
}
process.on('uncaughtException', (error) => reportUnexpected('uncaught exception', error));
process.on('unhandledRejection', (error) => reportUnexpected('unhandled promise rejection', error));

/** Only the app's own files, from the renderer folder. */
function serveAppProtocol(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = rendererFileFor(rendererDir, request.url);
    return file && fs.existsSync(file) ? net.fetch(pathToFileURL(file).toString()) : new Response('Not found', { status: 404 });
  });
}

/** The page asks for nothing: no camera, notifications or location. Copying a transcript needs clipboard write, nothing else. */
function denyPermissions(): void {
  const allowed = (permission: string) => permission === 'clipboard-sanitized-write';
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowed(permission));
}

function openCore(databasePath: string): Core {
  return createCore({
    databasePath,
    version: app.getVersion(),
    // Syncs, exports and the demo's simulator run in this worker thread, so main stays free for the window.
    workerFile: path.join(here, 'worker.js'),
    log: (line) => errorLog.write(line),
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
}

async function start(): Promise<void> {
  serveAppProtocol();
  denyPermissions();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(process.platform, {
        openDataFolder: () => void shell.openPath(dataFolder),
        showAbout: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: 'About Talktally',
            message: `Talktally ${app.getVersion()}`,
            detail: `Data folder: ${dataFolder}`,
          }),
      }),
    ),
  );
  const core = await openWithRecovery({
    resolvePath: () => resolveDatabasePath(process.env),
    open: openCore,
    ask: async (failure) => {
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: failure.title,
        message: failure.message,
        detail: failure.detail,
        buttons: failure.choices.map((choice) => CHOICE_LABELS[choice]),
        defaultId: 0,
        cancelId: Math.max(0, failure.choices.indexOf('quit')),
        noLink: true,
      });
      return failure.choices[response] ?? 'quit';
    },
    chooseFolder: async () => {
      const answer = await dialog.showOpenDialog({ title: 'Locate the folder that holds talktally.sqlite', properties: ['openDirectory'] });
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    openFolder: async (folder) => void (await shell.openPath(folder)),
    dataFolder,
    env: process.env,
    logError: (error) => errorLog.write('start-up failed', error),
  });
  if (!core) {
    app.quit();
    return;
  }
  registerIpc(ipcMain, core.dispatch, rendererUrl);
  showWindow();
  // After the window is up: a sync never delays the first screen.
  void core.start();
  // A laptop that slept through Monday 08:00 writes its scheduled report on waking, not at the next timer.
  powerMonitor.on('resume', () => void core.reportSchedule.check());

  app.on('activate', showWindow);
  // Stop syncs at their next page, let them record where they stopped, then close the file.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void core.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
}

// One copy of the app: a second launch brings the first one's window forward and ends.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) showWindow();
  });
  app.on('web-contents-created', (_event, contents) => lockDownNavigation(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      reportUnexpected('start-up failed', error);
      app.exit(1);
    });
}
