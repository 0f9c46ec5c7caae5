// The demo IdP is a plain SCIM client: here it runs against a minimal in-memory SCIM server that knows nothing of
// CloudSSO, and every request it sends is recorded, so the Entra and Okta shapes can be checked one by one.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDirectory } from '../../../src-main/idp/directory-generator';
import { push } from '../../../src-main/idp/push';
import { replayDay } from '../../../src-main/idp/replay-day';
import { ScimClient } from '../../../src-main/idp/scim-client';

interface Recorded {
  method: string;
  url: string;
  auth: string | undefined;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- arbitrary SCIM JSON
}

/** Just enough SCIM: eq lookups on userName/displayName, create, get (a group with its members), put, patch (members only), delete. */
function miniScimServer() {
  const requests: Recorded[] = [];
  const users = new Map<string, Record<string, unknown>>();
  const groups = new Map<string, { displayName: string; members: Set<string> }>();
  let seq = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : null;
      requests.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      const send = (status: number, payload?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/scim+json' });
        res.end(payload === undefined ? '' : JSON.stringify(payload));
      };
      const url = new URL(req.url!, 'http://x');
      const [, , , kind, id] = url.pathname.split('/'); // /scim/v2/<kind>/<id>
      const filter = url.searchParams.get('filter');
      const eq = filter ? /^(\w+) eq "(.*)"$/.exec(filter) : null;
      if (kind === 'Users') {
        if (req.method === 'GET' && !id) {
          const found = [...users.entries()].filter(([, u]) => eq && String(u[eq[1]!]).toLowerCase() === eq[2]!.toLowerCase());
          return send(200, { totalResults: found.length, Resources: found.map(([uid, u]) => ({ ...u, id: uid })) });
        }
        if (req.method === 'POST') {
          const uid = `user-${++seq}`;
          users.set(uid, body);
          return send(201, { ...body, id: uid });
        }
        if (req.method === 'GET') return users.has(id!) ? send(200, { ...users.get(id!), id }) : send(404);
        if (req.method === 'PUT' || req.method === 'PATCH') return send(200, { ...users.get(id!), id });
        if (req.method === 'DELETE') return users.delete(id!), send(204);
      }
      if (kind === 'Groups') {
        if (req.method === 'GET' && !id) {
          const found = [...groups.entries()].filter(([, g]) => eq && g.displayName === eq[2]);
          return send(200, { totalResults: found.length, Resources: found.map(([gid, g]) => ({ id: gid, displayName: g.displayName })) });
        }
        if (req.method === 'GET') {
          const g = groups.get(id!);
          return g ? send(200, { id, displayName: g.displayName, members: [...g.members].map((value) => ({ value })) }) : send(404);
        }
        if (req.method === 'POST') {
          const gid = `group-${++seq}`;
          groups.set(gid, { displayName: body.displayName, members: new Set() });
          return send(201, { id: gid, displayName: body.displayName });
        }
        if (req.method === 'PATCH') {
          const g = groups.get(id!)!;
          for (const op of body.Operations) {
            if (op.path === 'members' && /^add$/i.test(op.op)) for (const m of op.value) g.members.add(m.value);
            if (op.path === 'members' && /^remove$/i.test(op.op)) for (const m of op.value) g.members.delete(m.value);
            const filtered = /^members\[value eq "(.+)"\]$/.exec(op.path ?? '');
            if (filtered) g.members.delete(filtered[1]!);
            if (op.path === 'displayName') g.displayName = op.value;
            if (!op.path && op.value?.displayName) g.displayName = op.value.displayName;
          }
          return send(204);
        }
        if (req.method === 'DELETE') return groups.delete(id!), send(204);
      }
      send(404, { detail: 'no such resource' });
    });
  });
  return { server, requests, users, groups };
}

describe('demo IdP against another SCIM server', () => {
  const mini = miniScimServer();
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((r) => mini.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(mini.server.address() as AddressInfo).port}/scim/v2`;
  });
  afterAll(() => new Promise<void>((r) => mini.server.close(() => r())));

  it('pushes a directory with Entra-shaped requests and replays an Entra day', async () => {
    const directory = generateDirectory({ users: 120, groups: 6, seed: 2 });
    const client = new ScimClient({ endpoint: base, token: 'any-server-token', concurrency: 2 });
    const pushed = await push(client, directory);
    expect(pushed).toMatchObject({ usersCreated: 120, groupsCreated: 6, failed: 0 });
    expect(mini.users.size).toBe(120);
    const stored = [...mini.groups.values()].find((g) => g.displayName === 'All-Staff')!;
    expect(stored.members.size).toBe(120);

    const req = mini.requests;
    expect(req.every((r) => r.auth === 'Bearer any-server-token')).toBe(true);
    expect(decodeURIComponent(req[0]!.url)).toMatch(/^\/scim\/v2\/Users\?filter=userName eq "[0-9a-f-]{36}"$/);
    const userCreate = req.find((r) => r.method === 'POST' && r.url === '/scim/v2/Users')!.body;
    expect(userCreate.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']);
    expect(userCreate).toMatchObject({ meta: { resourceType: 'User' }, roles: [], active: true });
    expect(userCreate['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toHaveProperty('employeeNumber');
    const groupCreate = req.find((r) => r.method === 'POST' && r.url === '/scim/v2/Groups')!.body;
    expect(groupCreate.schemas).toContain('http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group');
    expect(groupCreate.members).toEqual([]);
    const memberPatches = req.filter((r) => r.method === 'PATCH').map((r) => r.body);
    for (const p of memberPatches) {
      expect(p.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:PatchOp']);
      expect(p.Operations[0]).toMatchObject({ op: 'Add', path: 'members' });
      expect(p.Operations[0].value.length).toBeLessThanOrEqual(50);
      expect(p.Operations[0].value.every((m: { $ref: unknown }) => m.$ref === null)).toBe(true);
    }
    // each user is looked up before it is created, as Entra does
    const lookups = req.filter((r) => r.method === 'GET' && decodeURIComponent(r.url).includes('userName eq'));
    expect(lookups.length).toBe(121);

    const before = req.length;
    const day = await replayDay(client, directory, pushed.state, { style: 'entra' });
    expect(day.failed).toBe(0);
    const dayRequests = req.slice(before);
    const deactivate = dayRequests.find((r) => r.method === 'PATCH' && r.body.Operations[0].path === 'active')!;
    expect(deactivate.body.Operations[0]).toEqual({ op: 'Replace', path: 'active', value: 'False' });
    expect(dayRequests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(mini.users.size).toBe(119);
  });

  it('replays an Okta day: GET-then-PUT renames, no-path deactivation, filtered member removal, group deletion', async () => {
    const directory = generateDirectory({ users: 40, groups: 6, seed: 3 });
    const client = new ScimClient({ endpoint: base, token: 't' });
    const pushed = await push(client, directory, { style: 'okta' });
    expect(pushed.failed).toBe(0);
    const okCreate = mini.requests.filter((r) => r.method === 'POST' && r.url === '/scim/v2/Users').at(-1)!.body;
    expect(okCreate).toHaveProperty('password');
    expect(okCreate.groups).toEqual([]);
    const before = mini.requests.length;
    const day = await replayDay(client, directory, pushed.state, { style: 'okta' });
    expect(day.failed).toBe(0);
    const dayRequests = mini.requests.slice(before);
    const puts = dayRequests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    for (const put of puts) {
      const i = dayRequests.indexOf(put);
      expect(dayRequests[i - 1]).toMatchObject({ method: 'GET', url: put.url });
      expect(put.body.id).toBe(put.url.split('/').pop());
    }
    expect(dayRequests.filter((r) => r.method === 'PATCH' && r.body.Operations[0].value?.active === false)).toHaveLength(2);
    expect(dayRequests.some((r) => r.method === 'PATCH' && /^members\[value eq "/.test(r.body.Operations[0].path ?? ''))).toBe(true);
    expect(dayRequests.filter((r) => r.method === 'DELETE')).toEqual([expect.objectContaining({ url: expect.stringMatching(/^\/scim\/v2\/Groups\//) })]);
  });
});
