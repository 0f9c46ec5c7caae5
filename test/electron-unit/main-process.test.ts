// Runs the compiled main process under Node with a fake 'electron' module and a real server on a temporary
// tenant: the wiring (IPC handlers per channel, the app protocol, the menu, tenant switching, clean quit) is
// exercised end to end, everything except Electron itself.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_CHANNELS, IPC_CHANGE_CHANNEL, IPC_INVOKE_PREFIX } from '../../src-main/admin/contract';
import { loadMainProcess, until, type LoadedMainProcess } from './load-main-process';

let main: LoadedMainProcess;
let calls: LoadedMainProcess['calls'];

const window = () => calls.windows[0]!;
function fromWindow(frameUrl = 'app://cloudsso-local/index.html#/overview') {
  return { sender: { id: window().webContents.id }, senderFrame: { url: frameUrl, parent: null } };
}
async function invoke(channel: string, request?: unknown, event = fromWindow()): Promise<{ ok: boolean; value?: never; error?: { Code: string } }> {
  const handler = calls.ipcHandlers.get(IPC_INVOKE_PREFIX + channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return (await handler(event, request)) as { ok: boolean; value?: never };
}
function clickFileMenu(label: string): void {
  const template = calls.menus.at(-1) as Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }>;
  template.find((item) => item.label === 'File')!.submenu!.find((item) => item.label === label)!.click!();
}
function recentTenants(): string[] {
  return (JSON.parse(fs.readFileSync(path.join(main.userData, 'preferences.json'), 'utf8')) as { recentTenants: string[] }).recentTenants;
}

beforeAll(async () => {
  // Ephemeral ports, so the test never collides with a running CloudSSO Local.
  main = loadMainProcess('main-process', { recentTenants: [], scimPort: 0, acceleratedPort: 0 });
  calls = main.calls;
  await until(() => calls.windows.length > 0 && calls.menus.length > 0, 'the window');
}, 120_000);

afterAll(() => main?.cleanUp());

describe('the main process, run with a fake Electron', () => {
  it('registers the app:// scheme as privileged before ready, and one IPC handler per AdminApi channel', () => {
    expect(calls.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect([...calls.ipcHandlers.keys()].sort()).toEqual(ADMIN_CHANNELS.map((channel) => IPC_INVOKE_PREFIX + channel).sort());
  });

  it('opens the default tenant in the per-user data folder and remembers it', () => {
    const tenant = path.join(main.home, 'tenant.sqlite');
    expect(fs.existsSync(tenant)).toBe(true);
    expect(recentTenants()).toEqual([tenant]);
    expect(window().title).toBe('tenant.sqlite — CloudSSO Local');
  });

  it('opens one hardened window on the app origin, with the compiled preload', () => {
    const preferences = window().options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(preferences.preload).toBe(path.join(main.outDir, 'electron', 'preload.js'));
    expect(fs.existsSync(preferences.preload as string)).toBe(true);
    expect(window().loadedUrl).toBe('app://cloudsso-local/index.html');
    expect(calls.windows).toHaveLength(1);
  });

  it('answers the console over IPC from the real server, whose SCIM endpoint is listening', async () => {
    const overview = await invoke('overview.get');
    expect(overview.ok).toBe(true);
    const endpoint = (overview as unknown as { value: { Endpoints: { SCIMEndpoint: string } } }).value.Endpoints.SCIMEndpoint;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    const answer = await fetch(`${endpoint}/ServiceProviderConfig`);
    expect(answer.status).toBe(200);
  });

  it('generates a credential and tells the window what changed', async () => {
    const before = window().webContents.sent.length;
    const created = await invoke('credentials.create');
    expect(created.ok).toBe(true);
    await until(() => window().webContents.sent.length > before, 'a change event');
    const events = window().webContents.sent.slice(before);
    expect(events.every((event) => event.channel === IPC_CHANGE_CHANNEL)).toBe(true);
    expect(events.flatMap((event) => (event.payload as { Topics: string[] }).Topics)).toContain('credentials');
  });

  it('offers the demo IdP, as the headless mode does', async () => {
    const progress = (await invoke('demo.progress')) as unknown as { ok: boolean; value: { Phase: string } };
    expect(progress.ok).toBe(true);
    expect(progress.value.Phase).not.toBe('unavailable');
  });

  it('refuses IPC from a page that is not the app, or from a subframe', async () => {
    await expect(invoke('credentials.create', undefined, fromWindow('https://evil.example/'))).rejects.toThrow(/Refused/);
    const subframe = { sender: { id: window().webContents.id }, senderFrame: { url: 'app://cloudsso-local/index.html', parent: {} } };
    await expect(invoke('credentials.list', undefined, subframe as never)).rejects.toThrow(/Refused/);
  });

  it('serves the console on app:// with the CSP, and refuses traversal', async () => {
    const serve = calls.protocolHandlers.get('app')!;
    const page = await serve(new Request('app://cloudsso-local/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    // URL parsing already folds %2e%2e into '..' and resolves it inside the origin: nothing outside is served.
    expect((await serve(new Request('app://cloudsso-local/%2e%2e/%2e%2e/package.json'))).status).toBe(404);
    // What survives parsing reaches the containment check, which refuses it.
    expect((await serve(new Request('app://cloudsso-local/..%2f..%2f..%2fpackage.json'))).status).toBe(403);
    expect((await serve(new Request('app://cloudsso-local/%252e%252e/package.json'))).status).toBe(403);
    expect((await serve(new Request('app://cloudsso-local/missing.js'))).status).toBe(404);
  });

  it('keeps the window on the app and sends web links to the browser', () => {
    const contents = window().webContents;
    const navigation = { defaultPrevented: false, preventDefault: () => (navigation.defaultPrevented = true) };
    contents.emit('will-navigate', navigation, 'https://www.alibabacloud.com/help/en/cloudsso');
    expect(navigation.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(calls.openedExternally).toEqual(['https://www.alibabacloud.com/help/en/cloudsso', 'https://example.com/']);
  });

  it('builds the File menu with the tenant commands', () => {
    const template = calls.menus.at(-1) as Array<{ label?: string; submenu?: Array<{ label?: string }> }>;
    const file = template.find((item) => item.label === 'File')!;
    expect(file.submenu!.map((item) => item.label).filter(Boolean)).toEqual(
      expect.arrayContaining(['New Tenant…', 'Open Tenant…', 'Open Recent', 'Export Tenant…', 'Import Tenant…', 'Reveal Data Folder', 'Quit']),
    );
  });

  it('File › New Tenant… restarts the server on the new file and reloads the window', async () => {
    const file = path.join(main.scratch, 'tenants', 'second.sqlite');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    calls.saveDialogAnswers.push({ canceled: false, filePath: file });
    const reloads = window().webContents.reloads;
    clickFileMenu('New Tenant…');
    await until(() => window().webContents.reloads > reloads, 'the reload');
    expect(fs.existsSync(file)).toBe(true);
    expect(recentTenants()[0]).toBe(file);
    expect(window().title).toBe('second.sqlite — CloudSSO Local');
    // The new tenant is empty: the credential created earlier belongs to the first one.
    const credentials = (await invoke('credentials.list')) as unknown as { ok: boolean; value: unknown[] };
    expect(credentials).toMatchObject({ ok: true, value: [] });
  });

  it('File › Export Tenant… writes a copy of the open tenant', async () => {
    const target = path.join(main.scratch, 'export.sqlite');
    calls.saveDialogAnswers.push({ canceled: false, filePath: target });
    clickFileMenu('Export Tenant…');
    await until(() => calls.revealed.includes(target), 'the export');
    expect(fs.readFileSync(target).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  });

  it('File › Open Tenant… on a file that is not a tenant says so and keeps the open tenant', async () => {
    const notATenant = path.join(main.scratch, 'notes.sqlite');
    fs.writeFileSync(notATenant, 'shopping list: milk, eggs');
    const openBefore = window().title;
    const boxes = calls.messageBoxes.length;
    calls.openDialogAnswers.push({ canceled: false, filePaths: [notATenant] });
    clickFileMenu('Open Tenant…');
    await until(() => calls.messageBoxes.length > boxes, 'the error message');
    expect(calls.messageBoxes.at(-1)).toMatchObject({ type: 'error', title: 'Could not open notes.sqlite' });
    expect(fs.readFileSync(notATenant, 'utf8')).toBe('shopping list: milk, eggs'); // left untouched
    expect(window().title).toBe(openBefore);
    expect((await invoke('overview.get')).ok).toBe(true);
  });

  it('File › Import Tenant… replaces the open tenant with the file, after confirmation, keeping a backup', async () => {
    const created = await invoke('users.create', { UserName: 'li.wei@example.com', DisplayName: 'Li Wei' });
    expect(created.ok).toBe(true);
    const withUser = path.join(main.scratch, 'with-user.sqlite');
    calls.saveDialogAnswers.push({ canceled: false, filePath: withUser });
    clickFileMenu('Export Tenant…');
    await until(() => calls.revealed.includes(withUser), 'the export');

    const empty = path.join(main.scratch, 'tenants', 'third.sqlite');
    calls.saveDialogAnswers.push({ canceled: false, filePath: empty });
    clickFileMenu('New Tenant…');
    await until(() => window().title === 'third.sqlite — CloudSSO Local', 'the new tenant');
    expect((await invoke('users.list', {})) as unknown).toMatchObject({ ok: true, value: { Items: [] } });

    const boxes = calls.messageBoxes.length;
    calls.openDialogAnswers.push({ canceled: false, filePaths: [withUser] });
    clickFileMenu('Import Tenant…'); // the fake dialog confirms with its first button, "Import"
    await until(() => calls.messageBoxes.length >= boxes + 2, 'the confirmation and the summary');
    expect(calls.messageBoxes[boxes]).toMatchObject({ type: 'question', buttons: ['Import', 'Cancel'] });
    expect(calls.messageBoxes[boxes + 1]).toMatchObject({ message: 'Imported 1 users and 0 groups.' });
    const users = (await invoke('users.list', {})) as unknown as { ok: boolean; value: { Items: Array<{ UserName: string }> } };
    expect(users.value.Items.map((user) => user.UserName)).toEqual(['li.wei@example.com']);
    expect(fs.readdirSync(path.dirname(empty)).some((name) => name.startsWith('third.sqlite.backup-'))).toBe(true);
  });

  it('File › Reveal Data Folder shows the open tenant file in the file manager', () => {
    clickFileMenu('Reveal Data Folder');
    expect(calls.revealed.at(-1)).toBe(path.join(main.scratch, 'tenants', 'third.sqlite'));
  });

  it('Help › About shows the versions, the tenant file and the SCIM endpoint', async () => {
    const template = calls.menus.at(-1) as Array<{ role?: string; submenu?: Array<{ label?: string; click?: () => void }> }>;
    const boxes = calls.messageBoxes.length;
    template.find((item) => item.role === 'help')!.submenu!.find((item) => item.label === 'About CloudSSO Local')!.click!();
    await until(() => calls.messageBoxes.length > boxes, 'the About box');
    const detail = (calls.messageBoxes.at(-1) as { detail: string }).detail;
    expect(detail).toContain('CloudSSO Local 0.1.0');
    expect(detail).toContain(`Node.js ${process.versions.node}`);
    expect(detail).toContain(`Tenant file: ${path.join(main.scratch, 'tenants', 'third.sqlite')}`);
    expect(detail).toMatch(/SCIM endpoint: http:\/\/127\.0\.0\.1:\d+\/scim\/v2/);
  });

  it('Quit waits for the tenant to close: the SCIM endpoint stops listening before the app exits', async () => {
    const overview = (await invoke('overview.get')) as unknown as { value: { Endpoints: { SCIMEndpoint: string } } };
    const endpoint = overview.value.Endpoints.SCIMEndpoint;
    main.electron.app.quit();
    expect(calls.exitCodes).toEqual([]); // the first quit is held back while the server closes
    await until(() => calls.exitCodes.includes(0), 'the quit to complete');
    await expect(fetch(`${endpoint}/ServiceProviderConfig`)).rejects.toThrow();
    expect(await invoke('overview.get')).toMatchObject({ ok: false, error: { Code: 'Precondition' } });
  });

  it('remembers the window bounds when it closes', () => {
    window().emit('close');
    const saved = JSON.parse(fs.readFileSync(path.join(main.userData, 'window-state.json'), 'utf8'));
    expect(saved).toEqual({ x: 40, y: 30, width: 1111, height: 777, maximized: false });
  });
});
