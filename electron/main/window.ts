import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { safeOpenExternal } from './open-external';

/** The window's security settings: isolated, sandboxed, no Node in the page; DevTools only while developing. */
export function mainWindowOptions(preloadPath: string, options: { devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Talktally',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: options.devTools ?? false,
    },
  };
}

/** No navigation away from the app and no new windows; http(s) links open in the browser instead. */
export function lockDownNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    void safeOpenExternal(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void safeOpenExternal(url);
    return { action: 'deny' };
  });
}

export function createMainWindow(preloadPath: string, rendererUrl: string, options: { devTools?: boolean } = {}): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, options));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}
