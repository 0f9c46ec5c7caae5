// The console token is checked on the route the router matched, never on how the URL was spelled: every AdminApi
// channel (the list comes from the contract) and the event stream, reached through encoded, doubled, dotted,
// re-cased or backslashed spellings without the token, answer 401 or 404 and never run a handler.
import { SearchWorker } from '../../src-main/core/store/search-worker';
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_CHANNELS, BRIDGE_API_PREFIX, BRIDGE_EVENTS_PATH, type AdminChannel } from '../../src-main/admin/contract';
import { createAdminHandlers, createDispatcher, type AdminDispatch } from '../../src-main/admin/handlers';
import { buildConsoleApp } from '../../src-main/admin/http-bridge';
import { Tenant } from '../../src-main/core/tenant';
import { raw, respell, SPELLING_STEP, spellings } from './support/url-spellings';

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
    const real = createDispatcher(createAdminHandlers({ tenant, searches: new SearchWorker(tenant.file), endpoints: () => ({ SCIMEndpoint: 'http://127.0.0.1:1/scim/v2', AcceleratedEndpoint: null, APIEndpoint: null }) }));
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
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...canonicalPaths), fc.array(SPELLING_STEP, { minLength: 1, maxLength: 40 }), async ({ method, path: canonical }, plan) => {
        const spelled = respell(canonical, plan);
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
