import Database from 'better-sqlite3';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildMain, cli, freePort, serve, tempDir, type Served } from './cli-support';

describe('cloudsso-local serve', () => {
  let home: string;
  const running: Served[] = [];
  beforeAll(() => {
    buildMain();
    home = tempDir();
  }, 120_000);
  afterAll(async () => {
    for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    fs.rmSync(home, { recursive: true, force: true });
  });
  const start = (...args: string[]) => {
    const s = serve(home, ...args);
    running.push(s);
    return s;
  };

  it('--json prints one JSON object with the endpoints as its first line; SIGTERM closes cleanly with exit 0', async () => {
    const data = path.join(home, 'json.sqlite');
    const s = start('--data', data, '--port', '0', '--accelerated-port', '0', '--no-console', '--json');
    const info = JSON.parse(await s.firstLine);
    expect(info.scimEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    expect(info.acceleratedEndpoint).toBeNull();
    expect(info.dataFile).toBe(data);
    const spc = await fetch(`${info.scimEndpoint}/ServiceProviderConfig`);
    expect(spc.status).toBe(200);
    s.child.kill('SIGTERM');
    const exit = await s.exit;
    expect(exit.code).toBe(0);
    expect(exit.stderr).not.toMatch(/\n\s+at /);
    // closed means closed: the port is free and the WAL was checkpointed into the file
    const port = Number(new URL(info.scimEndpoint).port);
    await new Promise<void>((resolve, reject) => {
      const probe = net.createServer().once('error', reject).listen(port, '127.0.0.1', () => probe.close(() => resolve()));
    });
    expect(fs.existsSync(`${data}-wal`) ? fs.statSync(`${data}-wal`).size : 0).toBe(0);
    // the request answered just before the signal is in the provisioning log: its batch was flushed on the way out
    const db = new Database(data, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM activity WHERE path = '/scim/v2/ServiceProviderConfig' AND status = 200").pluck().get()).toBe(1);
    db.close();
  });

  it('SIGINT closes cleanly too', async () => {
    const s = start('--data', path.join(home, 'int.sqlite'), '--port', '0', '--accelerated-port', '0', '--no-console', '--json');
    const { scimEndpoint } = JSON.parse(await s.firstLine);
    expect((await fetch(`${scimEndpoint}/ServiceProviderConfig`)).status).toBe(200);
    s.child.kill('SIGINT');
    const exit = await s.exit;
    expect({ code: exit.code, signal: exit.signal, stderr: exit.stderr }).toEqual({ code: 0, signal: null, stderr: expect.stringMatching(/Received SIGINT/) });
  });

  it('a signal sent as soon as the endpoints are announced still closes cleanly (exit 0, not killed)', async () => {
    // A supervisor may read the first line and stop the server at once; the handlers must already be in place.
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const s = start('--data', path.join(home, `early-${i}.sqlite`), '--port', '0', '--accelerated-port', '0', '--no-console', '--json');
      await s.firstLine;
      s.child.kill(i % 2 ? 'SIGINT' : 'SIGTERM');
      const exit = await s.exit;
      outcomes.push(exit.code === 0 ? 'exit 0' : `code ${exit.code} signal ${exit.signal}`);
    }
    expect(outcomes).toEqual(['exit 0', 'exit 0', 'exit 0', 'exit 0']);
  });

  it('without --json prints the SCIM endpoint for people', async () => {
    const s = start('--data', path.join(home, 'human.sqlite'), '--port', '0', '--accelerated-port', '0', '--no-console');
    await s.firstLine;
    await new Promise((r) => setTimeout(r, 300));
    s.child.kill('SIGTERM');
    const exit = await s.exit;
    expect(exit.stdout).toMatch(/SCIM Endpoint:\s+http:\/\/127\.0\.0\.1:\d+\/scim\/v2/);
    expect(exit.code).toBe(0);
  });

  /** Holds a port for the duration of a test, as another program would. */
  const holdPort = (port = 0) =>
    new Promise<net.Server>((resolve, reject) => {
      const blocker = net.createServer().once('error', reject);
      blocker.listen(port, '127.0.0.1', () => resolve(blocker));
    });
  const portOf = (blocker: net.Server) => (blocker.address() as net.AddressInfo).port;

  it('a taken port is one line naming the option that sets it, or with --json one JSON object on stdout', async () => {
    const blocker = await holdPort();
    const port = portOf(blocker);
    try {
      const human = await start('--data', path.join(home, 'taken.sqlite'), '--port', String(port), '--no-console').exit;
      expect(human.code).toBe(1);
      const lines = human.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/already in use/);
      expect(lines[0]).toContain(String(port));
      expect(lines[0]).toContain('--port');

      const json = await start('--data', path.join(home, 'taken.sqlite'), '--port', String(port), '--no-console', '--json').exit;
      expect(json.code).toBe(1);
      expect(json.stderr).toBe('');
      expect(JSON.parse(json.stdout)).toEqual({ Code: 'PortInUse', Message: expect.stringContaining('--port'), Port: port, Option: '--port' });

      const consoleTaken = await start('--data', path.join(home, 'taken.sqlite'), '--port', '0', '--console-port', String(port), '--json').exit;
      expect(JSON.parse(consoleTaken.stdout)).toMatchObject({ Code: 'PortInUse', Port: port, Option: '--console-port' });

      // the accelerated listener only matters while that endpoint is on; then its port is checked at start
      const accData = path.join(home, 'taken-accelerated.sqlite');
      expect(cli(home, 'accelerated', 'enable', '--data', accData).status).toBe(0);
      const accTaken = await start('--data', accData, '--port', '0', '--accelerated-port', String(port), '--no-console', '--json').exit;
      expect(JSON.parse(accTaken.stdout)).toEqual({ Code: 'PortInUse', Message: expect.stringContaining('--accelerated-port'), Port: port, Option: '--accelerated-port' });
    } finally {
      blocker.close();
    }
  });

  it('--port 0 gives every listener a free port, and a disabled accelerated endpoint opens none', async () => {
    // Another sandbox (or anything else) holds the default accelerated and console ports.
    const held: net.Server[] = [];
    for (const port of [18621, 18622]) held.push(await holdPort(port).catch(() => net.createServer())); // already taken elsewhere: just as good
    try {
      const data = path.join(home, 'free-ports.sqlite');
      const s = start('--data', data, '--port', '0', '--json');
      const info = JSON.parse(await s.firstLine);
      expect(info.acceleratedEndpoint).toBeNull();
      const consolePort = Number(new URL(info.consoleUrl).port);
      expect([18620, 18621, 18622]).not.toContain(consolePort);
      expect((await fetch(`${info.scimEndpoint}/ServiceProviderConfig`)).status).toBe(200);
      s.child.kill('SIGTERM');
      expect((await s.exit).code).toBe(0);
    } finally {
      for (const blocker of held) blocker.close();
    }
  });

  it('a running server sees CLI changes to the tenant on its next request', async () => {
    const data = path.join(home, 'live.sqlite');
    const accPort = await freePort();
    const s = start('--data', data, '--port', '0', '--accelerated-port', String(accPort), '--no-console', '--json');
    const { scimEndpoint } = JSON.parse(await s.firstLine);
    const get = (url: string, secret: string) => fetch(url, { headers: { authorization: `Bearer ${secret}` } });

    const cred = cli(home, 'credential', 'create', '--data', data, '--json').json;
    expect((await get(`${scimEndpoint}/Users`, cred.CredentialSecret)).status).toBe(403); // sync is off by default
    expect(cli(home, 'sync', 'enable', '--data', data).status).toBe(0);
    expect((await get(`${scimEndpoint}/Users`, cred.CredentialSecret)).status).toBe(200);

    const u = cli(home, 'user', 'create', '--user-name', 'made.by.cli', '--data', data, '--json').json;
    const found = await (await get(`${scimEndpoint}/Users?filter=${encodeURIComponent('userName eq "made.by.cli"')}`, cred.CredentialSecret)).json();
    expect(found.Resources.map((r: { id: string }) => r.id)).toEqual([u.UserId]);

    expect(cli(home, 'credential', 'disable', cred.CredentialId, '--data', data).status).toBe(0);
    expect((await get(`${scimEndpoint}/Users`, cred.CredentialSecret)).status).toBe(401);
    expect(cli(home, 'credential', 'enable', cred.CredentialId, '--data', data).status).toBe(0);

    // The accelerated listener opens when the endpoint is switched on (here by another process) and closes when off.
    const acc = `http://127.0.0.1:${accPort}/scim/v2`;
    const answers = async () => get(`${acc}/Users`, cred.CredentialSecret).then((r) => r.status, () => 'refused');
    expect(await answers()).toBe('refused');
    expect(cli(home, 'accelerated', 'enable', '--data', data).status).toBe(0);
    await vi.waitFor(async () => expect(await answers()).toBe(200), { timeout: 5000 });
    expect(cli(home, 'accelerated', 'disable', '--data', data).status).toBe(0);
    await vi.waitFor(async () => expect(await answers()).toBe('refused'), { timeout: 5000 });

    expect(cli(home, 'sync', 'disable', '--data', data).status).toBe(0);
    const off = await get(`${scimEndpoint}/Users`, cred.CredentialSecret);
    expect(off.status).toBe(403);
    expect((await off.json()).detail).toMatch(/SCIM synchronization/);

    s.child.kill('SIGTERM');
    expect((await s.exit).code).toBe(0);
  });
});
