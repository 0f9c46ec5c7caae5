import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_SCHEMA, rfcFullUser, startHarness, userBody, type ScimHarness, TRANSPORTS } from '../support/scim-harness';

const ID = /^u-[a-z0-9]{20}$/;

describe.each(TRANSPORTS)('SCIM /Users: create, read, list, replace, delete — over %s', (transport) => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness({ transport })));
  afterAll(async () => h.close());

  it('POST creates a user: 201, Location = meta.location, meta with created/lastModified, a CloudSSO id', async () => {
    const res = await h.scim('POST', '/Users', userBody('crud.create'));
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(res.body.id).toMatch(ID);
    expect(res.headers.get('location')).toBe(`${h.base}/Users/${res.body.id}`);
    expect(res.body.meta).toMatchObject({ resourceType: 'User', location: `${h.base}/Users/${res.body.id}` });
    expect(Date.parse(res.body.meta.created)).not.toBeNaN();
    expect(res.body.meta.lastModified).toBe(res.body.meta.created);
    expect(res.body.schemas).toContain(USER_SCHEMA);
    expect(res.body).toMatchObject({ userName: 'crud.create', name: { givenName: 'Given', familyName: 'Family' }, displayName: 'Display crud.create', active: true });
    const user = h.server.tenant.users.get(res.body.id);
    expect(user).toMatchObject({ UserName: 'crud.create', FirstName: 'Given', LastName: 'Family', DisplayName: 'Display crud.create', Email: 'crudcreate@example.com', Status: 'Enabled', ProvisionType: 'Synchronized' });
  });

  it('GET by id returns what POST returned; an unknown id is a 404 with a SCIM error body', async () => {
    const created = (await h.scim('POST', '/Users', userBody('crud.get'))).body;
    const got = await h.scim('GET', `/Users/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created);
    const missing = await h.scim('GET', '/Users/u-aaaaaaaaaaaaaaaaaaaa');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' });
  });

  it('stores the whole RFC 7643 core User and the enterprise extension as sent, and returns it', async () => {
    const body = rfcFullUser();
    const created = await h.scim('POST', '/Users', body);
    expect(created.status).toBe(201);
    const got = (await h.scim('GET', `/Users/${created.body.id}`)).body;
    const { schemas, ...rest } = body;
    expect(got).toMatchObject(rest);
    expect(got.schemas).toEqual(expect.arrayContaining(schemas));
    expect(h.server.tenant.users.get(got.id)).toMatchObject({ UserName: 'bjensen@example.com', FirstName: 'Barbara', LastName: 'Jensen', DisplayName: 'Babs Jensen', Email: 'bjensen@example.com', ExternalId: { Id: '701984-ext', Issuer: 'SCIM' } });
  });

  it('keeps multi-valued attributes as sent: sub-attributes such as display survive, no primary is invented', async () => {
    const emails = [{ value: 'kept.work@example.com', type: 'work', display: 'Work mail' }, { value: 'kept.home@example.com', type: 'home' }];
    const created = await h.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'kept.as.sent', emails });
    expect(created.status).toBe(201);
    expect(created.body.emails).toEqual(emails);
    expect((await h.scim('GET', `/Users/${created.body.id}`)).body.emails).toEqual(emails);
    expect(h.server.tenant.users.get(created.body.id).Email).toBe('kept.work@example.com');
  });

  it('stores "True"/"False" strings for primary as booleans in every multi-valued attribute (Entra)', async () => {
    const created = await h.scim('POST', '/Users', {
      schemas: [USER_SCHEMA],
      userName: 'string.booleans',
      emails: [{ value: 'sb.one@example.com', type: 'work', primary: 'False' }, { value: 'sb.two@example.com', type: 'home', primary: 'True' }],
      phoneNumbers: [{ value: '+86 21 5555 0100', type: 'work', primary: 'True' }],
      addresses: [{ type: 'work', locality: 'Shanghai', primary: 'False' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.emails.map((e: { primary: unknown }) => e.primary)).toEqual([false, true]);
    expect(created.body.phoneNumbers[0].primary).toBe(true);
    expect(created.body.addresses[0].primary).toBe(false);
    expect(h.server.tenant.users.get(created.body.id).Email).toBe('sb.two@example.com');
  });

  it('takes the primary email as CloudSSO Email, else the work one, else the first', async () => {
    const pick = async (userName: string, emails: object[]) => {
      const res = await h.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName, emails });
      expect(res.status).toBe(201);
      return h.server.tenant.users.get(res.body.id).Email;
    };
    expect(await pick('mail.primary', [{ value: 'a.primary@x.com', type: 'work' }, { value: 'b.primary@x.com', type: 'home', primary: true }])).toBe('b.primary@x.com');
    expect(await pick('mail.work', [{ value: 'a.work@x.com', type: 'home' }, { value: 'b.work@x.com', type: 'work' }])).toBe('b.work@x.com');
    expect(await pick('mail.first', [{ value: 'a.first@x.com', type: 'home' }, { value: 'b.first@x.com', type: 'other' }])).toBe('a.first@x.com');
  });

  it('accepts a password, stores only a slow hash, never returns it', async () => {
    const created = await h.scim('POST', '/Users', userBody('crud.password', { password: 'Pl@inText-Secret-1' }));
    expect(created.status).toBe(201);
    expect(created.text).not.toContain('Pl@inText-Secret-1');
    expect(created.body).not.toHaveProperty('password');
    const row = h.server.tenant.db.prepare('SELECT * FROM users WHERE id = ?').get(created.body.id) as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain('Pl@inText-Secret-1');
    expect(String(row.password_hash)).toMatch(/^scrypt\$/);
    const got = await h.scim('GET', `/Users/${created.body.id}`);
    expect(got.body).not.toHaveProperty('password');
    const listed = await h.scim('GET', '/Users?filter=' + encodeURIComponent('userName eq "crud.password"'));
    expect(listed.text).not.toContain('scrypt');
  });

  it('ignores null attributes, read-only ones and Okta\'s groups: [] on create', async () => {
    const res = await h.scim('POST', '/Users', userBody('crud.nulls', { nickName: null, title: null, groups: [], id: 'u-chosenbyclient00000', meta: { resourceType: 'User', created: '2000-01-01T00:00:00Z' } }));
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe('u-chosenbyclient00000');
    expect(res.body).not.toHaveProperty('nickName');
    expect(res.body).not.toHaveProperty('title');
    expect(res.body).not.toHaveProperty('groups');
    expect(res.body.meta.created).not.toBe('2000-01-01T00:00:00Z');
  });

  describe('list', () => {
    let ids: string[];
    beforeAll(async () => {
      ids = [];
      for (let i = 0; i < 105; i++) {
        const res = await h.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `page.${String(i).padStart(3, '0')}`, displayName: 'Pager' });
        ids.push(res.body.id);
      }
    });
    const pagers = 'filter=' + encodeURIComponent('displayName eq "Pager"');

    it('clamps count to 100 and reports integer paging numbers', async () => {
      const res = await h.scim('GET', `/Users?${pagers}&count=1000`);
      expect(res.status).toBe(200);
      expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
      expect(res.body.totalResults).toBe(105);
      expect(res.body.itemsPerPage).toBe(100);
      expect(res.body.Resources).toHaveLength(100);
      expect(res.body.startIndex).toBe(1);
      for (const k of ['totalResults', 'itemsPerPage', 'startIndex']) expect(Number.isInteger(res.body[k])).toBe(true);
    });

    it('returns at most 100 without count', async () => {
      const res = await h.scim('GET', '/Users?count=');
      expect(res.body.Resources.length).toBeLessThanOrEqual(100);
      const all = await h.scim('GET', '/Users');
      expect(all.body.Resources).toHaveLength(100);
      expect(all.body.totalResults).toBeGreaterThan(100);
    });

    it('pages in a stable order: pages of 10 concatenate to the whole list, without gaps or repeats', async () => {
      const seen: string[] = [];
      for (let start = 1; start <= 105; start += 10) {
        const res = await h.scim('GET', `/Users?${pagers}&startIndex=${start}&count=10`);
        expect(res.body.startIndex).toBe(start);
        expect(res.body.itemsPerPage).toBe(res.body.Resources.length);
        seen.push(...res.body.Resources.map((u: { id: string }) => u.id));
      }
      expect(seen).toEqual(ids);
      const again = await h.scim('GET', `/Users?${pagers}&startIndex=51&count=10`);
      expect(again.body.Resources.map((u: { id: string }) => u.id)).toEqual(ids.slice(50, 60));
    });

    it('answers Resources: [] (not absent) when nothing matches or the page is past the end', async () => {
      const none = await h.scim('GET', '/Users?filter=' + encodeURIComponent('userName eq "5f0c3b1e-0000-4000-8000-000000000000"'));
      expect(none.status).toBe(200);
      expect(none.body).toMatchObject({ totalResults: 0, itemsPerPage: 0, startIndex: 1, Resources: [] });
      const past = await h.scim('GET', `/Users?${pagers}&startIndex=500`);
      expect(past.body).toMatchObject({ totalResults: 105, itemsPerPage: 0, Resources: [] });
      const zero = await h.scim('GET', `/Users?${pagers}&count=0`);
      expect(zero.body).toMatchObject({ totalResults: 105, itemsPerPage: 0, Resources: [] });
    });

    it('treats startIndex < 1 as 1 (RFC 7644 §3.4.2.4)', async () => {
      const res = await h.scim('GET', `/Users?${pagers}&startIndex=0&count=2`);
      expect(res.status).toBe(200);
      expect(res.body.startIndex).toBe(1);
      expect(res.body.Resources.map((u: { id: string }) => u.id)).toEqual(ids.slice(0, 2));
    });

    it('refuses non-integer paging numbers with 400 invalidValue', async () => {
      for (const q of ['count=abc', 'count=1.5', 'startIndex=x', 'startIndex=2.0e1']) {
        const res = await h.scim('GET', `/Users?${q}`);
        expect(res.status, q).toBe(400);
        expect(res.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
      }
    });
  });

  describe('PUT (full replace)', () => {
    it('replaces the whole user: attributes left out are gone, id/meta in the body are ignored', async () => {
      const created = (await h.scim('POST', '/Users', userBody('put.user', { nickName: 'Nick', title: 'Boss', phoneNumbers: [{ value: '1', type: 'work' }] }))).body;
      const put = await h.scim('PUT', `/Users/${created.id}`, {
        schemas: [USER_SCHEMA],
        id: 'u-somethingelse000000',
        meta: { resourceType: 'User', created: '1999-01-01T00:00:00Z', location: 'https://elsewhere/Users/1' },
        userName: 'put.user',
        name: { givenName: 'New' },
        emails: [{ value: 'put.new@example.com', type: 'work', primary: true }],
        active: true,
      });
      expect(put.status).toBe(200);
      expect(put.body.id).toBe(created.id);
      expect(put.body.meta.created).toBe(created.meta.created);
      expect(put.body.meta.location).toBe(`${h.base}/Users/${created.id}`);
      expect(put.body.name).toEqual({ givenName: 'New' });
      expect(put.body).not.toHaveProperty('nickName');
      expect(put.body).not.toHaveProperty('title');
      expect(put.body).not.toHaveProperty('phoneNumbers');
      expect(put.body).not.toHaveProperty('displayName');
      expect(Date.parse(put.body.meta.lastModified)).toBeGreaterThanOrEqual(Date.parse(created.meta.lastModified));
      expect(h.server.tenant.users.get(created.id)).toMatchObject({ FirstName: 'New', LastName: null, DisplayName: null, Email: 'put.new@example.com' });
      expect((await h.scim('GET', `/Users/${created.id}`)).body).toEqual(put.body);
    });

    it('ignores attributes that are not in the schema', async () => {
      const created = (await h.scim('POST', '/Users', userBody('put.unknown'))).body;
      const put = await h.scim('PUT', `/Users/${created.id}`, { ...userBody('put.unknown'), favouriteColour: 'teal', 'urn:example:made-up:1.0:User': { x: 1 } });
      expect(put.status).toBe(200);
      expect(put.body).not.toHaveProperty('favouriteColour');
      expect(put.body).not.toHaveProperty('urn:example:made-up:1.0:User');
      const got = await h.scim('GET', `/Users/${created.id}`);
      expect(got.text).not.toContain('teal');
    });

    it('accepts a password on PUT (Okta\'s echo), hashes it and never returns it', async () => {
      const created = (await h.scim('POST', '/Users', userBody('put.pw'))).body;
      const put = await h.scim('PUT', `/Users/${created.id}`, { ...created, password: 'Another-Secret-2', groups: [] });
      expect(put.status).toBe(200);
      expect(put.text).not.toContain('Another-Secret-2');
      const row = h.server.tenant.db.prepare('SELECT password_hash, scim FROM users WHERE id = ?').get(created.id) as { password_hash: string; scim: string };
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(row.scim).not.toContain('Another-Secret-2');
    });

    it('Okta\'s GET-then-PUT round trip with active: false disables the user and keeps everything else', async () => {
      const created = (await h.scim('POST', '/Users', userBody('put.okta', { title: 'Engineer' }))).body;
      const current = (await h.scim('GET', `/Users/${created.id}`)).body;
      const put = await h.scim('PUT', `/Users/${created.id}`, { ...current, active: false, groups: [] });
      expect(put.status).toBe(200);
      expect(put.body.active).toBe(false);
      expect(put.body.title).toBe('Engineer');
      expect(h.server.tenant.users.get(created.id).Status).toBe('Disabled');
    });

    it('refuses to change userName (immutable in CloudSSO) with 400 mutability, and allows the same name in another case', async () => {
      const created = (await h.scim('POST', '/Users', userBody('put.immutable'))).body;
      const renamed = await h.scim('PUT', `/Users/${created.id}`, userBody('put.renamed'));
      expect(renamed.status).toBe(400);
      expect(renamed.body).toMatchObject({ status: '400', scimType: 'mutability' });
      expect(renamed.body.detail).toMatch(/userName/);
      expect(h.server.tenant.users.get(created.id).UserName).toBe('put.immutable');
      const sameName = await h.scim('PUT', `/Users/${created.id}`, userBody('PUT.Immutable'));
      expect(sameName.status).toBe(200);
    });

    it('PUT on an unknown id is 404', async () => {
      const res = await h.scim('PUT', '/Users/u-bbbbbbbbbbbbbbbbbbbb', userBody('put.nobody'));
      expect(res.status).toBe(404);
      expect(res.body.status).toBe('404');
    });
  });

  describe('DELETE', () => {
    it('answers 204 with no body; the user and its memberships are gone', async () => {
      const u = (await h.scim('POST', '/Users', userBody('del.user'))).body;
      const other = (await h.scim('POST', '/Users', userBody('del.other'))).body;
      const g = (await h.scim('POST', '/Groups', { displayName: 'del-group', members: [{ value: u.id }, { value: other.id }] })).body;
      const del = await h.scim('DELETE', `/Users/${u.id}`);
      expect(del.status).toBe(204);
      expect(del.text).toBe('');
      expect((await h.scim('GET', `/Users/${u.id}`)).status).toBe(404);
      const group = (await h.scim('GET', `/Groups/${g.id}`)).body;
      expect(group.members.map((m: { value: string }) => m.value)).toEqual([other.id]);
      const n = h.server.tenant.db.prepare('SELECT count(*) AS n FROM memberships m JOIN groups g ON g.seq = m.group_seq WHERE g.id = ?').get(g.id) as { n: number };
      expect(n.n).toBe(1);
      expect((await h.scim('DELETE', `/Users/${u.id}`)).status).toBe(404);
    });
  });
});
