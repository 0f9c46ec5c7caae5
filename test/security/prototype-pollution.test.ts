// A PATCH path is a property path: "__proto__.x" or "constructor.prototype.x" must never reach Object.prototype
// of the server process (where, for example, "public" would switch authentication off for every route).
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

  it('a value that names "__proto__" is stored as data, never as a prototype', async () => {
    const res = await call('PATCH', `/Users/${userId}`, '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"__proto__":{"public":true}}}]}');
    expect(res.status).toBeLessThan(500);
    expect((await fetch(`${server.info.scimEndpoint}/Users`)).status).toBe(401);
    expect((await fetch(`${server.info.scimEndpoint}/Groups`)).status).toBe(401);
  });

  it('a filter value or a quoted string that says "constructor" is still fine', async () => {
    const res = await call('PATCH', `/Users/${userId}`, patchOp({ op: 'replace', path: 'emails[value eq "constructor@example.com"].type', value: 'home' }));
    expect(res.status).toBeLessThan(500);
    expect(res.body?.scimType).not.toBe('invalidPath');
    expect((await call('PATCH', `/Users/${userId}`, patchOp({ op: 'replace', path: 'title', value: '__proto__' }))).status).toBe(200);
  });
});
