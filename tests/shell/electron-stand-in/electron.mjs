/**
 * A recording stand-in for the `electron` module, for running the built main
 * bundle (out/main/index.js) under plain Node: the real Electron binary cannot
 * be fetched on the machines that run the tests. It implements only what main
 * uses, records every call that matters as a JSON line in STANDIN_RECORD, takes
 * its answers (dialog buttons, folders, the single-instance lock) from
 * STANDIN_SCRIPT, and takes commands on stdin, one JSON object a line, to act
 * as the user or the OS would: a second launch, quitting, an IPC call from the
 * page, a request to app://, a permission prompt.
 */
import fs from 'node:fs';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = JSON.parse(process.env.STANDIN_SCRIPT ?? '{}');
const recordFile = process.env.STANDIN_RECORD;
const record = (event, data = {}) => fs.appendFileSync(recordFile, `${JSON.stringify({ event, ...data })}\n`);
const dialogAnswers = [...(script.dialogAnswers ?? [])];
const folderAnswers = [...(script.folderAnswers ?? [])];

class App extends EventEmitter {
  isPackaged = script.isPackaged ?? true;
  #quitting = false;
  requestSingleInstanceLock() {
    const got = script.singleInstanceLock ?? true;
    record('app.requestSingleInstanceLock', { got });
    return got;
  }
  whenReady() {
    return new Promise((resolve) => setTimeout(resolve, 5)).then(() => record('app.ready'));
  }
  getPath(name) {
    return script.paths?.[name] ?? `/tmp/stand-in-${name}`;
  }
  getVersion() {
    return '0.1.0';
  }
  relaunch() {
    record('app.relaunch');
  }
  quit() {
    record('app.quit');
    const event = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    this.emit('before-quit', event);
    if (event.prevented) return record('app.quit-prevented');
    if (this.#quitting) return;
    this.#quitting = true;
    this.emit('will-quit', { preventDefault() {} });
    this.exit(0);
  }
  exit(code = 0) {
    record('app.exit', { code });
    setTimeout(() => process.exit(code), 20);
  }
}
export const app = new App();

const windows = [];
export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    const preload = options.webPreferences?.preload;
    record('BrowserWindow', { webPreferences: options.webPreferences, preloadExists: typeof preload === 'string' && fs.existsSync(preload) });
    this.webContents = Object.assign(new EventEmitter(), { setWindowOpenHandler() {} });
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    record('BrowserWindow.loadURL', { url });
    setTimeout(() => this.emit('ready-to-show'), 5);
  }
  show() {
    record('BrowserWindow.show');
  }
  focus() {
    record('BrowserWindow.focus');
  }
  restore() {
    record('BrowserWindow.restore');
  }
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  static getAllWindows() {
    return [...windows];
  }
  static getFocusedWindow() {
    return windows[0] ?? null;
  }
}

const handlers = new Map();
export const ipcMain = {
  handle(channel, handler) {
    handlers.set(channel, handler);
    record('ipcMain.handle', { channel });
  },
};

export const dialog = {
  async showMessageBox(options) {
    const answer = dialogAnswers.shift() ?? 'Quit';
    const response = Math.max(0, options.buttons?.indexOf(answer) ?? 0);
    record('dialog.showMessageBox', {
      type: options.type,
      title: options.title,
      message: options.message,
      detail: options.detail,
      buttons: options.buttons,
      answer,
    });
    return { response };
  },
  async showOpenDialog(...args) {
    const folder = folderAnswers.shift() ?? null;
    record('dialog.showOpenDialog', { title: (args.at(-1) ?? {}).title, folder });
    return folder ? { canceled: false, filePaths: [folder] } : { canceled: true, filePaths: [] };
  },
  showErrorBox(title, content) {
    record('dialog.showErrorBox', { title, content });
  },
};

const schemes = new Map();
export const protocol = {
  registerSchemesAsPrivileged(list) {
    record('protocol.registerSchemesAsPrivileged', { list });
  },
  handle(scheme, handler) {
    schemes.set(scheme, handler);
    record('protocol.handle', { scheme });
  },
};

export const net = {
  async fetch(url) {
    return new Response(fs.readFileSync(fileURLToPath(url)), { status: 200 });
  },
};

let permissionRequest = null;
export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler) {
      permissionRequest = handler;
      record('session.setPermissionRequestHandler');
    },
    setPermissionCheckHandler() {
      record('session.setPermissionCheckHandler');
    },
  },
};

export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu(template) {
    const summary = template.map((item) => ({
      label: item.label ?? null,
      role: item.role ?? null,
      submenu: (item.submenu ?? []).map((sub) => sub.role ?? sub.label ?? sub.type),
    }));
    record('Menu.setApplicationMenu', { menu: summary });
  },
};

/** Suspend and resume: main re-checks the scheduled reports on waking. */
export const powerMonitor = new EventEmitter();

export const shell = {
  async openPath(folder) {
    record('shell.openPath', { folder });
    return '';
  },
  showItemInFolder(file) {
    record('shell.showItemInFolder', { file });
  },
  async openExternal(url) {
    record('shell.openExternal', { url });
  },
};

/** What the test does, as the OS or the page would. */
async function perform(command) {
  switch (command.do) {
    case 'second-instance':
      return app.emit('second-instance', {}, [], '/');
    case 'quit':
      return app.quit();
    case 'invoke': {
      const handler = handlers.get(command.channel);
      const result = handler ? await handler({ senderFrame: { url: command.senderUrl } }, command.payload) : { missing: true };
      return record('ipc.result', { id: command.id, result });
    }
    case 'fetch': {
      const response = await schemes.get(command.scheme)({ url: command.url });
      return record('fetch.result', { id: command.id, status: response.status });
    }
    case 'permission':
      return permissionRequest({}, command.permission, (allowed) => record('permission.result', { id: command.id, allowed }));
  }
}
createInterface({ input: process.stdin }).on('line', (line) => void perform(JSON.parse(line)));
