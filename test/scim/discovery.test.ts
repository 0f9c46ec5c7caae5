import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, GROUP_SCHEMA, USER_SCHEMA, patch, rfcFullUser, startHarness, userBody, type ScimHarness } from '../support/scim-harness';

type SchemaAttr = { name: string; type: string; multiValued: boolean; mutability: string; returned: string; uniqueness: string; caseExact: boolean; required: boolean; subAttributes?: SchemaAttr[] };
type Schema = { id: string; attributes: SchemaAttr[] };

describe('SCIM discovery', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  it('answers /ServiceProviderConfig without any Authorization header, as CloudSSO does', async () => {
    const res = await fetch(`${h.base}/ServiceProviderConfig`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    const spc = await res.json();
    expect(spc.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig']);
    expect(spc.patch.supported).toBe(true);
    expect(spc.filter).toMatchObject({ supported: true, maxResults: 100 });
    expect(spc.authenticationSchemes.map((s: { type: string }) => s.type)).toContain('oauthbearertoken');
    expect(spc.meta.location).toBe(`${h.base}/ServiceProviderConfig`);
  });

  it('still answers /ServiceProviderConfig while the sync switch is off', async () => {
    h.server.tenant.settings.setSync('Disabled');
    try {
      const res = await fetch(`${h.base}/ServiceProviderConfig`);
      expect(res.status).toBe(200);
    } finally {
      h.server.tenant.settings.setSync('Enabled');
    }
  });

  it('tells the truth about bulk: advertised unsupported and /Bulk answers 501', async () => {
    const spc = (await h.scim('GET', '/ServiceProviderConfig')).body;
    expect(spc.bulk.supported).toBe(false);
    const bulk = await h.scim('POST', '/Bulk', { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] });
    expect(bulk.status).toBe(501);
  });

  it('tells the truth about etag: advertised unsupported and no ETag header is sent', async () => {
    const spc = (await h.scim('GET', '/ServiceProviderConfig')).body;
    const created = await h.scim('POST', '/Users', userBody('etag.probe'));
    const got = await h.scim('GET', `/Users/${created.body.id}`);
    expect(spc.etag.supported).toBe(got.headers.get('etag') !== null);
    expect(got.body.meta.version === undefined).toBe(!spc.etag.supported);
  });

  it('tells the truth about sort: advertised unsupported and sortBy does not reorder a list', async () => {
    const spc = (await h.scim('GET', '/ServiceProviderConfig')).body;
    await h.scim('POST', '/Users', userBody('zz.sort'));
    await h.scim('POST', '/Users', userBody('aa.sort'));
    const plain = await h.scim('GET', '/Users?filter=' + encodeURIComponent('userName ew ".sort"'));
    const sorted = await h.scim('GET', '/Users?sortBy=userName&sortOrder=ascending&filter=' + encodeURIComponent('userName ew ".sort"'));
    const names = (r: { body: { Resources: { userName: string }[] } }) => r.body.Resources.map((u) => u.userName);
    expect(names(plain)).toEqual(['zz.sort', 'aa.sort']);
    const reordered = names(sorted).join() !== names(plain).join();
    expect(spc.sort.supported).toBe(reordered);
  });

  it('tells the truth about changePassword: a password PATCH is applied exactly when it is advertised', async () => {
    const spc = (await h.scim('GET', '/ServiceProviderConfig')).body;
    const created = await h.scim('POST', '/Users', userBody('pw.change'));
    const row = () => h.server.tenant.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(created.body.id) as { password_hash: string | null };
    const before = row().password_hash;
    const res = await h.scim('PATCH', `/Users/${created.body.id}`, patch({ op: 'replace', path: 'password', value: 'N3w-Passw0rd!' }));
    const changed = res.status === 200 && row().password_hash !== before;
    expect(spc.changePassword.supported).toBe(changed);
  });

  it('lists the User and Group resource types, User with the optional enterprise extension', async () => {
    const res = await h.scim('GET', '/ResourceTypes');
    expect(res.status).toBe(200);
    expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
    expect(res.body.totalResults).toBe(2);
    expect(Number.isInteger(res.body.startIndex) && Number.isInteger(res.body.itemsPerPage)).toBe(true);
    const byId = Object.fromEntries(res.body.Resources.map((r: { id: string }) => [r.id, r]));
    expect(byId.User).toMatchObject({ endpoint: '/Users', schema: USER_SCHEMA, schemaExtensions: [{ schema: ENTERPRISE, required: false }] });
    expect(byId.Group).toMatchObject({ endpoint: '/Groups', schema: GROUP_SCHEMA });
    const one = await h.scim('GET', '/ResourceTypes/User');
    expect(one.status).toBe(200);
    expect(one.body.id).toBe('User');
    expect((await h.scim('GET', '/ResourceTypes/Nope')).status).toBe(404);
  });

  it('serves /Schemas with every attribute characterised (type, mutability, returned, uniqueness, caseExact)', async () => {
    const res = await h.scim('GET', '/Schemas');
    expect(res.status).toBe(200);
    const ids = res.body.Resources.map((s: Schema) => s.id).sort();
    expect(ids).toEqual([GROUP_SCHEMA, ENTERPRISE, USER_SCHEMA].sort());
    const check = (a: SchemaAttr) => {
      expect(['string', 'boolean', 'complex', 'reference', 'dateTime', 'binary', 'decimal', 'integer']).toContain(a.type);
      expect(['readOnly', 'readWrite', 'immutable', 'writeOnly']).toContain(a.mutability);
      expect(['always', 'never', 'default', 'request']).toContain(a.returned);
      expect(['none', 'server', 'global']).toContain(a.uniqueness);
      expect(typeof a.caseExact).toBe('boolean');
      expect(typeof a.multiValued).toBe('boolean');
      (a.subAttributes ?? []).forEach(check);
    };
    for (const s of res.body.Resources as Schema[]) s.attributes.forEach(check);
    const one = await h.scim('GET', `/Schemas/${USER_SCHEMA}`);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(USER_SCHEMA);
  });

  it('describes the CloudSSO rules in the User and Group schemas', async () => {
    const all = (await h.scim('GET', '/Schemas')).body.Resources as Schema[];
    const attr = (schema: string, name: string) => all.find((s) => s.id === schema)!.attributes.find((a) => a.name === name)!;
    expect(attr(USER_SCHEMA, 'userName')).toMatchObject({ required: true, uniqueness: 'server', mutability: 'immutable', caseExact: false });
    expect(attr(USER_SCHEMA, 'password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(attr(USER_SCHEMA, 'id')).toMatchObject({ mutability: 'readOnly', returned: 'always' });
    expect(attr(GROUP_SCHEMA, 'displayName')).toMatchObject({ required: true, uniqueness: 'server' });
    expect(attr(GROUP_SCHEMA, 'members').multiValued).toBe(true);
  });

  it('describes exactly the attributes a stored user and group are served with', async () => {
    const all = (await h.scim('GET', '/Schemas')).body.Resources as Schema[];
    const names = (schema: string) => new Set(all.find((s) => s.id === schema)!.attributes.map((a) => a.name));
    // the RFC's full user, with a password (sent, never returned) and another name so it does not collide
    const full = { ...rfcFullUser(), externalId: 'ext-full', userName: 'full.schema', password: 't1meMa$heen', emails: [{ value: 'full.schema@example.com', type: 'work', primary: true }] };
    const user = (await h.scim('POST', '/Users', full)).body;
    const served = Object.keys(user).filter((k) => !['schemas', 'meta', ENTERPRISE].includes(k));
    const userNames = names(USER_SCHEMA);
    for (const k of served) expect(userNames, `served attribute ${k} is described`).toContain(k);
    for (const k of Object.keys(user[ENTERPRISE])) expect(names(ENTERPRISE)).toContain(k);
    // and nothing described as returned is silently dropped when the IdP sent it
    const userSchema = all.find((s) => s.id === USER_SCHEMA)!;
    for (const a of userSchema.attributes) {
      if (a.returned === 'never') expect(user, `${a.name} is never returned`).not.toHaveProperty(a.name);
      else if (a.name in full && a.mutability !== 'readOnly') expect(user, `${a.name} is returned`).toHaveProperty(a.name);
    }
    const group = (await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'schema-check', externalId: 'g-ext', members: [{ value: user.id }] })).body;
    const groupNames = names(GROUP_SCHEMA);
    for (const k of Object.keys(group).filter((k) => !['schemas', 'meta'].includes(k))) expect(groupNames).toContain(k);
  });

  it('describes the user attribute "groups" only if users are served with it', async () => {
    const all = (await h.scim('GET', '/Schemas')).body.Resources as Schema[];
    const described = all.find((s) => s.id === USER_SCHEMA)!.attributes.find((a) => a.name === 'groups');
    const u = (await h.scim('POST', '/Users', userBody('groups.attr'))).body;
    await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'groups-attr', members: [{ value: u.id }] });
    const got = (await h.scim('GET', `/Users/${u.id}`)).body;
    const served = Array.isArray(got.groups) && got.groups.some((g: { value: string }) => typeof g.value === 'string');
    expect(described !== undefined && described.returned !== 'request' && described.returned !== 'never').toBe(served);
  });
});
