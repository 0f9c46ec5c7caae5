import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT, serve, useTenantHome, type Served } from './cli-support';

describe('cloudsso-local accesskey, and the OpenAPI endpoint of serve', () => {
  const sandbox = useTenantHome();
  const { run } = sandbox;
  const running: Served[] = [];
  afterAll(() => {
    for (const s of running) s.child.kill('SIGKILL');
  });

  it('create prints the secret once; list never shows it; enable/disable/delete; a third pair is refused', () => {
    const created = run('accesskey', 'create', '--json');
    expect(created.status).toBe(0);
    expect(created.json.AccessKeyId).toMatch(/^LTAI5t[A-Za-z0-9]{18}$/);
    expect(created.json.AccessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    const human = run('accesskey', 'create');
    expect(human.stdout).toMatch(/AccessKeySecret\s+\S{30}/);
    expect(human.stdout).toMatch(/not be shown again/);
    const list = run('accesskey', 'list');
    expect(list.stdout).toContain(created.json.AccessKeyId);
    expect(list.stdout).not.toContain(created.json.AccessKeySecret);
    expect(run('accesskey', 'list', '--json').json[0]).not.toHaveProperty('AccessKeySecret');
    const third = run('accesskey', 'create');
    expect(third.status).toBe(3);
    expect(third.stderr).toMatch(/at most 2 AccessKey pairs/);
    expect(run('accesskey', 'disable', created.json.AccessKeyId, '--json').json.Status).toBe('Disabled');
    expect(run('accesskey', 'enable', created.json.AccessKeyId, '--json').json.Status).toBe('Enabled');
    const second = run('accesskey', 'list', '--json').json[1].AccessKeyId;
    expect(run('accesskey', 'delete', second).status).toBe(0);
    const missing = run('accesskey', 'delete', second);
    expect(missing.status).toBe(4);
    expect(missing.stderr).toMatch(/does not exist/);
  });

  it('an exported tenant file carries no usable API secret: the secret\'s bytes are not in it', () => {
    const key = run('accesskey', 'create', '--json').json;
    const out = path.join(sandbox.home, 'exported.sqlite');
    expect(run('export', '--out', out).status).toBe(0);
    const bytes = fs.readFileSync(out);
    expect(bytes.includes(Buffer.from(key.AccessKeySecret))).toBe(false);
    expect(bytes.includes(Buffer.from(key.AccessKeyId))).toBe(true);
    // elsewhere (no key file beside it) the keys are listed as unusable
    const moved = cli(sandbox.home, 'accesskey', 'list', '--json', '--data', out);
    expect(moved.json.map((k: { Usable: boolean }) => k.Usable)).toEqual([false, false]);
    expect(fs.statSync(`${sandbox.data}.accesskeys.key`).mode & 0o777).toBe(0o600);
    run('accesskey', 'delete', key.AccessKeyId);
  });

  it('serve --port 0 --json prints apiEndpoint; the documented pop-core and openapi-client examples run against it', async () => {
    const key = run('accesskey', 'create', '--json').json;
    const s = serve(sandbox.home, '--data', sandbox.data, '--port', '0', '--accelerated-port', '0', '--no-console', '--json');
    running.push(s);
    const info = JSON.parse(await s.firstLine);
    expect(info.apiEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.apiEndpoint).not.toMatch(/:18623$/);
    const env = { ...process.env, CLOUDSSO_ENDPOINT: info.apiEndpoint, ALIBABA_CLOUD_ACCESS_KEY_ID: key.AccessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.AccessKeySecret };
    const example = (name: string) => spawnSync(process.execPath, [path.join(ROOT, 'docs', 'examples', name)], { env, encoding: 'utf8', timeout: 20_000 });

    const pop = example('pop-core.js');
    expect(pop.stderr).toBe('');
    expect(pop.status).toBe(0);
    expect(pop.stdout).toMatch(/^created pop\.core\.example \(u-[a-z0-9]{20}\)$/m);
    expect(pop.stdout).toMatch(/^the directory has 1 user\(s\)$/m);
    expect(pop.stdout).toMatch(/^GetUser of a missing user: EntityNotExists\.User$/m);

    const v3 = example('openapi-client.js');
    expect(v3.stderr).toBe('');
    expect(v3.status).toBe(0);
    expect(v3.stdout).toMatch(/^group openapi-client-example has 1 member\(s\)$/m);

    // the server and the CLI share the tenant: the CLI sees what the examples did
    expect(run('group', 'list', '--json').json.Items.map((g: { GroupName: string }) => g.GroupName)).toContain('openapi-client-example');
    s.child.kill('SIGTERM');
    expect((await s.exit).code).toBe(0);
  });

  it('serve --tls: the examples run against the https:// apiEndpoint once Node trusts the exported CA (NODE_EXTRA_CA_CERTS), and fail verification without it', async () => {
    const tlsData = path.join(sandbox.home, 'tls.sqlite');
    const key = cli(sandbox.home, 'accesskey', 'create', '--json', '--data', tlsData).json;
    const caFile = path.join(sandbox.home, 'cloudsso-local-ca.pem');
    expect(cli(sandbox.home, 'tls', 'ca', '--out', caFile).status).toBe(0);
    const s = serve(sandbox.home, '--data', tlsData, '--port', '0', '--accelerated-port', '0', '--no-console', '--json', '--tls');
    running.push(s);
    const info = JSON.parse(await s.firstLine);
    expect(info.apiEndpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const env = { ...process.env, CLOUDSSO_ENDPOINT: info.apiEndpoint, ALIBABA_CLOUD_ACCESS_KEY_ID: key.AccessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.AccessKeySecret };
    const example = (name: string, extraCa?: string) =>
      spawnSync(process.execPath, [path.join(ROOT, 'docs', 'examples', name)], { env: { ...env, NODE_EXTRA_CA_CERTS: extraCa ?? '' }, encoding: 'utf8', timeout: 20_000 });

    const untrusted = example('pop-core.js');
    expect(untrusted.status).not.toBe(0);
    expect(untrusted.stderr).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|self[- ]signed certificate in certificate chain/i);

    const pop = example('pop-core.js', caFile);
    expect(pop.stderr).toBe('');
    expect(pop.stdout).toMatch(/^created pop\.core\.example \(u-[a-z0-9]{20}\)$/m);
    const v3 = example('openapi-client.js', caFile);
    expect(v3.stderr).toBe('');
    expect(v3.stdout).toMatch(/^group openapi-client-example has 1 member\(s\)$/m);
    s.child.kill('SIGTERM');
    expect((await s.exit).code).toBe(0);
  });
});
