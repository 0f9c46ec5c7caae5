import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutDetail } from '../../src-main/electron/about';
import { buildMenuTemplate, type TenantMenuActions } from '../../src-main/electron/menu-template';
import { exportFileNameFor, unusedTenantPath, windowTitleFor } from '../../src-main/electron/tenant-labels';

function actions(): TenantMenuActions & Record<string, ReturnType<typeof vi.fn>> {
  return {
    newTenant: vi.fn(),
    openTenant: vi.fn(),
    openRecentTenant: vi.fn(),
    clearRecentTenants: vi.fn(),
    exportTenant: vi.fn(),
    importTenant: vi.fn(),
    revealDataFolder: vi.fn(),
    showAbout: vi.fn(),
  };
}

function submenuOf(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label === label || item.role === label);
  expect(menu, `menu ${label}`).toBeDefined();
  return menu!.submenu as MenuItemConstructorOptions[];
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item!.click as () => void)();
}

const recent = ['/home/ana/.config/CloudSSO Local/tenant.sqlite', '/home/ana/tenants/staging.sqlite'];

describe('application menu', () => {
  it('offers the tenant-as-a-document commands in the File menu, each wired to its action', () => {
    const wired = actions();
    const file = submenuOf(buildMenuTemplate({ platform: 'linux', recentTenants: recent, activeTenant: recent[0]!, isPackaged: true }, wired), 'File');
    const byLabel = (label: string) => file.find((item) => item.label === label);
    for (const [label, action] of [
      ['New Tenant…', 'newTenant'],
      ['Open Tenant…', 'openTenant'],
      ['Export Tenant…', 'exportTenant'],
      ['Import Tenant…', 'importTenant'],
      ['Reveal Data Folder', 'revealDataFolder'],
    ] as const) {
      click(byLabel(label));
      expect(wired[action], label).toHaveBeenCalledTimes(1);
    }
    expect(file.find((item) => item.role === 'quit')?.label).toBe('Quit');
  });

  it('lists recent tenants, marks the open one, and opens the one clicked', () => {
    const wired = actions();
    const file = submenuOf(buildMenuTemplate({ platform: 'linux', recentTenants: recent, activeTenant: recent[0]!, isPackaged: true }, wired), 'File');
    const items = file.find((item) => item.label === 'Open Recent')!.submenu as MenuItemConstructorOptions[];
    expect(items.slice(0, 2).map((item) => [item.label, item.checked])).toEqual([
      ['tenant.sqlite — /home/ana/.config/CloudSSO Local', true],
      ['staging.sqlite — /home/ana/tenants', false],
    ]);
    click(items[1]);
    expect(wired.openRecentTenant).toHaveBeenCalledWith('/home/ana/tenants/staging.sqlite');
    click(items.find((item) => item.label === 'Clear Recent'));
    expect(wired.clearRecentTenants).toHaveBeenCalled();
  });

  it('shows a disabled placeholder when there is nothing recent', () => {
    const file = submenuOf(buildMenuTemplate({ platform: 'win32', recentTenants: [], activeTenant: null, isPackaged: true }, actions()), 'File');
    expect(file.find((item) => item.label === 'Open Recent')!.submenu).toEqual([{ label: 'No recent tenants', enabled: false }]);
  });

  it('has Help → About, which shows the versions', () => {
    const wired = actions();
    const help = submenuOf(buildMenuTemplate({ platform: 'linux', recentTenants: [], activeTenant: null, isPackaged: true }, wired), 'help');
    click(help.find((item) => item.label === 'About CloudSSO Local'));
    expect(wired.showAbout).toHaveBeenCalled();
  });

  it('follows macOS conventions: app menu first with About and Quit, no Quit in File', () => {
    const template = buildMenuTemplate({ platform: 'darwin', recentTenants: [], activeTenant: null, isPackaged: true }, actions());
    expect(template[0]!.label).toBe('CloudSSO Local');
    const appMenu = template[0]!.submenu as MenuItemConstructorOptions[];
    expect(appMenu.map((item) => item.label ?? item.role)).toEqual(expect.arrayContaining(['About CloudSSO Local', 'Quit CloudSSO Local']));
    expect(submenuOf(template, 'File').some((item) => item.role === 'quit')).toBe(false);
  });

  it('offers developer tools only outside a packaged app', () => {
    const roles = (isPackaged: boolean) =>
      submenuOf(buildMenuTemplate({ platform: 'linux', recentTenants: [], activeTenant: null, isPackaged }, actions()), 'View').map((item) => item.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });
});

describe('About box and labels', () => {
  it('names the app, runtime versions, the tenant file and the endpoint', () => {
    const text = aboutDetail({
      appVersion: '0.1.0',
      versions: { electron: '41.7.1', chrome: '146.0.0.0', node: '24.1.0', v8: '14.6' },
      tenantFile: '/data/tenant.sqlite',
      scimEndpoint: 'http://127.0.0.1:8787/scim/v2',
    });
    for (const expected of ['CloudSSO Local 0.1.0', 'Electron 41.7.1', 'Chromium 146.0.0.0', 'Node.js 24.1.0', 'V8 14.6', '/data/tenant.sqlite', 'http://127.0.0.1:8787/scim/v2']) {
      expect(text).toContain(expected);
    }
  });

  it('titles the window after the open tenant', () => {
    expect(windowTitleFor('/x/staging.sqlite')).toBe('staging.sqlite — CloudSSO Local');
    expect(windowTitleFor(null)).toBe('CloudSSO Local');
  });

  it('suggests export and new-tenant names that do not overwrite anything', () => {
    expect(exportFileNameFor('/x/staging.sqlite', new Date('2026-11-28T12:00:00Z'))).toBe('staging-export-2026-11-28.sqlite');
    const taken = new Set(['/d/tenant.sqlite', '/d/tenant-2.sqlite']);
    expect(unusedTenantPath('/d', (file) => taken.has(file))).toBe('/d/tenant-3.sqlite');
    expect(unusedTenantPath('/empty', () => false)).toBe('/empty/tenant.sqlite');
  });
});
