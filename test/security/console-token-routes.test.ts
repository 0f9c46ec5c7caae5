// The console token is checked on the route the router matched, never on how the URL was spelled: every AdminApi
// channel (the list comes from the contract) and the event stream, reached through encoded, doubled, dotted,
// re-cased or backslashed spellings without the token, answer 401 or 404 and never run a handler.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_CHANNELS, BRIDGE_API_PREFIX, BRIDGE_EVENTS_PATH, type AdminChannel } from '../../src-main/admin/contract';
import { createAdminHandlers, createDispatcher, type AdminDispatch } from '../../src-main/admin/handlers';
import { buildConsoleApp } from '../../src-main/admin/http-bridge';
import { Tenant } from '../../src-main/core/tenant';

interface RawAnswer {
  status: number;
  text: string;
}

/** One request over a raw socket, so the request line goes out exactly as written. An answer that never ends (the
 *  event stream) is cut after its first bytes: its status line is all the test needs. */
function raw(port: number, requestLine: string, headers: string[] = [], body = '{}'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let data = '';
    const done = () => {
      clearTimeout(cut);
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1] ?? 0), text: data });
    };
    const cut = setTimeout(done, 1500);
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      data += d;
      if (/ 200 /.test(data.split('\r\n')[0] ?? '') && data.includes('text/event-stream')) done();
    });
    socket.on('error', reject);
    socket.on('close', done);
    socket.on('connect', () =>
      socket.end(
        [requestLine, `Host: 127.0.0.1:${port}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', ...headers, '', body].join('\r\n'),
      ),
    );
  });
}

const encodeChar = (c: string, upperHex: boolean) => {
  const hex = c.charCodeAt(0).toString(16).padStart(2, '0');
  return `%${upperHex ? hex.toUpperCase() : hex}`;
};

/** The ways an attacker re-spells a path so that a string test on the raw URL misses it while a router may not. */
function spellings(canonical: string, port: number): string[] {
  const segments = canonical.split('/').slice(1); // ['admin', 'api', 'users.create'] or ['admin', 'events']
  const join = (parts: string[], sep = '/') => `/${parts.join(sep)}`;
  const out = new Set<string>();
  // every character of every segment percent-encoded on its own, in both hex cases
  segments.forEach((segment, i) => {
    [...segment].forEach((c, j) => {
      for (const upper of [false, true]) {
        const parts = [...segments];
        parts[i] = segment.slice(0, j) + encodeChar(c, upper) + segment.slice(j + 1);
        out.add(join(parts));
      }
    });
  });
  out.add(join(segments.map((s) => [...s].map((c) => encodeChar(c, false)).join(''))));
  // encoded slashes
  for (let i = 1; i < segments.length; i++) {
    for (const slash of ['%2F', '%2f', '%5C', '%5c']) out.add(`/${segments.slice(0, i).join('/')}${slash}${segments.slice(i).join('/')}`);
  }
  out.add(`%2F${segments.join('/')}`);
  // doubled slashes, dot segments, trailing dots
  out.add(`/${canonical}`);
  for (let i = 1; i < segments.length; i++) out.add(`/${segments.slice(0, i).join('/')}//${segments.slice(i).join('/')}`);
  out.add(`${canonical}/`);
  out.add(`/./${segments.join('/')}`);
  out.add(`/x/../${segments.join('/')}`);
  out.add(`/x/%2e%2e/${segments.join('/')}`);
  segments.forEach((_, i) => out.add(join(segments.map((s, k) => (k === i ? `${s}.` : s)))));
  // case
  out.add(join(segments.map((s) => s.toUpperCase())));
  out.add(join(segments.map((s) => s[0]!.toUpperCase() + s.slice(1))));
  segments.forEach((_, i) => out.add(join(segments.map((s, k) => (k === i ? s.toUpperCase() : s)))));
  // backslashes
  out.add(join(segments, '\\'));
  out.add(`\\${segments.join('\\')}`);
  for (let i = 1; i < segments.length; i++) out.add(`/${segments.slice(0, i).join('/')}\\${segments.slice(i).join('/')}`);
  // parameters and fragments, and the absolute form of the request target
  out.add(`${canonical};x`);
  out.add(`${canonical}?x=1`);
  out.add(`${canonical}#x`);
  out.add(`http://127.0.0.1:${port}${canonical}`);
  out.add(`http://127.0.0.1:${port}/%61${canonical.slice(2)}`);
  out.add(canonical);
  return [...out];
}

/** Every row of every table: "nothing changed in the tenant" means this is equal before and after. */
function snapshot(tenant: Tenant): string {
  const tables = tenant.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  return JSON.stringify(tables.map((t) => [t, tenant.db.prepare(`SELECT * FROM "${t}"`).raw().all()]));
}

describe('console token: by route, for every spelling', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-bridge-'));
  const token = 'test-console-token-0123456789abcdef';
  let tenant: Tenant;
  let app: FastifyInstance;
  let port = 0;
  const handled: string[] = [];
  let streamsOpened = 0;

  beforeAll(async () => {
    tenant = Tenant.open(path.join(dir, 'tenant.sqlite'));
    const user = tenant.users.create({ UserName: 'probe.user' });
    tenant.groups.create({ GroupName: 'probe-group' });
    tenant.credentials.create();
    expect(user.UserId).toBeTruthy();
    const real = createDispatcher(createAdminHandlers({ tenant, endpoints: () => ({ SCIMEndpoint: 'http://127.0.0.1:1/scim/v2', AcceleratedEndpoint: null }) }));
    const dispatch: AdminDispatch = (channel, request) => {
      handled.push(channel);
      return real(channel, request);
    };
    app = buildConsoleApp({
      dispatch,
      token,
      assetsDir: null,
      port: () => port,
      onChange: () => {
        streamsOpened++;
        return () => {};
      },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    tenant.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the canonical routes work with the token (so a 401 below is the token check, not a missing route)', async () => {
    const listed = await raw(port, `POST ${BRIDGE_API_PREFIX}credentials.list HTTP/1.1`, [`Authorization: Bearer ${token}`]);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.text).toContain('"ok":true');
    const stream = await raw(port, `GET ${BRIDGE_EVENTS_PATH} HTTP/1.1`, [`Authorization: Bearer ${token}`], '');
    expect(stream.status).toBe(200);
    expect(handled).toEqual(['credentials.list']);
    handled.length = 0;
    streamsOpened = 0;
  });

  const targets: { name: string; method: string; canonical: string }[] = [
    ...ADMIN_CHANNELS.map((c: AdminChannel) => ({ name: c, method: 'POST', canonical: `${BRIDGE_API_PREFIX}${c}` })),
    { name: 'event stream', method: 'GET', canonical: BRIDGE_EVENTS_PATH },
  ];

  it.each(targets)('$name: no spelling without the token runs a handler or changes the tenant', async ({ method, canonical }) => {
    const before = snapshot(tenant);
    const answers: string[] = [];
    for (const target of spellings(canonical, port)) {
      for (const headers of [[], ['Authorization: Bearer wrong-token'], [`Authorization: ${token}`]]) {
        const res = await raw(port, `${method} ${target} HTTP/1.1`, headers, method === 'GET' ? '' : '{"UserName":"intruder","GroupName":"intruders","Status":"Disabled"}');
        if (res.status !== 401 && res.status !== 404 && res.status !== 400) answers.push(`${target} ${headers.join(' ')} → ${res.status}`);
      }
    }
    expect(answers).toEqual([]);
    expect(handled).toEqual([]);
    expect(streamsOpened).toBe(0);
    expect(snapshot(tenant)).toBe(before);
  });

  it('property: any random re-spelling of an admin path without the token is refused', async () => {
    const before = snapshot(tenant);
    const canonicalPaths = targets.map((t) => ({ method: t.method, path: t.canonical }));
    const mutation = fc.constantFrom('keep', 'encode', 'ENCODE', 'upper', 'double', 'backslash', 'dot', 'encodedSlash');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...canonicalPaths), fc.array(mutation, { minLength: 1, maxLength: 40 }), async ({ method, path: canonical }, plan) => {
        let spelled = '';
        [...canonical].forEach((c, i) => {
          const how = plan[i % plan.length]!;
          if (how === 'encode' || how === 'ENCODE') spelled += encodeChar(c, how === 'ENCODE');
          else if (how === 'upper') spelled += c.toUpperCase();
          else if (how === 'double' && c === '/') spelled += '//';
          else if (how === 'backslash' && c === '/') spelled += i === 0 ? '/\\' : '\\';
          else if (how === 'dot' && c === '/' && i > 0) spelled += './';
          else if (how === 'encodedSlash' && c === '/' && i > 0) spelled += '%2F';
          else spelled += c;
        });
        const res = await raw(port, `${method} ${spelled} HTTP/1.1`, [], method === 'GET' ? '' : '{}');
        expect([400, 401, 404], `${method} ${spelled} → ${res.text.slice(0, 200)}`).toContain(res.status);
      }),
      { numRuns: 300 },
    );
    expect(handled).toEqual([]);
    expect(streamsOpened).toBe(0);
    expect(snapshot(tenant)).toBe(before);
  });
});
