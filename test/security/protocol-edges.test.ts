// Requests a browser or an IdP would never send still get an answer, never a silently dropped socket or a repaired
// body: CONNECT on every listener, and invalid UTF-8 or a lone surrogate sent to the console bridge.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type ScimHarness } from '../support/scim-harness';

/** Writes `request` as is and collects everything until the server closes (or 3 s pass). */
function rawExchange(port: number, request: string): Promise<{ status: number; text: string; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let text = '';
    let closedByServer = false;
    const timer = setTimeout(() => socket.destroy(), 3000);
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('end', () => (closedByServer = true));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0), text, closedByServer });
    });
    socket.on('connect', () => socket.write(request));
  });
}

describe('protocol edges', () => {
  let h: ScimHarness;
  let consolePort: number;
  let token: string;
  beforeAll(async () => {
    h = await startHarness({ consolePort: 0 });
    const url = new URL(h.server.consoleUrl!);
    consolePort = Number(url.port);
    token = url.hash.replace('#token=', '');
  });
  afterAll(async () => h.close());

  const scimPort = () => Number(new URL(h.base).port);
  const connects = (port: number) => [
    `CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n`,
    `CONNECT /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    `CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nAuthorization: Bearer x\r\n\r\n`,
  ];

  it('CONNECT on the SCIM listener → 405 with a SCIM error body, then the connection closes', async () => {
    for (const request of connects(scimPort())) {
      const res = await rawExchange(scimPort(), request);
      expect(res.status, res.text || '(the socket was dropped without an answer)').toBe(405);
      expect(res.text).toMatch(/\r\nAllow: GET, HEAD, POST, PUT, PATCH, DELETE\r\n/);
      const body = JSON.parse(res.text.slice(res.text.indexOf('\r\n\r\n') + 4)) as { schemas: string[]; status: string; detail: string };
      expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
      expect(body.status).toBe('405');
      expect(body.detail).toMatch(/CONNECT is not supported/);
      expect(res.closedByServer).toBe(true);
    }
    // the listener is still serving
    expect((await h.scim('GET', '/Users')).status).toBe(200);
  });

  it('CONNECT on the console listener → 405 with a plain message', async () => {
    for (const request of connects(consolePort)) {
      const res = await rawExchange(consolePort, request);
      expect(res.status, res.text || '(the socket was dropped without an answer)').toBe(405);
      expect(res.text).toMatch(/Content-Type: text\/plain/);
      expect(res.text).toMatch(/CONNECT is not supported/);
    }
  });

  const consoleCall = (channel: string, body: Buffer) =>
    fetch(`http://127.0.0.1:${consolePort}/admin/api/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: new Uint8Array(body) });

  it.each([
    ['invalid raw UTF-8', Buffer.concat([Buffer.from('{"UserName":"console.bytes","DisplayName":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('b"}')]), /not valid UTF-8/],
    ['a UTF-8-encoded surrogate', Buffer.concat([Buffer.from('{"UserName":"console.bytes","DisplayName":"a'), Buffer.from([0xed, 0xb0, 0x80]), Buffer.from('b"}')]), /not valid UTF-8/],
    ['a lone surrogate escape', Buffer.from('{"UserName":"console.bytes","DisplayName":"a\\ud800b"}'), /unpaired UTF-16 surrogate/],
  ])('the console bridge refuses %s (400, readable message) and creates nothing', async (_label, body, message) => {
    const res = await consoleCall('users.create', body);
    const answer = (await res.json()) as { ok: boolean; error: { Code: string; Message: string } };
    expect(res.status).toBe(400);
    expect(answer).toMatchObject({ ok: false, error: { Code: 'BadRequest' } });
    expect(answer.error.Message).toMatch(message);
    expect(h.server.tenant.users.list({ Text: 'console.bytes' }).Items).toEqual([]);
  });

  it('valid UTF-8 (astral characters, escaped pairs) still reaches the console handler', async () => {
    const res = await consoleCall('users.create', Buffer.from('{"UserName":"console.ok","DisplayName":"😀 \\ud83d\\ude00 𠀀"}'));
    const answer = (await res.json()) as { ok: boolean; value: { DisplayName: string } };
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    expect(answer.value.DisplayName).toBe('😀 😀 𠀀');
  });
});
