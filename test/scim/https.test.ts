// The SCIM endpoints over HTTPS, seen from a TLS client: trust through the exported CA, protocol versions,
// cipher suites, ALPN, the names in the certificate, plain HTTP on the HTTPS port, and the live switch.
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoController } from '../../src-main/idp/demo-controller';
import { Tenant } from '../../src-main/core/tenant';
import { startServer } from '../../src-main/server';
import { loadOrCreateLocalCa } from '../../src-main/tls/local-ca';
import { ensureServerCertificate } from '../../src-main/tls/server-certificate';
import { serverNames } from '../../src-main/tls/server-names';
import { startHarness, type ScimHarness } from '../support/scim-harness';
import { freshTlsDir, ownCertificateFiles, sharedTlsDir } from '../support/tls-fixtures';
import { rawExchange } from '../support/raw-exchange';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

function get(url: string, options: https.RequestOptions & Pick<tls.ConnectionOptions, 'ALPNProtocols'> = {}): Promise<{ status: number; body: string; alpn: string | false | null }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ...options, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, alpn: (res.socket as tls.TLSSocket).alpnProtocol }));
    });
    req.on('error', reject);
  });
}

function handshake(port: number, options: tls.ConnectionOptions): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ...options }, () => resolve(socket));
    socket.on('error', reject);
  });
}


describe('SCIM over HTTPS', () => {
  let h: ScimHarness;
  let ca: string;
  let port: number;
  beforeAll(async () => {
    h = await startHarness({ transport: 'https' });
    ca = (await h.server.https.caCertificate())!.Pem;
    port = Number(new URL(h.base).port);
  });
  afterAll(async () => h.close());

  it('prints an https:// endpoint and serves it', () => {
    expect(h.base).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    expect(h.server.https.state()).toMatchObject({ Status: 'Enabled', Serving: 'https', CertificateSource: 'LocalCA' });
  });

  it("Node's https client trusting the exported CA gets 200, over ALPN http/1.1", async () => {
    const res = await get(`${h.base}/Users`, { ca, ALPNProtocols: ['h2', 'http/1.1'], headers: { authorization: `Bearer ${h.secret}` } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).totalResults).toBe(0);
    expect(res.alpn).toBe('http/1.1');
  });

  it('without the CA the handshake fails with a certificate verification error', async () => {
    const failure = await get(`${h.base}/ServiceProviderConfig`).then(() => null, (e: NodeJS.ErrnoException) => e);
    expect(failure?.code).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/);
  });

  it('refuses TLS 1.0 and 1.1 clients and accepts 1.2 and 1.3', async () => {
    // SECLEVEL=0 lets this client offer the old versions at all; the refusal must then come from the server.
    for (const maxVersion of ['TLSv1', 'TLSv1.1'] as const) {
      const failure = await handshake(port, { ca, minVersion: 'TLSv1', maxVersion, ciphers: 'DEFAULT@SECLEVEL=0' }).then((s) => (s.destroy(), null), (e: Error) => e);
      expect(failure?.message, maxVersion).toMatch(/protocol version|unsupported protocol/i);
    }
    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
      const socket = await handshake(port, { ca, minVersion: version, maxVersion: version });
      expect(socket.getProtocol()).toBe(version);
      socket.destroy();
    }
  });

  it('offers only ECDHE suites over TLS 1.2: static-RSA and SHA-1 suites are refused', async () => {
    for (const ciphers of ['AES128-GCM-SHA256', 'ECDHE-RSA-AES128-SHA', 'AES256-SHA']) {
      const failure = await handshake(port, { ca, maxVersion: 'TLSv1.2', ciphers }).then((s) => (s.destroy(), null), (e: Error) => e);
      expect(failure?.message, ciphers).toMatch(/handshake failure|no shared cipher/i);
    }
    const socket = await handshake(port, { ca, maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' });
    expect(socket.getCipher().standardName).toBe('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
    socket.destroy();
  });

  it('the certificate names localhost, 127.0.0.1 and ::1 and has an RSA key of at least 2048 bits', async () => {
    const socket = await handshake(port, { ca });
    const cert = socket.getPeerCertificate();
    socket.destroy();
    for (const name of ['localhost', '127.0.0.1', '::1']) expect(tls.checkServerIdentity(name, cert), name).toBeUndefined();
    expect(tls.checkServerIdentity('example.com', cert)).toBeInstanceOf(Error);
    expect(cert.bits).toBeGreaterThanOrEqual(2048);
  });

  it('plain HTTP on the HTTPS port gets a 400 SCIM error that points at the https:// URL, not a hang', async () => {
    const answer = await rawExchange(port, `GET /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/content-type: application\/scim\+json/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidSyntax' });
    expect(body.detail).toBe(`This port serves HTTPS only: send the request to https://127.0.0.1:${port}/scim/v2/Users.`);
  });

  it('serves the accelerated endpoint over HTTPS too', async () => {
    // through the console's channel, which answers once the listener (opened with the switch) is listening
    const switched = await h.server.dispatch('settings.setAccelerated', { Status: 'Enabled' });
    expect(switched.ok).toBe(true);
    const accelerated = h.server.acceleratedEndpoint()!;
    expect(accelerated).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    expect(accelerated).not.toBe(h.base);
    expect((await get(`${accelerated}/ServiceProviderConfig`, { ca })).status).toBe(200);
  });

  it('echoes only URL characters of a plain request back (no markup from the Host header or path)', async () => {
    const answer = await rawExchange(port, 'GET /scim/v2/<script>alert(1)</script> HTTP/1.1\r\nHost: <b>evil</b>\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).not.toMatch(/<script>|<b>/);
    expect(answer).toContain('send the request to the https:// URL.');
  });

  it('any connection that does not start a TLS handshake gets the 400 answer and is closed (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }).filter((bytes) => bytes[0] !== 0x16), async (bytes) => {
        const answer = await rawExchange(port, bytes);
        expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      }),
      { numRuns: 40 },
    );
  });

  it('fetch through the harness (trusting the CA) works for writes, and fault injection answers the same over TLS', async () => {
    const created = await h.scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'tls.user', active: true });
    expect(created.status).toBe(201);
    expect(created.body.meta.location).toMatch(/^https:\/\//);
    h.server.tenant.faults.set({ ThrottleRate: 1, RetryAfterSeconds: 7 });
    try {
      const throttled = await h.scim('GET', '/Users');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('7');
    } finally {
      h.server.tenant.faults.set({ ThrottleRate: 0 });
    }
  });
});

describe('the HTTPS switch while serving', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  it('turns HTTPS on and off on the same port, and the endpoint URL follows', async () => {
    const port = new URL(h.base).port;
    expect(h.server.scimEndpoint).toMatch(/^http:\/\//);
    expect((await fetch(`${h.base}/ServiceProviderConfig`)).status).toBe(200);

    const on = await h.server.dispatch('settings.setHttps', { Status: 'Enabled' });
    expect(on.ok && on.value.Https).toMatchObject({ Status: 'Enabled', Serving: 'https' });
    expect(on.ok && on.value.Endpoints.SCIMEndpoint).toBe(`https://127.0.0.1:${port}/scim/v2`);
    expect(h.server.scimEndpoint).toBe(`https://127.0.0.1:${port}/scim/v2`);
    const ca = (await h.server.https.caCertificate())!.Pem;
    expect((await get(`${h.server.scimEndpoint}/ServiceProviderConfig`, { ca })).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/scim/v2/ServiceProviderConfig`)).status).toBe(400);
    expect(h.server.tenant.settings.httpsStatus()).toBe('Enabled');

    const off = await h.server.dispatch('settings.setHttps', { Status: 'Disabled' });
    expect(off.ok && off.value.Endpoints.SCIMEndpoint).toBe(`http://127.0.0.1:${port}/scim/v2`);
    expect((await fetch(`http://127.0.0.1:${port}/scim/v2/ServiceProviderConfig`)).status).toBe(200);
  });

  it('follows the switch turned by another process on the same tenant file', async () => {
    const other = Tenant.open(h.dataFile);
    try {
      other.settings.setHttps('Enabled');
      const deadline = Date.now() + 10_000;
      while (h.server.https.state().Serving !== 'https' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(h.server.scimEndpoint).toMatch(/^https:/);
      other.settings.setHttps('Disabled');
      while (h.server.https.state().Serving !== 'http' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(h.server.scimEndpoint).toMatch(/^http:/);
    } finally {
      other.close();
    }
  });

  it('a switch value that is not Enabled or Disabled is refused and changes nothing', async () => {
    const res = await h.server.dispatch('settings.setHttps', { Status: 'On' as never });
    expect(res).toMatchObject({ ok: false, error: { Code: 'InvalidValue', Attribute: 'Status' } });
    expect(h.server.tenant.settings.httpsStatus()).toBe('Disabled');
  });
});

describe('HTTPS at start', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const dirs: string[] = [];
  const tenantFile = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-https-'));
    dirs.push(dir);
    return path.join(dir, 'tenant.sqlite');
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('renews a server certificate that is near expiry, and never writes a key into the tenant file', async () => {
    const tlsDir = freshTlsDir();
    const ca = await loadOrCreateLocalCa(tlsDir);
    const old = await ensureServerCertificate(tlsDir, ca, serverNames('127.0.0.1'), new Date(Date.now() - 380 * DAY));
    expect(old.notAfter.getTime() - Date.now()).toBeLessThan(30 * DAY);

    const dataFile = tenantFile();
    const server = await startServer({ dataFile, port: 0, acceleratedPort: 0, consolePort: null, logLine: () => {}, tls: true, tlsDir });
    try {
      const socket = await handshake(Number(new URL(server.scimEndpoint).port), { ca: ca.certificatePem });
      const served = new Date(socket.getPeerCertificate().valid_to);
      socket.destroy();
      expect(served.getTime() - Date.now()).toBeGreaterThan(390 * DAY);
    } finally {
      await server.close();
    }
    const tenantBytes = fs.readFileSync(dataFile).toString('latin1');
    expect(tenantBytes).not.toContain('PRIVATE KEY');
    const caKeyBody = fs.readFileSync(path.join(tlsDir, 'ca-private.pem'), 'utf8').split('\n')[1]!;
    expect(tenantBytes).not.toContain(caKeyBody);
  });

  it('refuses to start with an own certificate that does not fit, listening on nothing', async () => {
    const own = await ownCertificateFiles({ dns: ['scim.example.test'], ip: [] });
    const dataFile = tenantFile();
    const failure = await startServer({ dataFile, port: 0, acceleratedPort: 0, consolePort: null, logLine: () => {}, tlsCertificate: own, tlsDir: sharedTlsDir() }).then(
      (s) => (void s.close(), null),
      (e: Error) => e,
    );
    expect(failure?.message).toMatch(/^--tls-cert .* does not name 127\.0\.0\.1, the address being served/);
    // the tenant was closed again and its switch left as it was: the next start serves plain HTTP
    const again = await startServer({ dataFile, port: 0, acceleratedPort: 0, consolePort: null, logLine: () => {}, tlsDir: sharedTlsDir() });
    expect(again.https.state()).toMatchObject({ Status: 'Disabled', Serving: 'http' });
    await again.close();
  });

  it('serves an own certificate that fits', async () => {
    const own = await ownCertificateFiles({ dns: ['localhost'], ip: ['127.0.0.1'] });
    const server = await startServer({ dataFile: tenantFile(), port: 0, acceleratedPort: 0, consolePort: null, logLine: () => {}, tlsCertificate: own, tlsDir: sharedTlsDir() });
    try {
      expect(server.https.state()).toMatchObject({ Serving: 'https', CertificateSource: 'Own' });
      expect(await server.https.caCertificate()).toBeNull();
      expect((await get(`${server.scimEndpoint}/ServiceProviderConfig`, { ca: own.caPem })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('the demo IdP provisions over HTTPS trusting the local CA, retrying injected 429s as over HTTP', async () => {
    const server = await startServer({
      dataFile: tenantFile(),
      port: 0,
      acceleratedPort: 0,
      consolePort: null,
      logLine: () => {},
      tls: true,
      tlsDir: sharedTlsDir(),
      demo: ({ scimEndpoint, trustedCa, tenant, notify }) => createDemoController({ scimEndpoint, trustedCa, tenant, notify: () => notify(['demo']) }),
    });
    try {
      expect(server.scimEndpoint).toMatch(/^https:/);
      server.tenant.faults.set({ ThrottleRate: 0.2, RetryAfterSeconds: 0 });
      const started = await server.dispatch('demo.start', { Users: 12, Groups: 2 });
      expect(started.ok && started.value.Running).toBe(true);
      const deadline = Date.now() + 20_000;
      let progress = started.ok ? started.value : null;
      while (progress?.Running && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        const r = await server.dispatch('demo.progress', undefined);
        progress = r.ok ? r.value : null;
      }
      expect(progress).toMatchObject({ Running: false, Error: null, Failed: 0 });
      expect(server.tenant.statistics().SynchronizedUserCount).toBe(12);
      server.tenant.activity.flush();
      expect(server.tenant.activity.list({ Limit: 500 }).some((e) => e.Status === 429)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
