// The SCIM client's fetch for https endpoints signed by a CA the process does not trust by itself.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareTlsMaterial, type TlsMaterial } from '../../../src-main/tls/tls-material';
import { fetchTrusting } from '../../../src-main/tls/trusting-fetch';
import { sharedTlsDir } from '../../support/tls-fixtures';

describe('fetchTrusting', () => {
  let material: TlsMaterial;
  let server: https.Server;
  let base: string;
  beforeAll(async () => {
    material = await prepareTlsMaterial({ dir: sharedTlsDir(), host: '127.0.0.1', urlHost: '127.0.0.1' });
    server = https.createServer({ key: material.privateKeyPem, cert: material.certificateChainPem }, (req, res) => {
      if (req.url === '/slow') return; // never answers
      if (req.url === '/empty') return void res.writeHead(204).end();
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => res.writeHead(201, { 'content-type': 'application/scim+json', 'x-seen': `${req.method} ${req.headers.authorization} ${body}` }).end('{"ok":true}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('answers with a standard Response: status, headers, body, and sends method, headers and body', async () => {
    const res = await fetchTrusting(material.caPem!)(`${base}/x`, { method: 'POST', headers: { authorization: 'Bearer t' }, body: '{"a":1}' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-seen')).toBe('POST Bearer t {"a":1}');
    expect(await res.json()).toEqual({ ok: true });
    expect((await fetchTrusting(material.caPem!)(`${base}/empty`)).status).toBe(204);
  });

  it('fails the handshake for a server its CA did not sign, like fetch does', async () => {
    const other = await fetchTrusting('-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n')(`${base}/x`).then(() => null, (e: Error & { cause?: { code?: string } }) => e);
    expect(other).toBeInstanceOf(TypeError);
    expect(other?.cause?.code).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY/);
  });

  it('rejects with the signal’s reason when it times out (a TimeoutError, as fetch does)', async () => {
    const failure = await fetchTrusting(material.caPem!)(`${base}/slow`, { signal: AbortSignal.timeout(100) }).then(() => null, (e: Error) => e);
    expect(failure?.name).toBe('TimeoutError');
  });
});
