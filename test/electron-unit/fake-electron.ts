// A stand-in for the 'electron' module, recording what the main process asks of it. Enough of the API for
// dist/main/electron/main.js to run under plain Node (the real runtime cannot be installed here).
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  reloads = 0;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  reload(): void {
    this.reloads++;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export function createFakeElectron(paths: { appData: string; documents: string; appPath: string }) {
  const calls = {
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    appListeners: new Map<string, Listener[]>(),
    windows: [] as FakeBrowserWindow[],
    menus: [] as unknown[],
    quitCalls: 0,
    exitCodes: [] as number[],
    errorBoxes: [] as Array<[string, string]>,
    messageBoxes: [] as unknown[],
    saveDialogAnswers: [] as Array<{ canceled: boolean; filePath?: string }>,
    openDialogAnswers: [] as Array<{ canceled: boolean; filePaths: string[] }>,
    openedExternally: [] as string[],
    revealed: [] as string[],
    permissionHandlers: { request: null as Listener | null, check: null as Listener | null },
  };
  const overriddenPaths = new Map<string, string>();

  const app = {
    isPackaged: true,
    setName: () => undefined,
    getName: () => 'CloudSSO Local',
    getVersion: () => '0.1.0',
    getAppPath: () => paths.appPath,
    setPath: (name: string, value: string) => overriddenPaths.set(name, value),
    getPath: (name: string) => overriddenPaths.get(name) ?? (name === 'documents' ? paths.documents : name === 'appData' ? paths.appData : `${paths.appData}/${name}`),
    requestSingleInstanceLock: () => true,
    on: (event: string, listener: Listener) => {
      calls.appListeners.set(event, [...(calls.appListeners.get(event) ?? []), listener]);
      return app;
    },
    whenReady: () => Promise.resolve(),
    quit: () => {
      calls.quitCalls++;
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      for (const listener of calls.appListeners.get('before-quit') ?? []) listener(event);
      if (!event.defaultPrevented) calls.exitCodes.push(0);
    },
    exit: (code: number) => calls.exitCodes.push(code),
  };

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    title = '';
    destroyed = false;
    maximized = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      calls.windows.push(this);
      for (const listener of calls.appListeners.get('web-contents-created') ?? []) listener({}, this.webContents);
    }
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    setTitle(title: string): void {
      this.title = title;
    }
    maximize(): void {
      this.maximized = true;
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    isMinimized(): boolean {
      return false;
    }
    getNormalBounds() {
      return { x: 40, y: 30, width: 1111, height: 777 };
    }
    show(): void {}
    focus(): void {}
    restore(): void {}
  }

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => calls.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => calls.protocolHandlers.set(scheme, handler),
    },
    ipcMain: {
      handle: (channel: string, handler: Listener) => {
        if (calls.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        calls.ipcHandlers.set(channel, handler);
      },
      removeHandler: (channel: string) => calls.ipcHandlers.delete(channel),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (calls.permissionHandlers.request = handler),
        setPermissionCheckHandler: (handler: Listener) => (calls.permissionHandlers.check = handler),
      },
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => calls.menus.push(menu),
    },
    dialog: {
      showErrorBox: (title: string, content: string) => calls.errorBoxes.push([title, content]),
      showMessageBox: async (...args: unknown[]) => {
        calls.messageBoxes.push(args[args.length - 1]);
        return { response: 0 };
      },
      showSaveDialog: async () => calls.saveDialogAnswers.shift() ?? { canceled: true },
      showOpenDialog: async () => calls.openDialogAnswers.shift() ?? { canceled: true, filePaths: [] },
    },
    shell: {
      openExternal: async (url: string) => void calls.openedExternally.push(url),
      showItemInFolder: (file: string) => void calls.revealed.push(file),
      openPath: async (file: string) => {
        calls.revealed.push(file);
        return '';
      },
    },
  };
  return { electron, calls };
}
