// The desktop app's main process: one window, one hosted tenant, a menu of tenant files.
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { IPC_CHANGE_CHANNEL, type ChangeEvent } from '../admin/contract';
import { aboutDetail } from './about';
import { registerAdminHandlers } from './admin-ipc';
import { APP_SCHEME_PRIVILEGES, handleAppProtocol } from './app-protocol';
import { PRODUCT_NAME } from './app-origin';
import { createAppWindow } from './app-window';
import {
  DEFAULT_ACCELERATED_PORT,
  DEFAULT_API_PORT,
  DEFAULT_SCIM_PORT,
  defaultTenantPath,
  demoIdp,
  exportTenant,
  importTenant,
  startServer,
  type RunningServer,
  userDataDir,
} from './core-bindings';
import { openExternalLink } from './external-links';
import { readJsonFile, writeJsonFile } from './json-file';
import { buildMenuTemplate } from './menu-template';
import { chooseSqliteBinding, useSqliteAddon } from './native-binding';
import { findFreePort, type PortChoice, type PortConflict } from './port-recovery';
import { forgetTenant, parsePreferences, rememberTenant, type Preferences } from './preferences';
import { applySessionSecurity, guardAllWebContents } from './security';
import { TenantHost } from './tenant-host';
import { exportFileNameFor, TENANT_FILE_FILTERS, unusedTenantPath, windowTitleFor } from './tenant-labels';

// Before 'ready': the app:// scheme must be privileged, and userData must be the very folder the headless mode
// uses (same rules, including CLOUDSSO_LOCAL_HOME), so both open the same default tenant.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.setName(PRODUCT_NAME);
app.setPath('userData', userDataDir());

const rendererDir = path.join(__dirname, '..', '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.js');
const preferencesFile = path.join(app.getPath('userData'), 'preferences.json');
const windowStateFile = path.join(app.getPath('userData'), 'window-state.json');

let mainWindow: BrowserWindow | null = null;
let preferences: Preferences = parsePreferences(readJsonFile(preferencesFile));

function savePreferences(next: Preferences): void {
  preferences = next;
  try {
    writeJsonFile(preferencesFile, preferences);
  } catch (error) {
    console.error('Could not save preferences:', error);
  }
  refreshMenu();
}

const openInBrowser = (url: string): void => {
  void openExternalLink(url, (safeUrl) => shell.openExternal(safeUrl)).catch((error) => console.error(error));
};

const host = new TenantHost<RunningServer>(
  {
    startServer: (tenantFile, ports) =>
      startServer({ dataFile: tenantFile, consolePort: null, port: ports.scimPort, acceleratedPort: ports.acceleratedPort, apiPort: ports.apiPort, demo: demoIdp, sqliteAddon }),
    askAboutPortConflict,
    rememberPorts: (ports) => savePreferences({ ...preferences, ...ports }),
    forwardChange: (event: ChangeEvent) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_CHANGE_CHANNEL, event);
    },
  },
  // The server's defaults spelled out, so a conflict can be matched to the listener that hit it.
  { scimPort: preferences.scimPort ?? DEFAULT_SCIM_PORT, acceleratedPort: preferences.acceleratedPort ?? DEFAULT_ACCELERATED_PORT, apiPort: preferences.apiPort ?? DEFAULT_API_PORT },
);

async function askAboutPortConflict(conflict: PortConflict): Promise<PortChoice> {
  const busy = conflict.port;
  const free = await findFreePort((busy ?? 8000) + 1);
  const listenerName = { scim: 'SCIM endpoint', accelerated: 'accelerated SCIM endpoint', api: 'OpenAPI endpoint' }[conflict.listener];
  const buttons = [...(free !== null ? [`Use port ${free}`] : []), 'Try Again', 'Quit'];
  const options = {
    type: 'warning' as const,
    title: 'Port in use',
    message: `Port ${busy ?? '(unknown)'} is already in use`,
    detail:
      `The ${listenerName} needs a port of its own, and another program is listening on this one ` +
      `(perhaps CloudSSO Local started from the command line). The port you pick is remembered; ` +
      `if it changes, update the SCIM endpoint in your identity provider.`,
    buttons,
    defaultId: 0,
    cancelId: buttons.length - 1,
    noLink: true,
  };
  const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
  const label = buttons[response];
  if (free !== null && label === `Use port ${free}`) return { action: 'use', port: free };
  if (label === 'Try Again') return { action: 'retry' };
  return { action: 'quit' };
}

function showError(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (mainWindow) void dialog.showMessageBox(mainWindow, { type: 'error', title, message: title, detail: message });
  else dialog.showErrorBox(title, message);
}

function refreshMenu(): void {
  const template = buildMenuTemplate(
    { platform: process.platform, recentTenants: preferences.recentTenants, activeTenant: host.tenantFile, isPackaged: app.isPackaged },
    tenantActions,
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  mainWindow?.setTitle(windowTitleFor(host.tenantFile));
}

/** Opens a tenant file in place of the current one, then reloads the console on it. */
async function switchTenant(file: string): Promise<void> {
  try {
    const outcome = await host.switchTo(file);
    if (outcome === 'quit') return app.quit();
    savePreferences(rememberTenant(preferences, file));
    mainWindow?.webContents.reload();
  } catch (error) {
    if (!fs.existsSync(file)) savePreferences(forgetTenant(preferences, file));
    showError(`Could not open ${path.basename(file)}`, error);
    refreshMenu();
  }
}

type ImportSummary = Awaited<ReturnType<typeof importTenant>>;

const dataFolder = (): string => path.dirname(host.tenantFile ?? defaultTenantPath());

const tenantActions = {
  newTenant: async () => {
    const result = await dialog.showSaveDialog(mainWindow!, {
      title: 'New Tenant',
      buttonLabel: 'Create',
      defaultPath: unusedTenantPath(dataFolder(), fs.existsSync),
      filters: TENANT_FILE_FILTERS,
    });
    if (result.canceled || !result.filePath) return;
    if (fs.existsSync(result.filePath)) {
      // A new tenant must never overwrite an existing one; opening it is a different, explicit action.
      showError('That file already exists', new Error(`Choose a new name, or use File › Open Tenant… to open ${result.filePath}.`));
      return;
    }
    await switchTenant(result.filePath);
  },
  openTenant: async () => {
    const result = await dialog.showOpenDialog(mainWindow!, {
      title: 'Open Tenant',
      defaultPath: dataFolder(),
      properties: ['openFile'],
      filters: TENANT_FILE_FILTERS,
    });
    if (result.canceled || result.filePaths.length === 0) return;
    await switchTenant(result.filePaths[0]!);
  },
  openRecentTenant: (file: string) => void switchTenant(file),
  clearRecentTenants: () => savePreferences({ ...preferences, recentTenants: host.tenantFile ? [host.tenantFile] : [] }),
  exportTenant: async () => {
    const active = host.tenantFile;
    if (!active) return;
    const result = await dialog.showSaveDialog(mainWindow!, {
      title: 'Export Tenant',
      buttonLabel: 'Export',
      defaultPath: path.join(app.getPath('documents'), exportFileNameFor(active, new Date())),
      filters: TENANT_FILE_FILTERS,
    });
    if (result.canceled || !result.filePath) return;
    try {
      // An online backup through the open tenant: consistent even while an IdP is writing.
      await exportTenant(host.server?.tenant ?? active, result.filePath);
      shell.showItemInFolder(result.filePath);
    } catch (error) {
      showError('Export failed', error);
    }
  },
  importTenant: async () => {
    const active = host.tenantFile;
    if (!active) return;
    const result = await dialog.showOpenDialog(mainWindow!, {
      title: 'Import Tenant',
      buttonLabel: 'Import',
      properties: ['openFile'],
      filters: TENANT_FILE_FILTERS,
    });
    if (result.canceled || result.filePaths.length === 0) return;
    const source = result.filePaths[0]!;
    const confirm = await dialog.showMessageBox(mainWindow!, {
      type: 'question',
      title: 'Import Tenant',
      message: `Replace ${path.basename(active)} with the contents of ${path.basename(source)}?`,
      detail: 'The current tenant is backed up next to it first. The SCIM server restarts on the imported data.',
      buttons: ['Import', 'Cancel'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (confirm.response !== 0) return;
    const imported = { summary: null as ImportSummary | null };
    try {
      const outcome = await host.withTenantClosed(async (tenantFile) => {
        imported.summary = await importTenant(source, tenantFile);
      });
      if (outcome === 'quit') return app.quit();
    } catch (error) {
      showError('Import failed', error);
    }
    mainWindow?.webContents.reload();
    const done = imported.summary;
    if (done && mainWindow) {
      void dialog.showMessageBox(mainWindow, {
        type: 'info',
        title: 'Import Tenant',
        message: `Imported ${done.users} users and ${done.groups} groups.`,
        detail: done.backupFile ? `The previous tenant was saved as ${done.backupFile}.` : undefined,
      });
    }
  },
  revealDataFolder: () => {
    const active = host.tenantFile;
    if (active) shell.showItemInFolder(active);
    else void shell.openPath(dataFolder());
  },
  showAbout: () => {
    const detail = aboutDetail({
      appVersion: app.getVersion(),
      versions: process.versions,
      tenantFile: host.tenantFile,
      scimEndpoint: host.server?.scimEndpoint ?? null,
    });
    const options = { type: 'info' as const, title: `About ${PRODUCT_NAME}`, message: PRODUCT_NAME, detail, buttons: ['OK'] };
    if (mainWindow) void dialog.showMessageBox(mainWindow, options);
    else void dialog.showMessageBox(options);
  },
};

/** The separate Electron build of better-sqlite3 when a dev checkout uses one (the server's checkpoint worker
 *  loads it too); undefined in a packaged app, whose bundled addon is already Electron's. */
let sqliteAddon: string | undefined;

/** The better-sqlite3 build matching Electron's ABI (docs/desktop.md). False when it is missing. */
function selectSqliteBinding(): boolean {
  const choice = chooseSqliteBinding({ isPackaged: app.isPackaged, appPath: app.getAppPath() });
  if (choice.kind === 'separate-build') {
    useSqliteAddon(choice.file);
    sqliteAddon = path.resolve(choice.file);
  }
  if (choice.kind !== 'missing') return true;
  dialog.showErrorBox(
    'better-sqlite3 is not built for Electron',
    `The desktop app needs an Electron build of better-sqlite3 at ${choice.expected}. ` +
      'Run `npm run rebuild:electron-native` once (it downloads Electron’s headers), or use `npm run serve` for the headless console.',
  );
  return false;
}

async function startApp(): Promise<void> {
  if (!selectSqliteBinding()) return app.exit(1);

  applySessionSecurity(session.defaultSession);
  handleAppProtocol(protocol, rendererDir);
  registerAdminHandlers({
    ipcMain,
    currentDispatcher: () => host.server,
    appWebContentsId: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null),
  });

  const firstTenant = preferences.recentTenants.find((file) => fs.existsSync(file)) ?? defaultTenantPath();
  try {
    if ((await host.switchTo(firstTenant)) === 'quit') return app.quit();
  } catch (error) {
    dialog.showErrorBox(`Could not open ${firstTenant}`, error instanceof Error ? error.message : String(error));
    return app.exit(1);
  }
  savePreferences(rememberTenant(preferences, firstTenant));

  const icon = path.join(__dirname, '..', '..', '..', 'assets', 'icon.png');
  mainWindow = createAppWindow(windowStateFile, preloadPath, fs.existsSync(icon) ? icon : undefined);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  refreshMenu();
}

let shutdown: 'running' | 'closing' | 'closed' = 'running';

/** Quit waits for the tenant to close: the SCIM server stops and the database is checkpointed. */
app.on('before-quit', (event) => {
  if (shutdown === 'closed') return;
  event.preventDefault();
  if (shutdown === 'closing') return;
  shutdown = 'closing';
  host
    .close()
    .catch((error) => console.error('Closing the tenant failed:', error))
    .finally(() => {
      shutdown = 'closed';
      app.quit();
    });
});

if (!app.requestSingleInstanceLock()) {
  // Another copy is running on the same data: it gets focus (below) and this one leaves.
  app.exit(0);
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  guardAllWebContents(app, openInBrowser);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app.whenReady().then(startApp, (error) => {
    console.error(error);
    app.exit(1);
  });
}
