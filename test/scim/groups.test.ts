import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_SCHEMA, USER_SCHEMA, patch, startHarness, userBody, type ScimHarness, TRANSPORTS } from '../support/scim-harness';

const ADSCIM = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

describe.each(TRANSPORTS)('SCIM /Groups — over %s', (transport) => {
  let h: ScimHarness;
  let users: { id: string; displayName: string }[];
  beforeAll(async () => {
    h = await startHarness({ transport });
    users = [];
    for (let i = 0; i < 4; i++) users.push((await h.scim('POST', '/Users', userBody(`member.${i}`))).body);
  });
  afterAll(async () => h.close());

  const memberIds = (g: { members?: { value: string }[] }) => (g.members ?? []).map((m) => m.value).sort();
  const dbMembers = (gid: string) => h.server.tenant.groups.members(gid, { Limit: 100 }).Items.map((m) => m.UserId).sort();
  let n = 0;
  const newGroup = async (members: string[] = [], extra: Record<string, unknown> = {}) => {
    const res = await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `grp-${++n}`, members: members.map((value) => ({ value })), ...extra });
    expect(res.status).toBe(201);
    return res.body as { id: string; displayName: string; members?: { value: string; display: string }[]; meta: { location: string } };
  };

  it('POST creates a group (Entra\'s extra schema URI accepted): 201, Location, meta, g- id, members with display', async () => {
    const res = await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA, ADSCIM], externalId: 'ext-g1', displayName: 'Engineering', members: [{ value: users[0]!.id }] });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^g-[a-z0-9]{20}$/);
    expect(res.headers.get('location')).toBe(`${h.base}/Groups/${res.body.id}`);
    expect(res.body.meta).toMatchObject({ resourceType: 'Group', location: `${h.base}/Groups/${res.body.id}` });
    expect(res.body).toMatchObject({ schemas: [GROUP_SCHEMA], displayName: 'Engineering', externalId: 'ext-g1' });
    expect(res.body.members).toEqual([expect.objectContaining({ value: users[0]!.id, display: users[0]!.displayName })]);
    expect(h.server.tenant.groups.get(res.body.id)).toMatchObject({ GroupName: 'Engineering', ProvisionType: 'Synchronized', MemberCount: 1 });
  });

  it('POST with members: [] (Okta) creates an empty group', async () => {
    const g = await newGroup([]);
    expect(h.server.tenant.groups.get(g.id).MemberCount).toBe(0);
  });

  it('GET /Groups without a filter leaves members out; GET /Groups/{id} includes them', async () => {
    const g = await newGroup([users[0]!.id, users[1]!.id]);
    const list = await h.scim('GET', '/Groups');
    expect(list.status).toBe(200);
    const listed = list.body.Resources.find((r: { id: string }) => r.id === g.id);
    expect(listed).toBeDefined();
    for (const r of list.body.Resources) expect(r).not.toHaveProperty('members');
    const one = await h.scim('GET', `/Groups/${g.id}`);
    expect(memberIds(one.body)).toEqual([users[0]!.id, users[1]!.id].sort());
  });

  it('excludedAttributes=members leaves members out of GET by id and of a filtered list (Entra)', async () => {
    const g = await newGroup([users[0]!.id]);
    const one = await h.scim('GET', `/Groups/${g.id}?excludedAttributes=members`);
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('members');
    expect(one.body.displayName).toBe(g.displayName);
    const filtered = await h.scim('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${g.displayName}"`)}`);
    expect(filtered.body.totalResults).toBe(1);
    expect(filtered.body.Resources[0]).not.toHaveProperty('members');
  });

  it('attributes=displayName returns only that plus id/schemas/meta', async () => {
    const g = await newGroup([users[0]!.id], { externalId: 'only-dn' });
    const one = await h.scim('GET', `/Groups/${g.id}?attributes=displayName`);
    expect(Object.keys(one.body).sort()).toEqual(['displayName', 'id', 'meta', 'schemas']);
  });

  it('PATCH add members with $ref: null (Entra) answers 204 and adds rows', async () => {
    const g = await newGroup();
    const res = await h.scim('PATCH', `/Groups/${g.id}`, patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: users[0]!.id }, { $ref: null, value: users[1]!.id }] }));
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(dbMembers(g.id)).toEqual([users[0]!.id, users[1]!.id].sort());
  });

  it('PATCH adding an existing member again is harmless', async () => {
    const g = await newGroup([users[0]!.id]);
    const res = await h.scim('PATCH', `/Groups/${g.id}`, patch({ op: 'add', path: 'members', value: [{ value: users[0]!.id }] }));
    expect(res.status).toBe(204);
    expect(dbMembers(g.id)).toEqual([users[0]!.id]);
  });

  it('PATCH remove with path members[value eq "…"] removes that member only', async () => {
    const g = await newGroup([users[0]!.id, users[1]!.id]);
    const res = await h.scim('PATCH', `/Groups/${g.id}`, patch({ op: 'Remove', path: `members[value eq "${users[0]!.id}"]` }));
    expect(res.status).toBe(204);
    expect(dbMembers(g.id)).toEqual([users[1]!.id]);
  });

  it('PATCH remove with path members and a value array (Entra\'s other form)', async () => {
    const g = await newGroup([users[0]!.id, users[1]!.id, users[2]!.id]);
    const res = await h.scim('PATCH', `/Groups/${g.id}`, patch({ op: 'Remove', path: 'members', value: [{ value: users[0]!.id }, { value: users[2]!.id }] }));
    expect(res.status).toBe(204);
    expect(dbMembers(g.id)).toEqual([users[1]!.id]);
  });

  it('PATCH remove members without a value removes every member', async () => {
    const g = await newGroup([users[0]!.id, users[1]!.id]);
    expect((await h.scim('PATCH', `/Groups/${g.id}`, patch({ op: 'remove', path: 'members' }))).status).toBe(204);
    expect(dbMembers(g.id)).toEqual([]);
  });

  it('one Okta request that removes one member and adds another applies both in order', async () => {
    const g = await newGroup([users[0]!.id, users[1]!.id]);
    const res = await h.scim('PATCH', `/Groups/${g.id}`, patch({ op: 'remove', path: `members[value eq "${users[0]!.id}"]` }, { op: 'add', path: 'members', value: [{ value: users[2]!.id, display: 'x' }] }));
    expect(res.status).toBe(204);
    expect(dbMembers(g.id)).toEqual([users[1]!.id, users[2]!.id].sort());
  });

  it('PATCH replace members replaces the whole membership', async () => {
    const g = await newGroup([users[0]!.id, users[1]!.id]);
    const res = await h.scim('PATCH', `/Groups/${g.id}`, patch({ op: 'replace', path: 'members', value: [{ value: users[2]!.id }, { value: users[3]!.id }] }));
    expect(res.status).toBe(204);
    expect(dbMembers(g.id)).toEqual([users[2]!.id, users[3]!.id].sort());
  });

  it('Okta rename: no-path replace with {id, displayName} renames and keeps members', async () => {
    const g = await newGroup([users[0]!.id]);
    const res = await h.scim('PATCH', `/Groups/${g.id}`, patch({ op: 'replace', value: { id: g.id, displayName: `${g.displayName}-renamed` } }));
    expect(res.status).toBe(204);
    const got = (await h.scim('GET', `/Groups/${g.id}`)).body;
    expect(got.displayName).toBe(`${g.displayName}-renamed`);
    expect(got.id).toBe(g.id);
    expect(memberIds(got)).toEqual([users[0]!.id]);
    expect(h.server.tenant.groups.get(g.id).GroupName).toBe(`${g.displayName}-renamed`);
  });

  it('PATCH replace displayName by path and externalId in the same request', async () => {
    const g = await newGroup([users[1]!.id]);
    const res = await h.scim('PATCH', `/Groups/${g.id}`, patch({ op: 'Replace', path: 'displayName', value: `${g.displayName}-b` }, { op: 'Add', path: 'externalId', value: 'ext-b' }));
    expect(res.status).toBe(204);
    const got = (await h.scim('GET', `/Groups/${g.id}`)).body;
    expect(got).toMatchObject({ displayName: `${g.displayName}-b`, externalId: 'ext-b' });
    expect(memberIds(got)).toEqual([users[1]!.id]);
  });

  it('PATCH adding an unknown user is refused with 400 and changes nothing', async () => {
    const g = await newGroup([users[0]!.id]);
    const res = await h.scim('PATCH', `/Groups/${g.id}`, patch({ op: 'add', path: 'members', value: [{ value: users[1]!.id }, { value: 'u-doesnotexist0000000' }] }));
    expect(res.status).toBe(400);
    expect(res.body.scimType).toBe('invalidValue');
    expect(res.body.detail).toContain('u-doesnotexist0000000');
    expect(dbMembers(g.id)).toEqual([users[0]!.id]);
  });

  it('PUT replaces the whole group, members included; a PUT without members empties it', async () => {
    const g = await newGroup([users[0]!.id]);
    const put = await h.scim('PUT', `/Groups/${g.id}`, { schemas: [GROUP_SCHEMA], id: 'g-ignored', displayName: `${g.displayName}-put`, members: [{ value: users[1]!.id }, { value: users[2]!.id }] });
    expect(put.status).toBe(200);
    expect(put.body.id).toBe(g.id);
    expect(memberIds(put.body)).toEqual([users[1]!.id, users[2]!.id].sort());
    expect(dbMembers(g.id)).toEqual([users[1]!.id, users[2]!.id].sort());
    const bare = await h.scim('PUT', `/Groups/${g.id}`, { schemas: [GROUP_SCHEMA], displayName: `${g.displayName}-put` });
    expect(bare.status).toBe(200);
    expect(dbMembers(g.id)).toEqual([]);
  });

  it('filters: displayName eq (case-insensitive) and members.value eq (Entra reference check)', async () => {
    const g = await newGroup([users[3]!.id]);
    const byName = await h.scim('GET', `/Groups?filter=${encodeURIComponent(`displayName eq "${g.displayName.toUpperCase()}"`)}`);
    expect(byName.body.Resources.map((r: { id: string }) => r.id)).toEqual([g.id]);
    const byMember = await h.scim('GET', `/Groups?filter=${encodeURIComponent(`id eq "${g.id}" and members.value eq "${users[3]!.id}"`)}&excludedAttributes=members`);
    expect(byMember.body.totalResults).toBe(1);
    const notMember = await h.scim('GET', `/Groups?filter=${encodeURIComponent(`id eq "${g.id}" and members.value eq "${users[0]!.id}"`)}`);
    expect(notMember.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('DELETE answers 204; the group and its membership rows are gone, the users stay', async () => {
    const g = await newGroup([users[0]!.id, users[1]!.id]);
    const del = await h.scim('DELETE', `/Groups/${g.id}`);
    expect(del.status).toBe(204);
    expect((await h.scim('GET', `/Groups/${g.id}`)).status).toBe(404);
    const rows = h.server.tenant.db.prepare('SELECT count(*) AS n FROM memberships m JOIN users u ON u.seq = m.user_seq WHERE u.id IN (?, ?)').get(users[0]!.id, users[1]!.id) as { n: number };
    const stillThere = await h.scim('GET', `/Users/${users[0]!.id}`);
    expect(stillThere.status).toBe(200);
    expect(h.server.tenant.groups.groupsOfUser(users[0]!.id).some((j) => j.GroupId === g.id)).toBe(false);
    expect(rows.n).toBe(h.server.tenant.groups.groupsOfUser(users[0]!.id).length + h.server.tenant.groups.groupsOfUser(users[1]!.id).length);
  });

  it('a duplicate displayName (any case) is 409 uniqueness, on POST and on rename', async () => {
    const a = await newGroup();
    const b = await newGroup();
    const dup = await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: a.displayName.toUpperCase() });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    const rename = await h.scim('PATCH', `/Groups/${b.id}`, patch({ op: 'replace', path: 'displayName', value: a.displayName }));
    expect(rename.status).toBe(409);
    expect(h.server.tenant.groups.get(b.id).GroupName).toBe(b.displayName);
  });

  it('pages the group list like the user list: count clamped to 100, integers, stable order, Resources: [] past the end', async () => {
    const made: string[] = [];
    for (let i = 0; i < 102; i++) made.push((await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `page-grp-${String(i).padStart(3, '0')}` })).body.id);
    const filter = `filter=${encodeURIComponent('displayName sw "page-grp-"')}`;
    const first = await h.scim('GET', `/Groups?${filter}&count=500&excludedAttributes=members`);
    expect(first.body).toMatchObject({ totalResults: 102, startIndex: 1, itemsPerPage: 100 });
    const rest = await h.scim('GET', `/Groups?${filter}&startIndex=101&count=50`);
    expect([...first.body.Resources, ...rest.body.Resources].map((g: { id: string }) => g.id)).toEqual(made);
    const past = await h.scim('GET', `/Groups?${filter}&startIndex=1000`);
    expect(past.body).toMatchObject({ totalResults: 102, itemsPerPage: 0, Resources: [] });
    const bad = await h.scim('GET', '/Groups?count=ten');
    expect(bad.status).toBe(400);
    expect(bad.body.scimType).toBe('invalidValue');
    const unfiltered = await h.scim('GET', '/Groups?count=1000');
    expect(unfiltered.body.Resources.length).toBe(100);
  });

  it('members of a group are listed with the member\'s display (displayName, else userName)', async () => {
    const bare = (await h.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'no.display' })).body;
    const g = await newGroup([bare.id]);
    const got = (await h.scim('GET', `/Groups/${g.id}`)).body;
    expect(got.members[0]).toMatchObject({ value: bare.id, display: 'no.display' });
  });
});
