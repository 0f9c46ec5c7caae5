import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, userBody, type ScimHarness } from '../support/scim-harness';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe('SCIM errors and HTTP hygiene', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  const expectError = (res: { status: number; headers: Headers; body: { status: string; schemas: string[]; detail: string } }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(res.body.schemas).toEqual([ERROR]);
    expect(res.body.status).toBe(String(status));
    expect(typeof res.body.status).toBe('string');
    expect(res.body.detail.length).toBeGreaterThan(0);
  };

  it('answers application/scim+json on success', async () => {
    for (const path of ['/Users', '/Groups', '/ResourceTypes', '/Schemas', '/ServiceProviderConfig']) {
      expect((await h.scim('GET', path)).headers.get('content-type'), path).toMatch(/^application\/scim\+json/);
    }
  });

  it('accepts request bodies sent as application/json', async () => {
    const res = await h.scim('POST', '/Users', JSON.stringify(userBody('hyg.json')), { 'content-type': 'application/json' });
    expect(res.status).toBe(201);
    expect(res.body.userName).toBe('hyg.json');
    const charset = await h.scim('POST', '/Users', JSON.stringify(userBody('hyg.charset')), { 'content-type': 'application/scim+json; charset=utf-8' });
    expect(charset.status).toBe(201);
  });

  it('refuses other media types with a SCIM error and creates nothing', async () => {
    const res = await h.scim('POST', '/Users', 'userName=hyg.form', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectError(res, res.status);
    expect(h.server.tenant.users.findByUserName('hyg.form')).toBeNull();
  });

  it('malformed JSON → 400 invalidSyntax', async () => {
    const res = await h.scim('POST', '/Users', '{"userName": "broken",', { 'content-type': 'application/scim+json' });
    expectError(res, 400);
    expect(res.body.scimType).toBe('invalidSyntax');
    const notObject = await h.scim('POST', '/Users', '[1,2,3]');
    expectError(notObject, 400);
  });

  it('a body over 1 MiB → 413 with a SCIM error body', async () => {
    const big = JSON.stringify(userBody('hyg.big', { title: 'x'.repeat(1024 * 1024 + 10) }));
    const res = await h.scim('POST', '/Users', big);
    expectError(res, 413);
    expect(h.server.tenant.users.findByUserName('hyg.big')).toBeNull();
  });

  it('a body just under 1 MiB is not refused for its size', async () => {
    const body = JSON.stringify(userBody('hyg.almost', { title: 'x'.repeat(1000) , nickName: 'y'.repeat(1024 * 1024 - 2000) }));
    expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024);
    const res = await h.scim('POST', '/Users', body);
    expect(res.status).not.toBe(413);
  });

  it('unknown path → 404 with a SCIM error body', async () => {
    for (const path of ['/Nope', '/Users/u-aaaaaaaaaaaaaaaaaaaa/extra']) expectError(await h.scim('GET', path), 404);
    const outside = await fetch(`${h.base.replace('/scim/v2', '')}/not-scim`, { headers: { authorization: `Bearer ${h.secret}` } });
    expect(outside.status).toBe(404);
    expect((await outside.json()).status).toBe('404');
  });

  it('wrong method on a known path → 405 with a SCIM error body', async () => {
    expectError(await h.scim('DELETE', '/Users'), 405);
    expectError(await h.scim('PUT', '/Groups', { displayName: 'x' }), 405);
    expectError(await h.scim('POST', '/Users/u-aaaaaaaaaaaaaaaaaaaa', userBody('hyg.405')), 405);
    expectError(await h.scim('PATCH', '/ServiceProviderConfig', {}), 405);
  });

  it('a 405 lists the methods the resource does support in Allow (RFC 9110 §15.5.6)', async () => {
    const allow = async (method: string, path: string) => {
      const res = await h.scim(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(res.status, `${method} ${path}`).toBe(405);
      return (res.headers.get('allow') ?? '').split(',').map((m) => m.trim()).filter(Boolean).sort();
    };
    expect(await allow('DELETE', '/Users')).toEqual(expect.arrayContaining(['GET', 'POST']));
    expect(await allow('DELETE', '/Users')).not.toContain('DELETE');
    expect(await allow('POST', '/Groups/g-aaaaaaaaaaaaaaaaaaaa')).toEqual(expect.arrayContaining(['DELETE', 'GET', 'PATCH', 'PUT']));
    expect(await allow('PATCH', '/ServiceProviderConfig')).toEqual(expect.arrayContaining(['GET']));
    expect(await allow('PATCH', '/ServiceProviderConfig')).not.toContain('PATCH');
  });

  it('nesting deeper than the server accepts → 400 invalidSyntax, not a crash', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = { a: deep };
    const res = await h.scim('POST', '/Users', userBody('hyg.deep', { title: deep }));
    expectError(res, 400);
    expect(res.body.scimType).toBe('invalidSyntax');
  });

  it('matches resource segments case-insensitively (/users, /GROUPS, /serviceproviderconfig)', async () => {
    const created = await h.scim('POST', '/users', userBody('hyg.lower'));
    expect(created.status).toBe(201);
    expect((await h.scim('GET', `/USERS/${created.body.id}`)).body.userName).toBe('hyg.lower');
    expect((await h.scim('GET', '/groups')).status).toBe(200);
    expect((await h.scim('GET', '/GROUPS')).status).toBe(200);
    expect((await h.scim('GET', '/serviceproviderconfig')).status).toBe(200);
  });

  it('a trailing slash is tolerated', async () => {
    expect((await h.scim('GET', '/Users/')).status).toBe(200);
  });

  it('/Me, /Bulk and /.search → 501 with a SCIM error body', async () => {
    for (const [method, path] of [['GET', '/Me'], ['POST', '/Bulk'], ['POST', '/.search'], ['POST', '/Users/.search'], ['POST', '/Groups/.search']]) {
      const res = await h.scim(method!, path!, method === 'POST' ? {} : undefined);
      expectError(res, 501);
    }
  });

  it('every 4xx names itself in a SCIM error body (400 invalidValue, 404, 409)', async () => {
    expectError(await h.scim('POST', '/Users', { userName: 'bad name' }), 400);
    expectError(await h.scim('GET', '/Groups/g-aaaaaaaaaaaaaaaaaaaa'), 404);
    await h.scim('POST', '/Users', userBody('hyg.dup'));
    expectError(await h.scim('POST', '/Users', userBody('hyg.dup')), 409);
  });

  it('an invalid filter → 400 invalidFilter', async () => {
    const res = await h.scim('GET', '/Users?filter=' + encodeURIComponent('userName eq'));
    expectError(res, 400);
    expect(res.body.scimType).toBe('invalidFilter');
  });

  it('a POST without a body → 400, not 500', async () => {
    const res = await h.scim('POST', '/Users', undefined, { 'content-type': 'application/scim+json' });
    expectError(res, 400);
  });
});

describe('SCIM internal errors', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  it('an unexpected failure is a 500 with a SCIM error body that leaks no stack or SQL', async () => {
    // break the tenant under the running server so that writing a user fails inside SQLite
    h.server.tenant.db.exec('DROP TABLE user_emails');
    const res = await h.scim('POST', '/Users', userBody('internal.error'));
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(res.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '500' });
    expect(res.text).not.toMatch(/user_emails|SqliteError|\bat\s+\S+\.(js|ts):\d+/);
    expect(h.server.tenant.users.findByUserName('internal.error')).toBeNull();
  });
});
