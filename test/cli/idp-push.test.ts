// `cloudsso-local idp push`, run as a user runs it: the built bin in a child process, against a real server.
// The product is compiled into a private folder first, so the test never races another build of dist/.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDirectory } from '../../src-main/idp/directory-generator';
import { startHarness, type ScimHarness } from '../support/scim-harness';
import { sharedHome } from '../support/tls-fixtures';

const root = path.resolve(__dirname, '..', '..');
// Inside node_modules so the compiled files resolve the product's dependencies.
const buildDir = path.join(root, 'node_modules', '.cache', `idp-push-test-${process.pid}`);
const bin = path.join(buildDir, 'bin', 'cloudsso-local.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const runCli = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });

beforeAll(() => {
  fs.rmSync(buildDir, { recursive: true, force: true });
  // Type errors elsewhere in the tree must not stop the emit; the CLI's own files are type-checked separately.
  spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.main.json'), '--outDir', path.join(buildDir, 'dist', 'main')], { encoding: 'utf8' });
  fs.mkdirSync(path.join(buildDir, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(root, 'bin', 'cloudsso-local.js'), bin);
  if (!fs.existsSync(path.join(buildDir, 'dist', 'main', 'main-cli.js'))) throw new Error('the CLI did not compile');
}, 120_000);

afterAll(() => fs.rmSync(buildDir, { recursive: true, force: true }));

describe('idp push (built CLI)', () => {
  let h: ScimHarness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(async () => h.close());

  it('provisions the requested users, groups and memberships and prints a summary', async () => {
    const res = await runCli(['idp', 'push', '--endpoint', h.base, '--token', h.secret, '--users', '150', '--groups', '10', '--concurrency', '3', '--seed', '4']);
    expect(res.code, res.stderr).toBe(0);
    const stats = h.server.tenant.statistics();
    expect(stats).toMatchObject({ SynchronizedUserCount: 150, SynchronizedGroupCount: 10 });
    const allStaff = h.server.tenant.groups.list({ GroupNameEq: 'All-Staff' }).Items[0]!;
    expect(allStaff.MemberCount).toBe(150);
    expect(res.stdout).toMatch(/Users:\s+150 created, 0 already there/);
    expect(res.stdout).toMatch(/Groups:\s+10 created/);
    expect(res.stdout).toMatch(/Failed:\s+0/);
    expect(res.stdout).toMatch(/\d+ req\/s/);
    // not a terminal: plain progress lines, no carriage returns
    expect(res.stderr).toMatch(/Creating users: \d+\/\d+/);
    expect(res.stderr).not.toContain('\r');
  });

  it('--json gives a machine-readable summary, and --replay-day okta changes the directory as Okta would', async () => {
    const res = await runCli(['idp', 'push', '--endpoint', h.base, '--users', '40', '--groups', '6', '--replay-day', 'okta', '--json'], { SCIM_TOKEN: h.secret });
    expect(res.code, res.stderr).toBe(0);
    const summary = JSON.parse(res.stdout.trim());
    expect(summary).toMatchObject({ usersCreated: 40, groupsCreated: 6, created: 46, failed: 0, cancelled: false });
    expect(summary.dayChanges).toBeGreaterThanOrEqual(6);
    expect(summary.requests).toBeGreaterThan(80);
    expect(h.server.tenant.users.list({ Status: 'Disabled' }).TotalCount).toBe(2);
    expect(h.server.tenant.statistics().GroupCount).toBe(5);
  });

  it('stops after a failed Test Connection (refused token, sync off) without sending anything else', async () => {
    h.server.tenant.credentials.setStatus(h.credentialId, 'Disabled');
    const res = await runCli(['idp', 'push', '--endpoint', h.base, '--token', h.secret, '--users', '300', '--groups', '5']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Test Connection failed: HTTP 401 The SCIM credential is disabled/);
    expect(res.stderr).toMatch(/Nothing was sent/);
    h.server.tenant.activity.flush();
    expect(h.server.tenant.activity.list({}).length).toBe(1);

    h.server.tenant.credentials.setStatus(h.credentialId, 'Enabled');
    h.server.tenant.settings.setSync('Disabled');
    const off = await runCli(['idp', 'push', '--endpoint', h.base, '--token', h.secret, '--users', '3']);
    expect(off.code).toBe(1);
    expect(off.stderr).toMatch(/HTTP 403 SCIM synchronization is disabled/);
  });

  it('exits non-zero and names each failed operation when the server refuses some requests', async () => {
    // A manual user already holds the first generated person's e-mail under another userName: CloudSSO keeps
    // e-mails unique, so that one create is refused while everything else goes through.
    const first = generateDirectory({ users: 20, groups: 3, seed: 1 }).users[0]!;
    h.server.tenant.users.create({ UserName: 'someone.else', Email: first.email });
    const res = await runCli(['idp', 'push', '--endpoint', h.base, '--token', h.secret, '--users', '20', '--groups', '3', '--seed', '1']);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/Users:\s+19 created/);
    expect(res.stderr).toContain(`Failed: user ${first.userName}: create user ${first.userName}: HTTP 409`);
    // the groups that should have held that person are reported as incomplete, the others' members were added
    expect(res.stderr).toMatch(/1 member\(s\) of All-Staff were not created/);
    expect(h.server.tenant.groups.list({ GroupNameEq: 'All-Staff' }).Items[0]!.MemberCount).toBe(19);
    expect(h.server.tenant.statistics().SynchronizedUserCount).toBe(19);
  });

  it('retries through injected 429s and still succeeds', async () => {
    h.server.tenant.faults.set({ ThrottleRate: 0.3, RetryAfterSeconds: 0 });
    // 0.3 to the power of 31 attempts: no request runs out of retries in practice
    const res = await runCli(['idp', 'push', '--endpoint', h.base, '--token', h.secret, '--users', '30', '--groups', '3', '--retries', '30', '--json']);
    expect(res.code, `${res.stderr}\n${res.stdout}`).toBe(0);
    const summary = JSON.parse(res.stdout.trim());
    expect(summary.throttled).toBeGreaterThan(0);
    expect(summary.failed).toBe(0);
    expect(h.server.tenant.statistics().SynchronizedUserCount).toBe(30);
  });

  it('`faults set` on the tenant file reaches the running server, and `faults off` ends it', async () => {
    const on = await runCli(['faults', 'set', '--data', h.dataFile, '--throttle-rate', '100', '--retry-after', '9']);
    expect(on.code, on.stderr).toBe(0);
    const throttled = await h.scim('GET', '/Users');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('9');
    const off = await runCli(['faults', 'off', '--data', h.dataFile]);
    expect(off.code, off.stderr).toBe(0);
    expect((await h.scim('GET', '/Users')).status).toBe(200);
  });

  it('refuses bad arguments before sending anything', async () => {
    const noToken = await runCli(['idp', 'push', '--endpoint', h.base], { SCIM_TOKEN: '' });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/--token or the SCIM_TOKEN/);
    const badUrl = await runCli(['idp', 'push', '--endpoint', 'not a url', '--token', 'x']);
    expect(badUrl.code).not.toBe(0);
    expect(badUrl.stderr).toMatch(/SCIM base URL/);
    const badStyle = await runCli(['idp', 'push', '--endpoint', h.base, '--token', 'x', '--replay-day', 'ping']);
    expect(badStyle.code).not.toBe(0);
    expect(badStyle.stderr).toMatch(/entra, okta/);
    h.server.tenant.activity.flush();
    expect(h.server.tenant.activity.list({}).length).toBe(0);
  });
});

describe('idp push over HTTPS (built CLI)', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness({ transport: 'https' })));
  afterAll(async () => h.close());

  it("trusts this machine's local CA without being told", async () => {
    expect(h.base).toMatch(/^https:/);
    const res = await runCli(['idp', 'push', '--endpoint', h.base, '--token', h.secret, '--users', '5', '--groups', '1', '--json'], { CLOUDSSO_LOCAL_HOME: sharedHome() });
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ usersCreated: 5, failed: 0 });
  });

  it('another endpoint: refused without its CA (with a hint), trusted with --ca FILE', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-no-ca-'));
    const args = ['idp', 'push', '--endpoint', h.base, '--token', h.secret, '--users', '3', '--groups', '0', '--domain', 'elsewhere.example', '--json'];
    const refused = await runCli(args, { CLOUDSSO_LOCAL_HOME: elsewhere });
    expect(refused.code).toBe(1);
    // with --json the refusal is one JSON object on stdout, for a script to branch on
    const failure = JSON.parse(refused.stdout) as { Code: string; Message: string };
    expect(failure.Code).toBe('ConnectionTestFailed');
    expect(failure.Message).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY/);
    expect(failure.Message).toMatch(/give its CA with --ca FILE/);
    const caFile = path.join(elsewhere, 'ca.pem');
    fs.writeFileSync(caFile, h.server.https.trustedCa()!);
    const trusted = await runCli([...args, '--ca', caFile], { CLOUDSSO_LOCAL_HOME: elsewhere });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(JSON.parse(trusted.stdout)).toMatchObject({ usersCreated: 3, failed: 0 });
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });
});
