// SCIM authorises on the route the router matched (only ServiceProviderConfig is public, by its route config), so
// no spelling of a protected path gets in without a credential: encoded letters and slashes, doubled slashes, dots,
// case, backslashes — each answers 401 (or 400/404), never runs a handler, and changes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, userBody, type ScimHarness } from '../support/scim-harness';
import { raw, respell, SPELLING_STEP, spellings } from './support/url-spellings';

describe('SCIM: authorisation by matched route, for every spelling', () => {
  let h: ScimHarness;
  let port: number;
  let userId: string;
  let groupId: string;
  beforeAll(async () => {
    h = await startHarness();
    port = Number(new URL(h.base).port);
    userId = (await h.scim('POST', '/Users', userBody('spelling.user'))).body.id;
    groupId = (await h.scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'spelling-group' })).body.id;
  });
  afterAll(async () => h.close());

  const state = () => JSON.stringify(['users', 'groups', 'memberships', 'credentials', 'settings'].map((t) => h.server.tenant.db.prepare(`SELECT * FROM ${t}`).raw().all()));
  const routes = () => [
    { method: 'GET', path: '/scim/v2/Users' },
    { method: 'POST', path: '/scim/v2/Users' },
    { method: 'GET', path: `/scim/v2/Users/${userId}` },
    { method: 'PUT', path: `/scim/v2/Users/${userId}` },
    { method: 'PATCH', path: `/scim/v2/Users/${userId}` },
    { method: 'DELETE', path: `/scim/v2/Users/${userId}` },
    { method: 'GET', path: '/scim/v2/Groups' },
    { method: 'POST', path: '/scim/v2/Groups' },
    { method: 'PATCH', path: `/scim/v2/Groups/${groupId}` },
    { method: 'DELETE', path: `/scim/v2/Groups/${groupId}` },
    { method: 'GET', path: '/scim/v2/Schemas' },
    { method: 'GET', path: '/scim/v2/ResourceTypes' },
  ];
  const body = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'displayName', value: 'intruder' }], userName: 'intruder', displayName: 'intruder' });
  const refused = (status: number) => status === 401 || status === 400 || status === 404;

  it('every listed spelling of every protected route, without a credential', async () => {
    const before = state();
    const admitted: string[] = [];
    for (const { method, path } of routes()) {
      for (const target of spellings(path, port)) {
        const res = await raw(port, `${method} ${target} HTTP/1.1`, [], method === 'GET' || method === 'DELETE' ? '' : body);
        if (!refused(res.status)) admitted.push(`${method} ${target} → ${res.status}`);
      }
    }
    expect(admitted).toEqual([]);
    expect(state()).toBe(before);
  });

  it('property: random re-spellings without a credential are refused', async () => {
    const before = state();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes()), fc.array(SPELLING_STEP, { minLength: 1, maxLength: 40 }), async ({ method, path }, plan) => {
        const target = respell(path, plan);
        const res = await raw(port, `${method} ${target} HTTP/1.1`, [], method === 'GET' || method === 'DELETE' ? '' : body);
        expect(refused(res.status), `${method} ${target} → ${res.text.slice(0, 200)}`).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(state()).toBe(before);
  });

  it('the public ServiceProviderConfig stays public in any spelling the router accepts, and it alone', async () => {
    for (const target of ['/scim/v2/ServiceProviderConfig', '/scim/v2/serviceproviderconfig', '/scim/v2/ServiceProviderConfig/', '/scim//v2/ServiceProviderConfig']) {
      expect((await raw(port, `GET ${target} HTTP/1.1`, [], '')).status, target).toBe(200);
    }
    expect((await raw(port, 'GET /scim/v2/ServiceProviderConfig/../Users HTTP/1.1', [], '')).status).not.toBe(200);
  });
});
