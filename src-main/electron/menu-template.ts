import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { PRODUCT_NAME } from './app-origin';

export interface TenantMenuActions {
  newTenant(): void;
  openTenant(): void;
  openRecentTenant(file: string): void;
  clearRecentTenants(): void;
  exportTenant(): void;
  importTenant(): void;
  revealDataFolder(): void;
  showAbout(): void;
}

export interface MenuModel {
  platform: NodeJS.Platform;
  /** Most recent first; the first one is the tenant that is open now. */
  recentTenants: string[];
  activeTenant: string | null;
  /** Developer tools are offered only in a dev checkout. */
  isPackaged: boolean;
}

/** The application menu as data, so its contents can be checked without Electron. A tenant is a file, like a
 *  document: New / Open / Open Recent / Export / Import live in the File menu. */
export function buildMenuTemplate(model: MenuModel, actions: TenantMenuActions): MenuItemConstructorOptions[] {
  const isMac = model.platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] = model.recentTenants.map((file) => ({
    label: `${path.basename(file)} — ${path.dirname(file)}`,
    type: 'checkbox',
    checked: file === model.activeTenant,
    click: () => actions.openRecentTenant(file),
  }));

  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Tenant…', accelerator: 'CmdOrCtrl+N', click: () => actions.newTenant() },
      { label: 'Open Tenant…', accelerator: 'CmdOrCtrl+O', click: () => actions.openTenant() },
      {
        label: 'Open Recent',
        submenu: recentItems.length
          ? [...recentItems, { type: 'separator' }, { label: 'Clear Recent', click: () => actions.clearRecentTenants() }]
          : [{ label: 'No recent tenants', enabled: false }],
      },
      { type: 'separator' },
      { label: 'Export Tenant…', accelerator: 'CmdOrCtrl+Shift+E', click: () => actions.exportTenant() },
      { label: 'Import Tenant…', click: () => actions.importTenant() },
      { type: 'separator' },
      { label: isMac ? 'Reveal Data Folder in Finder' : 'Reveal Data Folder', click: () => actions.revealDataFolder() },
      ...(isMac ? [] : ([{ type: 'separator' }, { role: 'quit', label: 'Quit' }] as MenuItemConstructorOptions[])),
    ],
  };

  const aboutItem: MenuItemConstructorOptions = { label: `About ${PRODUCT_NAME}`, click: () => actions.showAbout() };

  const viewItems: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(model.isPackaged ? [] : ([{ role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];

  return [
    ...(isMac
      ? ([{ label: PRODUCT_NAME, submenu: [aboutItem, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit', label: `Quit ${PRODUCT_NAME}` }] }] as MenuItemConstructorOptions[])
      : []),
    fileMenu,
    // Copy/paste shortcuts only work in text fields when the Edit menu exists (macOS).
    { role: 'editMenu' },
    { label: 'View', submenu: viewItems },
    { role: 'windowMenu' },
    { role: 'help', submenu: [aboutItem] },
  ];
}
