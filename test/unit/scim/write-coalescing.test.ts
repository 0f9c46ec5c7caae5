import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { coalesceWrites } from '../../../src-main/scim/http/write-coalescing';

/** Sends raw HTTP/1.1 on one socket and collects what comes back until `responses` answers have arrived. */
function exchange(port: number, raw: string, responses: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(raw));
    let got = '';
    const timer = setTimeout(() => (socket.destroy(), reject(new Error(`timed out; received so far:\n${got}`))), 3000);
    socket.on('data', (c) => {
      got += c.toString('latin1');
      if ((got.match(/HTTP\/1\.1 200/g) ?? []).length === responses && got.endsWith('}')) {
        clearTimeout(timer);
        socket.end();
        resolve(got);
      }
    });
    socket.on('error', reject);
  });
}

describe('answers written at the end of the event-loop turn', () => {
  let server: http.Server;
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  async function listen(handler: http.RequestListener): Promise<number> {
    server = http.createServer(handler);
    coalesceWrites(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  }

  const answer = (res: http.ServerResponse, body: object) => {
    const text = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  it('pipelined requests on one connection get every answer, in order', async () => {
    const port = await listen((req, res) => answer(res, { path: req.url }));
    const got = await exchange(port, 'GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\n\r\n', 3);
    expect([...got.matchAll(/\{"path":"(\/\w)"\}/g)].map((m) => m[1])).toEqual(['/a', '/b', '/c']);
  });

  it('an answer that is ready only in a later turn (a timer, hashing) is still sent', async () => {
    const port = await listen((req, res) => setTimeout(() => answer(res, { late: true }), 30));
    const got = await exchange(port, 'GET /late HTTP/1.1\r\nHost: x\r\n\r\n', 1);
    expect(got).toContain('{"late":true}');
  });

  it('an answer is not held past its turn: a quick answer arrives while a slow one on another connection is pending', async () => {
    const port = await listen((req, res) => (req.url === '/slow' ? setTimeout(() => answer(res, { slow: true }), 1000) : answer(res, { quick: true })));
    const slow = exchange(port, 'GET /slow HTTP/1.1\r\nHost: x\r\n\r\n', 1);
    const started = Date.now();
    const quick = await exchange(port, 'GET /quick HTTP/1.1\r\nHost: x\r\n\r\n', 1);
    expect(quick).toContain('{"quick":true}');
    expect(Date.now() - started).toBeLessThan(500);
    expect(await slow).toContain('{"slow":true}');
  });
});
