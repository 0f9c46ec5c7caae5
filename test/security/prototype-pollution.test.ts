// A PATCH path or a body key is a property name to JavaScript: "__proto__.x" or "constructor.prototype.x" must never
// reach Object.prototype of the server process (where, for example, "public" or "authorization" would switch
// authentication off for every route). The random version is prototype-pollution.property.test.ts.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchOp, scimClient, userDoc, type ScimCall } from '../reliability/support/scim-client';
import { startServe, tempDir, type ServeProcess } from '../reliability/support/serve-process';
import { prepareTenant } from '../reliability/support/tenant-setup';

describe('PATCH cannot pollute the server', () => {
  const dir = tempDir();
  let server: ServeProcess;
  let call: ScimCall;
  let userId: string;
  let groupId: string;
  beforeAll(async () => {
    const { dataFile, secret } = prepareTenant(dir);
    server = await startServe(dataFile);
    call = scimClient(server.info.scimEndpoint, secret);
    userId = (await call('POST', '/Users', userDoc('proto.user'))).body.id;
    groupId = (await call('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'proto-group' })).body.id;
  });
  afterAll(async () => {
    await server.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const PATHS = ['__proto__.public', 'constructor.prototype.public', 'name.__proto__.public', 'emails[type eq "work"].__proto__.public', '__proto__', 'name.constructor.prototype.public', 'urn:ietf:params:scim:schemas:core:2.0:User:__proto__.public'];

  it.each(PATHS.flatMap((path) => ['add', 'replace'].map((op) => ({ path, op }))))('$op $path → 400 invalidPath, and authentication still holds', async ({ path, op }) => {
    for (const target of [`/Users/${userId}`, `/Groups/${groupId}`]) {
      const res = await call('PATCH', target, patchOp({ op, path, value: path.endsWith('__proto__') ? { public: true } : true }));
      expect(res.status, res.text).toBe(400);
      expect(res.body.scimType).toBe('invalidPath');
    }
    const anonymous = await fetch(`${server.info.scimEndpoint}/Users`);
    expect(anonymous.status).toBe(401);
  });

  const VALUE_KEYS = ['{"__proto__":{"public":true}}', '{"__proto__.authorization":"Bearer stolen"}', '{"__proto__:title":"x"}', '{"Constructor.Prototype.public":true}', '{"name":{"constructor.prototype.x":"y"}}',
    '{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"__PROTO__":{"public":true}}}', '{"emails":[{"value":"a@b.c","__proto__":{"public":true}}]}'];

  it.each(VALUE_KEYS)('a PATCH value with the key in %s → 400 invalidValue naming the rule, and authentication still holds', async (value) => {
    for (const target of [`/Users/${userId}`, `/Groups/${groupId}`]) {
      for (const op of ['add', 'replace']) {
        const res = await call('PATCH', target, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"${op}","value":${value}}]}`);
        expect(res.status, res.text).toBe(400);
        expect(res.body.scimType).toBe('invalidValue');
        expect(res.body.detail).toMatch(/names __proto__, constructor or prototype/);
      }
    }
    expect((await fetch(`${server.info.scimEndpoint}/Users`)).status).toBe(401);
    expect((await fetch(`${server.info.scimEndpoint}/Groups`)).status).toBe(401);
  });

  it('POST and PUT bodies with such a key are refused too; a later POST without emails still works', async () => {
    const user = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"proto.put","name":{"__proto__":{"public":true}}}';
    expect((await call('POST', '/Users', user)).status).toBe(400);
    expect((await call('PUT', `/Users/${userId}`, user)).status).toBe(400);
    expect((await call('POST', '/Groups', '{"displayName":"proto-g","constructor":{"prototype":{"public":true}}}')).status).toBe(400);
    expect((await call('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'no.emails.later' })).status).toBe(201);
    expect((await fetch(`${server.info.scimEndpoint}/Users`, { method: 'POST' })).status).toBe(401);
  });

  it('a filter value or a quoted string that says "constructor" is still fine', async () => {
    const res = await call('PATCH', `/Users/${userId}`, patchOp({ op: 'replace', path: 'emails[value eq "constructor@example.com"].type', value: 'home' }));
    expect(res.status).toBeLessThan(500);
    expect(res.body?.scimType).not.toBe('invalidPath');
    expect((await call('PATCH', `/Users/${userId}`, patchOp({ op: 'replace', path: 'title', value: '__proto__' }))).status).toBe(200);
  });
});
