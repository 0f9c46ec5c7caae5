// Okta's SCIM 2.0 client ("Okta and SCIM Version 2.0", "Prepare your SCIM API service" on developer.okta.com),
// replayed request by request. Each test checks what was stored, not only the status. Where Okta departs from
// RFC 7644 (it echoes read-only attributes in PUT, sends a password on every create) the test says so: Okta wins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_SCHEMA, PATCH_SCHEMA, startHarness, USER_SCHEMA, type ScimHarness } from '../support/scim-harness';

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** Okta's create body: always a placeholder password and an empty groups array. */
const oktaUser = (userName: string, given = 'Linus', family = 'Torvalds') => ({
  schemas: [USER_SCHEMA],
  userName,
  name: { givenName: given, familyName: family },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: `${given} ${family}`,
  locale: 'en-US',
  externalId: `00u${userName.replace(/[^a-z0-9]/gi, '').slice(0, 17)}`,
  groups: [],
  password: 'Pl@ceh0lder-okta-1',
  active: true,
});

/** Okta's lookup before create; `startIndex=1&count=100` always ride along. */
const oktaLookup = (userName: string) => `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`;

describe('Okta request shapes', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  const createUser = async (userName: string) => {
    const res = await h.scim('POST', '/Users', oktaUser(userName));
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };
  const createGroup = async (displayName: string, members: string[] = []) => {
    const res = await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName, members: members.map((value) => ({ value })) });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };
  const memberIds = async (gid: string) => ((await h.scim('GET', `/Groups/${gid}`)).body.members ?? []).map((m: { value: string }) => m.value).sort();

  it('lookup with startIndex=1&count=100 answers integers and an empty list before the user exists', async () => {
    const res = await h.scim('GET', oktaLookup('nobody@okta.example'));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it('create with a password and groups: [] stores the user, never echoes the password, and the lookup matches in any case', async () => {
    const res = await h.scim('POST', '/Users', oktaUser('Linus.Torvalds@okta.example'));
    expect(res.status, res.text).toBe(201);
    expect(res.text).not.toContain('Pl@ceh0lder');
    expect(res.body).not.toHaveProperty('password');
    const id = res.body.id as string;
    expect(h.server.tenant.users.get(id)).toMatchObject({ UserName: 'Linus.Torvalds@okta.example', FirstName: 'Linus', LastName: 'Torvalds', Email: 'Linus.Torvalds@okta.example', Status: 'Enabled' });
    // the placeholder password is kept as a hash (CloudSSO users have passwords), never as text
    const row = h.server.tenant.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain('Pl@ceh0lder');

    const found = await h.scim('GET', oktaLookup('linus.torvalds@OKTA.example'));
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);
    expect(found.body.Resources[0]).not.toHaveProperty('password');
  });

  it('a duplicate create gets 409 uniqueness with a SCIM error body', async () => {
    await createUser('dup.user@okta.example');
    const res = await h.scim('POST', '/Users', oktaUser('DUP.user@okta.example'));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '409', scimType: 'uniqueness' });
    expect(h.server.tenant.users.list({ UserNameEq: 'dup.user@okta.example' }).TotalCount).toBe(1);
  });

  it('GET then PUT of the whole object echoing id, meta and groups (read-only in RFC 7643; Okta sends them back)', async () => {
    const id = await createUser('put.update@okta.example');
    const current = (await h.scim('GET', `/Users/${id}`)).body;
    const body = { ...current, groups: [], name: { givenName: 'Updated', familyName: 'Surname' }, displayName: 'Updated Surname', password: 'Pl@ceh0lder-okta-2' };
    expect(body.meta).toBeDefined();
    const res = await h.scim('PUT', `/Users/${id}`, body);
    expect(res.status, res.text).toBe(200);
    expect(res.body.id).toBe(id);
    expect(h.server.tenant.users.get(id)).toMatchObject({ FirstName: 'Updated', LastName: 'Surname', DisplayName: 'Updated Surname', Status: 'Enabled' });
    const read = (await h.scim('GET', `/Users/${id}`)).body;
    expect(read.meta.location).toBe(`${h.base}/Users/${id}`);
    expect(read).not.toHaveProperty('groups');
  });

  it('deactivates by PUT with active: false (apps built with the Okta wizard) and reactivates the same way', async () => {
    const id = await createUser('put.deactivate@okta.example');
    const current = (await h.scim('GET', `/Users/${id}`)).body;
    const res = await h.scim('PUT', `/Users/${id}`, { ...current, active: false });
    expect(res.status, res.text).toBe(200);
    expect(h.server.tenant.users.get(id).Status).toBe('Disabled');
    expect((await h.scim('GET', `/Users/${id}`)).body.active).toBe(false);
    await h.scim('PUT', `/Users/${id}`, { ...current, active: true });
    expect(h.server.tenant.users.get(id).Status).toBe('Enabled');
  });

  it('deactivates by PATCH {"op":"replace","value":{"active":false}} with no path; the user is kept (Okta never deletes)', async () => {
    const id = await createUser('patch.deactivate@okta.example');
    const res = await h.scim('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(res.status, res.text).toBe(200);
    expect(res.body.active).toBe(false);
    expect(h.server.tenant.users.get(id)).toMatchObject({ Status: 'Disabled', FirstName: 'Linus', UserName: 'patch.deactivate@okta.example' });
    const found = await h.scim('GET', oktaLookup('patch.deactivate@okta.example'));
    expect(found.body.Resources[0].active).toBe(false);
  });

  it('creates a group with members: [] and renames it with {"op":"replace","value":{"id","displayName"}}', async () => {
    const gid = await createGroup('Okta-Old-Name');
    expect(h.server.tenant.groups.get(gid)).toMatchObject({ GroupName: 'Okta-Old-Name', MemberCount: 0 });
    const res = await h.scim('PATCH', `/Groups/${gid}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', value: { id: gid, displayName: 'Okta-New-Name' } }] });
    expect([200, 204]).toContain(res.status);
    const read = await h.scim('GET', `/Groups/${gid}`);
    expect(read.body).toMatchObject({ id: gid, displayName: 'Okta-New-Name' });
    expect(h.server.tenant.groups.get(gid).GroupName).toBe('Okta-New-Name');
  });

  it('one request that removes members[value eq "…"] and adds members moves exactly those users', async () => {
    const [a, b, c] = [await createUser('move.a@okta.example'), await createUser('move.b@okta.example'), await createUser('move.c@okta.example')];
    const gid = await createGroup('Okta-Move', [a, b]);
    const res = await h.scim('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [
        { op: 'remove', path: `members[value eq "${a}"]` },
        { op: 'add', path: 'members', value: [{ value: c, display: 'move.c@okta.example' }] },
      ],
    });
    expect([200, 204]).toContain(res.status);
    expect(await memberIds(gid)).toEqual([b, c].sort());
  });

  it('full replace of members sets exactly the given list, and an empty list empties the group', async () => {
    const [a, b, c] = [await createUser('full.a@okta.example'), await createUser('full.b@okta.example'), await createUser('full.c@okta.example')];
    const gid = await createGroup('Okta-Full', [a, b]);
    const res = await h.scim('PATCH', `/Groups/${gid}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'members', value: [{ value: b }, { value: c }] }] });
    expect([200, 204]).toContain(res.status);
    expect(await memberIds(gid)).toEqual([b, c].sort());
    await h.scim('PATCH', `/Groups/${gid}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'members', value: [] }] });
    expect(h.server.tenant.groups.get(gid).MemberCount).toBe(0);
  });

  it('PUT of a whole group (some Okta apps) replaces its name and members', async () => {
    const [a, b] = [await createUser('put.group.a@okta.example'), await createUser('put.group.b@okta.example')];
    const gid = await createGroup('Okta-Put', [a]);
    const current = (await h.scim('GET', `/Groups/${gid}`)).body;
    const res = await h.scim('PUT', `/Groups/${gid}`, { ...current, displayName: 'Okta-Put-Renamed', members: [{ value: b, display: 'put.group.b@okta.example' }] });
    expect(res.status, res.text).toBe(200);
    expect(h.server.tenant.groups.get(gid)).toMatchObject({ GroupName: 'Okta-Put-Renamed', MemberCount: 1 });
    expect(await memberIds(gid)).toEqual([b]);
  });

  it('a string member value in a group PATCH gets a clear 400 invalidValue, not a 500, and changes nothing', async () => {
    const a = await createUser('string.member@okta.example');
    const gid = await createGroup('Okta-String-Member');
    for (const value of [a, [a]]) {
      const res = await h.scim('PATCH', `/Groups/${gid}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'add', path: 'members', value }] });
      expect(res.status, res.text).toBe(400);
      expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidValue' });
      expect(res.body.detail).toMatch(/members/);
      expect(res.body.detail).toMatch(/"value"/);
    }
    expect(h.server.tenant.groups.get(gid).MemberCount).toBe(0);
  });

  it('paging with startIndex/count is stable across pages, and 401/404 carry SCIM JSON error bodies', async () => {
    for (let i = 0; i < 5; i++) await createUser(`page.${i}@okta.example`);
    const seen: string[] = [];
    const total = (await h.scim('GET', '/Users?startIndex=1&count=1')).body.totalResults as number;
    for (let start = 1; start <= total; start += 3) {
      const page = await h.scim('GET', `/Users?startIndex=${start}&count=3`);
      expect(page.body.startIndex).toBe(start);
      expect(Number.isInteger(page.body.itemsPerPage)).toBe(true);
      seen.push(...page.body.Resources.map((r: { id: string }) => r.id));
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);

    const unauth = await fetch(`${h.base}/Users`, { headers: { authorization: 'Bearer not-a-real-secret' } });
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(await unauth.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401' });
    const missing = await h.scim('GET', '/Users/u-doesnotexist00000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
  });
});
