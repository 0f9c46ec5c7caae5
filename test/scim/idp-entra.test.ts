// Microsoft Entra ID's provisioning service, replayed request by request (docs/interoperability.md, and
// "Known issues and resolutions with SCIM 2.0 protocol compliance" on learn.microsoft.com). Each test sends the
// body and URL as Entra sends them and then reads the stored result back. Where Entra departs from RFC 7643/7644
// the test says so: Entra wins, because an administrator cannot change what it sends.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, GROUP_SCHEMA, PATCH_SCHEMA, startHarness, USER_SCHEMA, type ScimHarness } from '../support/scim-harness';

const ADSCIM_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
// Entra's own sample lists an extension URN with a typo in `schemas`; a server must not refuse the body for it.
const MISSPELLED_ENTERPRISE = 'urn:ietf:params:scim:schemas:extenstion:enterprise:2.0:User';

/** Entra encodes the filter with `+` for spaces and quotes left as %22. */
const entraFilter = (filter: string) => encodeURIComponent(filter).replace(/%20/g, '+');

/** The create body Entra sends (its tutorial's "Create User" request), with a null attribute as in some samples. */
function entraCreateUser(userName: string, externalId: string) {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE, MISSPELLED_ENTERPRISE],
    externalId,
    userName,
    active: true,
    addresses: null,
    title: null,
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada', middleName: null },
    roles: [],
    [ENTERPRISE]: { employeeNumber: '1001', department: 'Engineering', costCenter: null },
  };
}

describe('Microsoft Entra ID request shapes', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  const createUser = async (userName: string, externalId = randomUUID()) => {
    const res = await h.scim('POST', '/Users', entraCreateUser(userName, externalId));
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };

  it('Test Connection: a filter on a random GUID answers 200 with an empty list (userName and externalId)', async () => {
    for (const attr of ['userName', 'externalId']) {
      const res = await h.scim('GET', `/Users?filter=${entraFilter(`${attr} eq "${randomUUID()}"`)}`);
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      expect(res.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] });
    }
  });

  it('create with the enterprise extension, meta.resourceType, roles: [], nulls and a misspelled URN stores the CloudSSO fields', async () => {
    const externalId = randomUUID();
    const res = await h.scim('POST', '/Users', entraCreateUser('ada.lovelace@contoso.com', externalId));
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('location')).toBe(`${h.base}/Users/${res.body.id}`);

    const stored = h.server.tenant.users.get(res.body.id);
    expect(stored).toMatchObject({
      UserName: 'ada.lovelace@contoso.com',
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Email: 'ada.lovelace@contoso.com',
      Status: 'Enabled',
      ProvisionType: 'Synchronized',
      ExternalId: { Id: externalId, Issuer: 'SCIM' },
    });

    const read = await h.scim('GET', `/Users/${res.body.id}`);
    expect(read.body.schemas).toEqual([USER_SCHEMA, ENTERPRISE]);
    expect(read.body[ENTERPRISE]).toEqual({ employeeNumber: '1001', department: 'Engineering' });
    // null means "no value" to Entra: nothing is stored for it, and the server's own meta replaces the client's.
    expect(read.body).not.toHaveProperty('title');
    expect(read.body).not.toHaveProperty('addresses');
    expect(read.body.name).not.toHaveProperty('middleName');
    expect(read.body.meta).toMatchObject({ resourceType: 'User', location: `${h.base}/Users/${res.body.id}` });
    expect(typeof read.body.meta.created).toBe('string');
  });

  it('looks users up by userName, by externalId (quoted and, as in a Microsoft sample, unquoted) and by the work email', async () => {
    const externalId = randomUUID();
    const id = await createUser('grace.hopper@contoso.com', externalId);
    const lookups = [
      'userName eq "grace.hopper@contoso.com"',
      `externalId eq "${externalId}"`,
      `externalId eq ${externalId}`,
      'emails[type eq "work"].value eq "grace.hopper@contoso.com"',
    ];
    for (const filter of lookups) {
      const res = await h.scim('GET', `/Users?filter=${entraFilter(filter)}`);
      expect(res.status, `${filter}: ${res.text}`).toBe(200);
      expect(res.body.totalResults, filter).toBe(1);
      expect(res.body.Resources[0].id, filter).toBe(id);
    }
    // Only `eq` and `and` come from Entra; the combination must still narrow correctly.
    const both = await h.scim('GET', `/Users?filter=${entraFilter(`userName eq "grace.hopper@contoso.com" and externalId eq "${randomUUID()}"`)}`);
    expect(both.body.totalResults).toBe(0);
  });

  it('PATCH with capitalised ops ("Replace", "Add") on filtered, sub-attribute and enterprise URN paths', async () => {
    const id = await createUser('alan.turing@contoso.com');
    const res = await h.scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'alan.t@contoso.com' },
        { op: 'Replace', path: 'name.familyName', value: 'Turing-Updated' },
        { op: 'Add', path: 'displayName', value: 'Alan Turing' },
        { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Research' },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(h.server.tenant.users.get(id)).toMatchObject({ Email: 'alan.t@contoso.com', LastName: 'Turing-Updated', FirstName: 'Ada', DisplayName: 'Alan Turing' });
    const read = await h.scim('GET', `/Users/${id}`);
    expect(read.body.emails).toEqual([{ value: 'alan.t@contoso.com', type: 'work', primary: true }]);
    expect(read.body[ENTERPRISE].department).toBe('Research');
    expect(read.body[ENTERPRISE].employeeNumber).toBe('1001');
  });

  it('manager added as an array of {$ref, value} (RFC 7643 makes manager single-valued; Entra sends an array)', async () => {
    const managerId = await createUser('manager.one@contoso.com');
    const id = await createUser('report.one@contoso.com');
    const res = await h.scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: [{ $ref: null, value: managerId }] }],
    });
    expect(res.status, res.text).toBe(200);
    // stored as the one manager the schema declares, so reads and manager.value filters see a single object
    const read = await h.scim('GET', `/Users/${id}`);
    expect(read.body[ENTERPRISE].manager).toMatchObject({ value: managerId });
    expect(Array.isArray(read.body[ENTERPRISE].manager)).toBe(false);
    const reports = await h.scim('GET', `/Users?filter=${entraFilter(`${ENTERPRISE}:manager.value eq "${managerId}"`)}`);
    expect(reports.body.Resources.map((r: { id: string }) => r.id)).toEqual([id]);
    // Entra then removes it the same way it added it.
    const removed = await h.scim('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Remove', path: `${ENTERPRISE}:manager` }] });
    expect(removed.status, removed.text).toBe(200);
    expect((await h.scim('GET', `/Users/${id}`)).body[ENTERPRISE]).not.toHaveProperty('manager');
  });

  it('disables with {"op":"Replace","path":"active","value":"False"}: a string, not a boolean (Entra without aadOptscim062020)', async () => {
    const id = await createUser('disable.me@contoso.com');
    const res = await h.scim('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(res.status, res.text).toBe(200);
    expect(res.body.active).toBe(false);
    expect(h.server.tenant.users.get(id).Status).toBe('Disabled');
    // the stored document holds a real boolean, so a later read never echoes the string back
    expect((await h.scim('GET', `/Users/${id}`)).body.active).toBe(false);
    const again = await h.scim('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] });
    expect(again.status, again.text).toBe(200);
    expect(h.server.tenant.users.get(id).Status).toBe('Enabled');
  });

  it('aadOptscim062020: boolean active and a no-path replace with dotted keys and an enterprise URN key', async () => {
    const id = await createUser('dotted.keys@contoso.com');
    const res = await h.scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [
        {
          op: 'replace',
          value: {
            displayName: 'Dotted Keys',
            'name.givenName': 'Dotty',
            'name.familyName': 'Keys',
            [`${ENTERPRISE}:employeeNumber`]: '4242',
            active: false,
          },
        },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(h.server.tenant.users.get(id)).toMatchObject({ DisplayName: 'Dotted Keys', FirstName: 'Dotty', LastName: 'Keys', Status: 'Disabled' });
    const read = await h.scim('GET', `/Users/${id}`);
    expect(read.body[ENTERPRISE].employeeNumber).toBe('4242');
    expect(read.body[ENTERPRISE].department).toBe('Engineering');
    // dotted keys are paths, never stored as literal attribute names
    expect(Object.keys(read.body).filter((k) => k.includes('.') && !k.startsWith('urn:'))).toEqual([]);
    const enable = await h.scim('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'active', value: true }] });
    expect(enable.status).toBe(200);
    expect(h.server.tenant.users.get(id).Status).toBe('Enabled');
  });

  it('creates a group with the ADSCIM schema URI, reads it with excludedAttributes=members, finds it by displayName', async () => {
    const externalId = randomUUID();
    const res = await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA, ADSCIM_GROUP], externalId, displayName: 'Entra-Engineering', members: [] });
    expect(res.status, res.text).toBe(201);
    const gid = res.body.id as string;
    expect(h.server.tenant.groups.get(gid)).toMatchObject({ GroupName: 'Entra-Engineering', ProvisionType: 'Synchronized', MemberCount: 0, ExternalId: { Id: externalId } });

    const byId = await h.scim('GET', `/Groups/${gid}?excludedAttributes=members`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: gid, displayName: 'Entra-Engineering', externalId });
    expect(byId.body).not.toHaveProperty('members');

    const byName = await h.scim('GET', `/Groups?excludedAttributes=members&filter=${entraFilter('displayName eq "Entra-Engineering"')}`);
    expect(byName.body.totalResults).toBe(1);
    expect(byName.body.Resources[0].id).toBe(gid);
    expect(byName.body.Resources[0]).not.toHaveProperty('members');
  });

  it('member add with "$ref": null, members.value eq checks, and both member-remove forms; group PATCH answers 204', async () => {
    const u1 = await createUser('member.one@contoso.com');
    const u2 = await createUser('member.two@contoso.com');
    const u3 = await createUser('member.three@contoso.com');
    const gid = (await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA, ADSCIM_GROUP], externalId: randomUUID(), displayName: 'Entra-Members', members: [] })).body.id as string;

    const add = await h.scim('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'Add', path: 'members', value: [u1, u2, u3].map((value) => ({ $ref: null, value })) }],
    });
    expect(add.status, add.text).toBe(204);
    expect(add.text).toBe('');
    expect(h.server.tenant.groups.get(gid).MemberCount).toBe(3);

    // Entra's reference check before and after it changes a membership.
    const check = async (uid: string) =>
      (await h.scim('GET', `/Groups?excludedAttributes=members&filter=${entraFilter(`id eq "${gid}" and members.value eq "${uid}"`)}`)).body.totalResults as number;
    expect(await check(u1)).toBe(1);
    const plain = await h.scim('GET', `/Groups?filter=${entraFilter(`members.value eq "${u2}"`)}&excludedAttributes=members`);
    expect(plain.body.Resources.map((g: { id: string }) => g.id)).toEqual([gid]);

    const removeByValue = await h.scim('PATCH', `/Groups/${gid}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Remove', path: 'members', value: [{ value: u1 }] }] });
    expect(removeByValue.status, removeByValue.text).toBe(204);
    const removeByFilter = await h.scim('PATCH', `/Groups/${gid}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Remove', path: `members[value eq "${u2}"]` }] });
    expect(removeByFilter.status, removeByFilter.text).toBe(204);

    const read = await h.scim('GET', `/Groups/${gid}`);
    expect(read.body.members.map((m: { value: string }) => m.value)).toEqual([u3]);
    expect(await check(u1)).toBe(0);
    expect(await check(u2)).toBe(0);
    expect(await check(u3)).toBe(1);
    expect(h.server.tenant.groups.groupsOfUser(u1)).toEqual([]);
  });

  it('re-sent member adds and removes of absent members are harmless (Entra retries whole batches)', async () => {
    const u1 = await createUser('retry.one@contoso.com');
    const u2 = await createUser('retry.two@contoso.com');
    const gid = (await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA, ADSCIM_GROUP], displayName: 'Entra-Retry', members: [{ value: u1 }] })).body.id as string;
    const again = await h.scim('PATCH', `/Groups/${gid}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: u1 }] }] });
    expect(again.status, again.text).toBe(204);
    const absent = await h.scim('PATCH', `/Groups/${gid}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Remove', path: 'members', value: [{ value: u2 }] }] });
    expect(absent.status, absent.text).toBe(204);
    expect(h.server.tenant.groups.members(gid).Items.map((m) => m.UserId)).toEqual([u1]);
  });

  it('a UPN change (Replace userName) is refused: CloudSSO usernames are immutable, and the stored user is unchanged', async () => {
    const id = await createUser('upn.before@contoso.com');
    const res = await h.scim('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Replace', path: 'userName', value: 'upn.after@contoso.com' }] });
    expect(res.status).toBe(400);
    expect(res.body.scimType).toBe('mutability');
    expect(res.body.detail).toMatch(/cannot be changed/);
    expect(h.server.tenant.users.get(id).UserName).toBe('upn.before@contoso.com');
  });

  it('renames a group with Replace displayName and keeps its members', async () => {
    const u = await createUser('rename.member@contoso.com');
    const gid = (await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA, ADSCIM_GROUP], displayName: 'Entra-Old', members: [{ value: u }] })).body.id as string;
    const res = await h.scim('PATCH', `/Groups/${gid}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Replace', path: 'displayName', value: 'Entra-New' }] });
    expect(res.status, res.text).toBe(204);
    expect(h.server.tenant.groups.get(gid)).toMatchObject({ GroupName: 'Entra-New', MemberCount: 1 });
  });

  it('deletes users and groups (Entra does DELETE when a user leaves scope with "delete" configured)', async () => {
    const id = await createUser('delete.me@contoso.com');
    const gid = (await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Entra-Delete', members: [{ value: id }] })).body.id as string;
    expect((await h.scim('DELETE', `/Users/${id}`)).status).toBe(204);
    const gone = await h.scim('GET', `/Users/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(h.server.tenant.groups.get(gid).MemberCount).toBe(0);
    expect((await h.scim('DELETE', `/Groups/${gid}`)).status).toBe(204);
    expect((await h.scim('GET', `/Groups/${gid}`)).status).toBe(404);
  });

  it('a name CloudSSO refuses gets 400 invalidValue naming the attribute (Entra shows the detail in its provisioning log)', async () => {
    const res = await h.scim('POST', '/Users', entraCreateUser('has space@contoso.com', randomUUID()));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(res.body.detail).toMatch(/userName|UserName/);
    const group = await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA, ADSCIM_GROUP], displayName: 'Sales Team', members: [] });
    expect(group.status).toBe(400);
    expect(group.body.detail).toMatch(/displayName|GroupName/);
  });
});
