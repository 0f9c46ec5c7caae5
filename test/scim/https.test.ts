// The SCIM endpoints over HTTPS, seen from a TLS client: trust through the exported CA, protocol versions,
// cipher suites, ALPN, the names in the certificate, plain HTTP on the HTTPS port, and the live switch.
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type ScimHarness } from '../support/scim-harness';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

function get(url: string, options: https.RequestOptions = {}): Promise<{ status: number; body: string; alpn: string | false | null }> {
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

/** Sends raw bytes and collects whatever comes back until the server closes (or a timeout, which fails). */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (c: string) => (answer += c));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(3000, () => reject(new Error(`no answer within 3 s; got so far: ${answer}`)));
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

  it('a switch value that is not Enabled or Disabled is refused and changes nothing', async () => {
    const res = await h.server.dispatch('settings.setHttps', { Status: 'On' as never });
    expect(res).toMatchObject({ ok: false, error: { Code: 'InvalidValue', Attribute: 'Status' } });
    expect(h.server.tenant.settings.httpsStatus()).toBe('Disabled');
  });
});
