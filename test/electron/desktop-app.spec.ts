// The desktop app as a user meets it: launch, the Overview, copy the endpoint, generate a credential, and a
// web link that opens in the browser instead of replacing the console.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { desktopRuntime, projectDir } from './electron-runtime';

const runtime = desktopRuntime();
if (!runtime.available) console.log(`Electron suite skipped: ${runtime.reason}`);
test.skip(!runtime.available, runtime.available ? '' : runtime.reason);

let app: ElectronApplication;
let page: Page;
let home: string;

test.beforeAll(async () => {
  if (!runtime.available) return;
  // A data folder of its own: a fresh default tenant, and ephemeral ports so nothing else is disturbed.
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-electron-'));
  fs.writeFileSync(path.join(home, 'preferences.json'), JSON.stringify({ recentTenants: [], scimPort: 0, acceleratedPort: 0 }));
  app = await electron.launch({
    executablePath: runtime.electronPath,
    args: [projectDir],
    env: { ...process.env, CLOUDSSO_LOCAL_HOME: home },
  });
  page = await app.firstWindow();
  // Record what the app hands to the system browser instead of opening one.
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as Record<string, unknown>).openedExternally = opened;
    shell.openExternal = async (url: string) => void opened.push(url);
  });
});

test.afterAll(async () => {
  await app?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

test('launches into the Overview of the default tenant, in one hardened window', async () => {
  await expect(page.getByRole('heading', { name: 'Overview', exact: true })).toBeVisible();
  expect(page.url()).toMatch(/^app:\/\/cloudsso-local\//);
  expect(await page.title()).toBe('tenant.sqlite — CloudSSO Local');
  expect(app.windows()).toHaveLength(1);
  expect(fs.existsSync(path.join(home, 'tenant.sqlite'))).toBe(true);
  // The page sees the AdminApi and nothing of Node or Electron.
  const exposed = await page.evaluate(() => ({
    methods: Object.keys((window as unknown as Record<string, object>).cloudssoAdmin ?? {}).length,
    require: typeof (window as unknown as Record<string, unknown>).require,
    process: typeof (window as unknown as Record<string, unknown>).process,
  }));
  expect(exposed).toEqual({ methods: 33, require: 'undefined', process: 'undefined' });
});

test('copies the SCIM endpoint to the clipboard', async () => {
  await page.evaluate(() => {
    window.location.hash = '#/settings/user';
  });
  const endpoint = (await page.getByTestId('scim-endpoint').innerText()).trim();
  expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
  await page.getByRole('button', { name: 'Copy SCIM Endpoint', exact: true }).click();
  await expect(page.getByText('Copied')).toBeVisible();
  expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toBe(endpoint);
});

test('generates a SCIM credential and shows its secret once', async () => {
  await page.getByRole('button', { name: 'Generate New SCIM Credential' }).click();
  const dialog = page.getByRole('dialog', { name: 'SCIM Credential Generated' });
  const secret = (await dialog.getByTestId('once-secret').innerText()).trim();
  expect(secret.length).toBeGreaterThan(20);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('row', { name: /scimcred-/ })).toHaveCount(1);
});

test('an external link opens in the browser and the window stays on the console', async () => {
  const before = page.url();
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.href = 'https://www.alibabacloud.com/help/en/cloudsso/';
    link.textContent = 'CloudSSO documentation';
    link.id = 'external-link-probe';
    document.body.append(link);
  });
  await page.locator('#external-link-probe').click();
  await page.evaluate(() => window.open('https://example.com/', '_blank'));
  await expect.poll(() => app.evaluate(() => (globalThis as Record<string, unknown>).openedExternally)).toEqual([
    'https://www.alibabacloud.com/help/en/cloudsso/',
    'https://example.com/',
  ]);
  expect(page.url()).toBe(before);
  expect(app.windows()).toHaveLength(1);
});
