#!/usr/bin/env node
// Regenerates docs/screenshots/*.png: starts `serve` on a throwaway tenant, seeds a light, realistic directory
// through the same doors a user has (the console's AdminApi bridge, real SCIM requests as an IdP sends them and
// signed OpenAPI calls as Alibaba's SDK sends them), then photographs each console page in Debian's Chromium.
// serve runs with a throwaway CLOUDSSO_LOCAL_HOME, so switching HTTPS on makes its local CA there and never in the
// user's real data folder.
//
//   npm run screenshots            (builds first when dist/ is missing)

/* global window, document -- the page.evaluate, waitForFunction and addInitScript callbacks run in the browser */
import RPCClient from '@alicloud/pop-core';
import { chromium } from '@playwright/test';
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

// People of a mid-sized company synchronized from its IdP, and a few local break-glass accounts.
const SYNCED_PEOPLE = [
  ['Wei', 'Zhang', 'Engineering'], ['Na', 'Li', 'Engineering'], ['Jun', 'Wang', 'Engineering'], ['Emily', 'Chen', 'Engineering'],
  ['Hao', 'Liu', 'Engineering'], ['Sophie', 'Müller', 'Engineering'], ['Ravi', 'Patel', 'Data-Platform'], ['Mei', 'Huang', 'Data-Platform'],
  ['Daniel', 'Kim', 'Data-Platform'], ['Yan', 'Zhao', 'Finance'], ['Laura', 'García', 'Finance'], ['Qiang', 'Wu', 'Finance'],
  ['Tom', 'Becker', 'Security'], ['Xiu', 'Zhou', 'Security'], ['Aiko', 'Tanaka', 'Sales-APAC'], ['Ming', 'Xu', 'Sales-APAC'],
  ['James', 'Ng', 'Sales-APAC'], ['Fang', 'Sun', 'Sales-APAC'], ['Olivia', 'Brown', 'Sales-EMEA'], ['Lukas', 'Schmidt', 'Sales-EMEA'],
  ['Jing', 'Ma', 'Operations'], ['Chloe', 'Martin', 'Operations'], ['Bo', 'Zhu', 'Operations'], ['Priya', 'Sharma', 'Operations'],
];
const MANUAL_PEOPLE = [
  { UserName: 'admin.breakglass', DisplayName: 'Break-glass Administrator', Description: 'Emergency access, kept outside the IdP.' },
  { UserName: 'ci.deployer', DisplayName: 'CI Deployer', Description: 'Service account for the release pipeline.' },
  { UserName: 'auditor.external', DisplayName: 'External Auditor', Email: 'audit@kpmg-partner.example.com' },
];

const slug = (first, last) => `${first}.${last}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

async function main() {
  ensureBuilt();
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's chromium (npm run setup:test) or set CHROMIUM_PATH.`);
  // Without a CJK font the Chinese pictures (and the language switch on every page) show empty boxes.
  if (!hasChineseFont()) throw new Error('No font with Chinese glyphs: install one first (Debian: apt-get install fonts-noto-cjk).');
  fs.mkdirSync(OUT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-screens-'));
  const server = await startServe(path.join(dir, 'tenant.sqlite'), path.join(dir, 'home'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const admin = adminClient(server.consoleUrl);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'en-US' });
    await context.addInitScript(() => window.localStorage.setItem('cloudsso-local.language', 'en'));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(server.consoleUrl);
    // A brand-new tenant first: the Overview's getting-started checklist.
    await page.getByText('Getting started').waitFor();
    await shot(page, 'overview-new-tenant');
    const seed = await seedTenant(admin, server.scimEndpoint);
    await shootPages(page, admin, seed, server.apiEndpoint);
    await context.close();
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function hasChineseFont() {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim() !== '';
  } catch {
    return true; // no fontconfig to ask (macOS): the system fonts cover Chinese
  }
}

function ensureBuilt() {
  const needed = ['dist/main/main-cli.js', 'dist/renderer/index.html'].map((file) => path.join(ROOT, file));
  if (needed.every((file) => fs.existsSync(file))) return;
  console.log('screenshots: building first (dist/ is missing)');
  execSync('npm run build --silent', { cwd: ROOT, stdio: 'inherit' });
}

async function startServe(dataFile, home) {
  const args = [path.join(ROOT, 'bin', 'cloudsso-local.js'), 'serve', '--data', dataFile, '--port', '0', '--accelerated-port', '0', '--console-port', '0', '--api-port', '0', '--json'];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CLOUDSSO_LOCAL_HOME: home } });
  const lines = readline.createInterface({ input: child.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before printing its endpoints`)));
  });
  lines.on('line', () => {});
  return { ...JSON.parse(first), child };
}

/** The console's own bridge, with the token from the printed console URL. */
function adminClient(consoleUrl) {
  const url = new URL(consoleUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  return async (channel, request) => {
    const response = await fetch(`${url.origin}/admin/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(request ?? {}) });
    const result = await response.json();
    if (!result.ok) throw new Error(`${channel}: ${result.error.Code} ${result.error.Message}`);
    return result.value;
  };
}

async function scim(base, secret, method, pathAndQuery, body, userAgent = 'Microsoft.Identity.Provisioning/1.0') {
  const response = await fetch(`${base}${pathAndQuery}`, {
    method,
    headers: { Authorization: `Bearer ${secret}`, 'User-Agent': userAgent, ...(body ? { 'Content-Type': 'application/scim+json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** What a script or Terraform does with an AccessKey: look around, create a user, ask for one that is not there. */
async function callOpenApi(apiEndpoint, accessKey) {
  const client = new RPCClient({ endpoint: apiEndpoint, apiVersion: '2021-05-15', accessKeyId: accessKey.AccessKeyId, accessKeySecret: accessKey.AccessKeySecret });
  const post = { method: 'POST' };
  const { Directories } = await client.request('ListDirectories', {}, post);
  const DirectoryId = Directories[0].DirectoryId;
  await client.request('ListUsers', { DirectoryId, MaxResults: 100 }, post);
  await client.request('ListGroups', { DirectoryId, MaxResults: 100 }, post);
  await client.request('CreateUser', { DirectoryId, UserName: 'terraform.reader', DisplayName: 'Terraform Reader', Description: 'Created through the OpenAPI.' }, post);
  await client.request('GetUser', { DirectoryId, UserId: 'u-00000000000000000000' }, post).catch(() => {});
}

async function seedTenant(admin, scimEndpoint) {
  await admin('directory.update', { DirectoryName: 'contoso-apac', Region: 'cn-shanghai' });
  await admin('settings.setAccelerated', { Status: 'Enabled' });
  const credential = await admin('credentials.create');
  await admin('settings.setSync', { Status: 'Enabled' });
  const secret = credential.CredentialSecret;

  // An Entra ID style first cycle: test connection, lookups, creates, then groups with members.
  await scim(scimEndpoint, secret, 'GET', `/Users?filter=${encodeURIComponent('userName eq "5d2b6c1e-9a1f-4c1e-8f53-8c9a2e1b7d40"')}`);
  const userIds = {};
  for (const [first, last, team] of SYNCED_PEOPLE) {
    const userName = `${slug(first, last)}@contoso.com`;
    await scim(scimEndpoint, secret, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    const created = await scim(scimEndpoint, secret, 'POST', '/Users', {
      schemas: [USER_SCHEMA], userName, externalId: crypto.randomUUID(), active: true,
      name: { givenName: first, familyName: last }, displayName: `${first} ${last}`,
      emails: [{ value: userName, type: 'work', primary: true }],
    });
    if (created.status !== 201) throw new Error(`SCIM POST /Users ${userName}: ${created.status} ${JSON.stringify(created.body)}`);
    (userIds[team] ??= []).push(created.body.id);
  }
  for (const [team, members] of Object.entries(userIds)) {
    const group = await scim(scimEndpoint, secret, 'POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: team, externalId: crypto.randomUUID(), members: [] });
    if (group.status !== 201) throw new Error(`SCIM POST /Groups ${team}: ${group.status} ${JSON.stringify(group.body)}`);
    await scim(scimEndpoint, secret, 'PATCH', `/Groups/${group.body.id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Add', path: 'members', value: members.map((value) => ({ value })) }] });
  }
  // What an admin comes to the Activity page for: a duplicate and a name CloudSSO refuses.
  await scim(scimEndpoint, secret, 'POST', '/Users', { schemas: [USER_SCHEMA], userName: 'wei.zhang@contoso.com', active: true });
  await scim(scimEndpoint, secret, 'POST', '/Users', { schemas: [USER_SCHEMA], userName: 'Zhang Wei (contractor)', active: true });
  await scim(scimEndpoint, secret, 'PATCH', `/Users/${userIds.Finance[2]}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
  await scim(scimEndpoint, 'expired-or-wrong-secret', 'GET', '/Users?startIndex=1&count=100', undefined, 'Okta SCIM Client 1.0.0');

  // Local accounts and a local group, created in the console.
  const manualIds = [];
  for (const person of MANUAL_PEOPLE) manualIds.push((await admin('users.create', person)).UserId);
  const platformAdmins = await admin('groups.create', { GroupName: 'Platform-Admins', Description: 'Local group for emergency administration.' });
  await admin('groups.addMembers', { GroupId: platformAdmins.GroupId, UserIds: [manualIds[0], manualIds[1]] });
  return { secret, firstSyncedUser: userIds.Engineering[0], engineeringGroupName: 'Engineering' };
}

async function go(page, hash) {
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  // No 'networkidle' here: the console keeps its live event stream open.
  await page.waitForTimeout(500);
}

async function shot(page, name) {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`screenshots: docs/screenshots/${name}.png`);
}

async function shootPages(page, admin, seed, apiEndpoint) {
  await go(page, '#/overview');
  await page.getByText('contoso-apac').first().waitFor();
  await shot(page, 'overview');

  await go(page, '#/settings/user');
  await page.getByText('SCIM-based User Synchronization Configuration').waitFor();
  await page.getByRole('row', { name: /scimcred-/ }).first().waitFor();
  await shot(page, 'settings');

  await page.getByRole('button', { name: 'Generate New SCIM Credential' }).click();
  await page.getByRole('dialog', { name: 'SCIM Credential Generated' }).waitFor();
  await shot(page, 'settings-credential-generated');
  await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  await go(page, '#/settings/global');
  await page.getByText('Accelerated Endpoint').first().waitFor();
  await shot(page, 'settings-global');

  await go(page, '#/users');
  await page.getByRole('row', { name: /wei\.zhang@contoso\.com/ }).waitFor();
  await shot(page, 'users');

  await go(page, `#/users/${seed.firstSyncedUser}`);
  await page.getByRole('button', { name: /Edit User/ }).waitFor();
  await page.locator('.locked-action', { hasText: 'Edit User' }).hover();
  await page.getByRole('tooltip').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, 'user-detail-locked.png') });
  console.log('screenshots: docs/screenshots/user-detail-locked.png');

  await go(page, '#/groups');
  await page.getByRole('row', { name: /Engineering/ }).waitFor();
  await shot(page, 'groups');

  await page.getByRole('link', { name: 'Engineering' }).click();
  await page.getByRole('tab', { name: 'Users' }).click();
  await page.getByRole('row', { name: /wei\.zhang/ }).waitFor();
  await shot(page, 'group-detail-users');

  await go(page, '#/activity');
  await page.getByTestId('activity-row').first().waitFor();
  await shot(page, 'activity');
  await page.getByRole('row', { name: /POST.*\/scim\/v2\/Users.*409/ }).first().click();
  await page.getByTestId('activity-response-body').waitFor();
  await shot(page, 'activity-detail');
  await page.keyboard.press('Escape');

  // The OpenAPI: one AccessKey in Settings, used by a script, and what that script did in Activity.
  await callOpenApi(apiEndpoint, await admin('accessKeys.create'));
  await go(page, '#/settings/user');
  await page.getByTestId('access-keys').getByRole('row', { name: /LTAI/ }).waitFor();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await shot(page, 'settings-access-keys');
  await go(page, '#/activity');
  await page.getByRole('combobox', { name: 'Source', exact: true }).click();
  await page.locator('.ant-select-item-option', { hasText: 'OpenAPI' }).click();
  await page.getByRole('row', { name: /CreateUser/ }).first().waitFor();
  await shot(page, 'activity-openapi');

  // Drift: sync off, an admin edits a synced user, then turns sync on again and reads the warning.
  await admin('settings.setSync', { Status: 'Disabled' });
  await admin('users.update', { UserId: seed.firstSyncedUser, DisplayName: 'Wei Zhang (on leave)' });
  await go(page, '#/settings/user');
  await page.getByRole('switch', { name: 'SCIM Synchronization' }).click();
  await page.getByTestId('drift-warning').waitFor();
  await shot(page, 'settings-sync-drift-warning');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  // Fault injection on: the header badge says so on every page.
  await admin('faults.set', { LatencyMs: 800, ThrottleRate: 0.1, RetryAfterSeconds: 5 }).catch((error) => console.warn(`screenshots: faults unavailable (${error.message})`));
  await go(page, '#/tools');
  await page.getByText('Fault Injection').first().waitFor();
  await shot(page, 'test-tools');
  await admin('faults.set', { LatencyMs: 0, ThrottleRate: 0, ServerErrorRate: 0, Paused: false }).catch(() => {});

  // The same console in Simplified Chinese.
  await page.getByText('中文').click();
  await go(page, '#/users');
  await page.getByRole('row', { name: /wei\.zhang@contoso\.com/ }).waitFor();
  await shot(page, 'users-zh-CN');
  await go(page, '#/settings/user');
  await page.getByText('基于SCIM的用户同步配置').waitFor();
  await shot(page, 'settings-zh-CN');
  await page.getByText('English').click();

  // The demo IdP mid-run: its progress bar and Cancel, then cancelled so the run does not outlive the picture.
  // The demo brings its own temporary credential, so it needs a free slot: drop the one generated above.
  await admin('settings.setSync', { Status: 'Enabled' });
  const credentials = await admin('credentials.list');
  await admin('credentials.delete', { CredentialId: credentials[credentials.length - 1].CredentialId });
  await go(page, '#/tools');
  await page.getByLabel('Users', { exact: true }).fill('3000');
  await page.getByLabel('Groups', { exact: true }).fill('60');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Cancel Run' }).waitFor();
  await page.waitForFunction(() => Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? 0) >= 5, null, { timeout: 30_000 });
  await shot(page, 'test-tools-demo-running');
  await admin('demo.cancel').catch(() => {});

  // HTTPS on: the endpoints turn https:// and the local CA (made in the throwaway home) can be downloaded.
  await page.waitForFunction(() => !document.querySelector('[role="progressbar"]'), null, { timeout: 30_000 }).catch(() => {});
  await admin('settings.setHttps', { Status: 'Enabled' });
  await go(page, '#/settings/global');
  await page.getByTestId('ca-fingerprint').waitFor();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await shot(page, 'settings-global-https');
}

main().catch((error) => {
  console.error(`screenshots: ${error.stack ?? error}`);
  process.exit(1);
});
