import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, GROUP_SCHEMA, patch, startHarness, userBody, type ScimHarness } from '../support/scim-harness';

describe('attributes and excludedAttributes (RFC 7644 §3.4.2.5) on every User and Group answer', () => {
  let h: ScimHarness;
  let userId = '';
  let groupId = '';
  beforeAll(async () => {
    h = await startHarness();
    userId = (await h.scim('POST', '/Users', userBody('proj.user', { title: 'T', [ENTERPRISE]: { department: 'D', employeeNumber: '9' } }))).body.id;
    groupId = (await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'proj-group', externalId: 'pg', members: [{ value: userId }] })).body.id;
  });
  afterAll(async () => h.close());

  const keys = (o: object) => Object.keys(o).sort();

  it('attributes=userName on GET by id returns userName plus id, schemas, meta (always returned)', async () => {
    const res = await h.scim('GET', `/Users/${userId}?attributes=userName`);
    expect(keys(res.body)).toEqual(['id', 'meta', 'schemas', 'userName']);
  });

  it('attribute names are case-insensitive and sub-attributes can be picked (name.givenName, emails.value)', async () => {
    const res = await h.scim('GET', `/Users/${userId}?attributes=NAME.givenName,emails.value`);
    expect(res.body.name).toEqual({ givenName: 'Given' });
    expect(res.body.emails).toEqual([{ value: 'projuser@example.com' }]);
    expect(res.body).not.toHaveProperty('userName');
  });

  it('excludedAttributes removes attributes, sub-attributes and extension attributes, never id', async () => {
    const res = await h.scim('GET', `/Users/${userId}?excludedAttributes=emails,name.familyName,id,${ENTERPRISE}:department`);
    expect(res.body).not.toHaveProperty('emails');
    expect(res.body.name).toEqual({ givenName: 'Given' });
    expect(res.body.id).toBe(userId);
    expect(res.body[ENTERPRISE]).toEqual({ employeeNumber: '9' });
    expect(res.body.title).toBe('T');
  });

  it('applies to every Resource of a list', async () => {
    const res = await h.scim('GET', `/Users?attributes=userName&filter=${encodeURIComponent('userName eq "proj.user"')}`);
    expect(res.body.Resources).toHaveLength(1);
    expect(keys(res.body.Resources[0])).toEqual(['id', 'meta', 'schemas', 'userName']);
    const all = await h.scim('GET', '/Users?excludedAttributes=emails,name');
    for (const r of all.body.Resources) {
      expect(r).not.toHaveProperty('emails');
      expect(r).not.toHaveProperty('name');
    }
  });

  it('applies to the answers of POST, PUT and PATCH', async () => {
    const post = await h.scim('POST', '/Users?attributes=userName', userBody('proj.post'));
    expect(post.status).toBe(201);
    expect(keys(post.body)).toEqual(['id', 'meta', 'schemas', 'userName']);
    const put = await h.scim('PUT', `/Users/${post.body.id}?excludedAttributes=emails`, userBody('proj.post'));
    expect(put.status).toBe(200);
    expect(put.body).not.toHaveProperty('emails');
    expect(put.body.userName).toBe('proj.post');
    const pat = await h.scim('PATCH', `/Users/${post.body.id}?attributes=title`, patch({ op: 'add', path: 'title', value: 'New' }));
    expect(pat.status).toBe(200);
    expect(keys(pat.body)).toEqual(['id', 'meta', 'schemas', 'title']);
  });

  it('applies to groups: attributes=members on GET by id, excludedAttributes on a list, POST and PUT answers', async () => {
    const one = await h.scim('GET', `/Groups/${groupId}?attributes=members`);
    expect(keys(one.body)).toEqual(['id', 'members', 'meta', 'schemas']);
    const memberValues = await h.scim('GET', `/Groups/${groupId}?attributes=members.value`);
    expect(memberValues.body.members).toEqual([{ value: userId }]);
    const list = await h.scim('GET', `/Groups?excludedAttributes=externalId&filter=${encodeURIComponent('displayName eq "proj-group"')}`);
    expect(list.body.Resources[0]).not.toHaveProperty('externalId');
    expect(list.body.Resources[0].members).toHaveLength(1);
    const post = await h.scim('POST', '/Groups?excludedAttributes=members', { schemas: [GROUP_SCHEMA], displayName: 'proj-post', members: [{ value: userId }] });
    expect(post.status).toBe(201);
    expect(post.body).not.toHaveProperty('members');
    const put = await h.scim('PUT', `/Groups/${post.body.id}?attributes=displayName`, { schemas: [GROUP_SCHEMA], displayName: 'proj-post', members: [{ value: userId }] });
    expect(keys(put.body)).toEqual(['displayName', 'id', 'meta', 'schemas']);
  });

  it('attributes=displayName on an unfiltered group list returns only that', async () => {
    const res = await h.scim('GET', '/Groups?attributes=displayName');
    expect(res.status).toBe(200);
    for (const r of res.body.Resources) expect(keys(r)).toEqual(['displayName', 'id', 'meta', 'schemas']);
  });
});
