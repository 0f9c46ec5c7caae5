// The console bridge: only its own loopback origin, with the per-run token, gets an answer; it stays on
// loopback even when --host opens the SCIM endpoint to the network, and --host prints a warning.
import os from 'node:os';
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, tempDir, type ServeProcess } from '../reliability/support/serve-process';
import { prepareTenant } from '../reliability/support/tenant-setup';

/** A raw HTTP/1.1 request, so Host and Origin can be anything (fetch will not forge Host). */
function rawRequest(port: number, host: string, lines: string[], body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (data += d));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1] ?? 0), text: data }));
    socket.on('connect', () => socket.end(`${lines.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`));
  });
}

function nonLoopbackAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return null;
}

describe('console bridge', () => {
  const dir = tempDir();
  let server: ServeProcess;
  let port: number;
  let token: string;
  beforeAll(async () => {
    const { dataFile } = prepareTenant(dir);
    server = await startServe(dataFile, ['--host', '0.0.0.0']);
    const url = new URL(server.info.consoleUrl!);
    port = Number(url.port);
    token = url.hash.replace('#token=', '');
  });
  afterAll(async () => {
    await server.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const own = () => `127.0.0.1:${port}`;
  const api = (headers: string[], channel = 'credentials.list') =>
    rawRequest(port, '127.0.0.1', [`POST /admin/api/${channel} HTTP/1.1`, ...headers, 'Content-Type: application/json'], '{}');

  it.each([
    { name: 'own origin with the token', headers: () => [`Host: ${own()}`, `Authorization: Bearer ${token}`], status: 200 },
    { name: 'own origin with the token and its own Origin', headers: () => [`Host: ${own()}`, `Origin: http://${own()}`, `Authorization: Bearer ${token}`], status: 200 },
    { name: 'localhost as Host', headers: () => [`Host: localhost:${port}`, `Authorization: Bearer ${token}`], status: 200 },
    { name: 'no token', headers: () => [`Host: ${own()}`], status: 401 },
    { name: 'a wrong token', headers: () => [`Host: ${own()}`, `Authorization: Bearer ${token.slice(0, -2)}xx`], status: 401 },
    { name: 'the token without Bearer', headers: () => [`Host: ${own()}`, `Authorization: ${token}`], status: 401 },
    { name: 'a rebound Host (DNS rebinding)', headers: () => [`Host: attacker.example:${port}`, `Authorization: Bearer ${token}`], status: 403 },
    { name: 'loopback Host on another port', headers: () => [`Host: 127.0.0.1:${port + 1}`, `Authorization: Bearer ${token}`], status: 403 },
    { name: 'no Host at all', headers: () => [`Authorization: Bearer ${token}`], status: 400 },
    { name: 'a foreign Origin', headers: () => [`Host: ${own()}`, 'Origin: http://attacker.example', `Authorization: Bearer ${token}`], status: 403 },
    { name: 'Origin null (sandboxed frame)', headers: () => [`Host: ${own()}`, 'Origin: null', `Authorization: Bearer ${token}`], status: 403 },
    { name: 'an https Origin of the same host', headers: () => [`Host: ${own()}`, `Origin: https://${own()}`, `Authorization: Bearer ${token}`], status: 403 },
  ])('$name → $status', async ({ headers, status }) => {
    const res = await api(headers());
    // Node refuses an HTTP/1.1 request without Host before any route (400); every other refusal is the bridge's.
    expect(res.status, res.text.slice(0, 300)).toBe(status);
    if (status === 200) expect(res.text).toContain('"ok":true');
  });

  it('a re-spelled admin path without the token is refused too, and creates no credential', async () => {
    const before = await api([`Host: ${own()}`, `Authorization: Bearer ${token}`], 'credentials.list');
    for (const target of ['/%61dmin/api/credentials.create', '/admin/%61pi/credentials.create', '/admin/api/credentials%2Ecreate', '//admin/api/credentials.create', '/ADMIN/api/credentials.create', '/admin\\api\\credentials.create']) {
      const res = await rawRequest(port, '127.0.0.1', [`POST ${target} HTTP/1.1`, `Host: ${own()}`, 'Content-Type: application/json'], '{}');
      expect([401, 404], `${target}: ${res.text.slice(0, 200)}`).toContain(res.status);
    }
    const after = await api([`Host: ${own()}`, `Authorization: Bearer ${token}`], 'credentials.list');
    expect(after.text.slice(after.text.indexOf('\r\n\r\n'))).toBe(before.text.slice(before.text.indexOf('\r\n\r\n')));
  });

  it('the event stream needs the token too', async () => {
    const res = await rawRequest(port, '127.0.0.1', ['GET /admin/events HTTP/1.1', `Host: ${own()}`]);
    expect(res.status).toBe(401);
  });

  it('the token is unguessable: 24 random bytes, new each run', () => {
    expect(Buffer.from(token, 'base64url')).toHaveLength(24);
  });

  it('--host prints a warning that names the exposure, and the console URL stays on 127.0.0.1', () => {
    expect(server.stderr()).toMatch(/Warning: --host 0\.0\.0\.0 opens the SCIM endpoints and the OpenAPI to the network/);
    expect(server.stderr()).toMatch(/console stays on 127\.0\.0\.1/);
    expect(new URL(server.info.consoleUrl!).hostname).toBe('127.0.0.1');
  });

  it('from a non-loopback address the SCIM endpoint answers (--host took effect) but the console port is closed', async (ctx) => {
    const address = nonLoopbackAddress();
    if (!address) {
      console.log('Skipped: this machine has no non-loopback IPv4 address to connect from.');
      ctx.skip();
      return;
    }
    const scimPort = Number(new URL(server.info.scimEndpoint).port);
    const scim = await rawRequest(scimPort, address, ['GET /scim/v2/ServiceProviderConfig HTTP/1.1', `Host: ${address}:${scimPort}`]);
    expect(scim.status).toBe(200);
    await expect(rawRequest(port, address, ['GET / HTTP/1.1', `Host: ${address}:${port}`])).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
