// IdPs remove a member after deprovisioning the user (the user may already be gone) and re-send adds for members
// that are already there. Removing what is absent is a no-op that succeeds; the rest of the request still applies;
// every summary counts what actually changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDirectory } from '../../src-main/idp/directory-generator';
import { push } from '../../src-main/idp/push';
import { ScimClient } from '../../src-main/idp/scim-client';
import { GROUP_SCHEMA, patch, startHarness, userBody, type ScimHarness } from '../support/scim-harness';

describe('group members that are absent, or no longer users', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  let n = 0;
  const newUser = async () => (await h.scim('POST', '/Users', userBody(`absent.u${++n}`))).body.id as string;
  const newGroup = async (members: string[] = []) =>
    (await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `absent-g${++n}`, members: members.map((value) => ({ value })) })).body.id as string;
  const memberIds = async (groupId: string) => ((await h.scim('GET', `/Groups/${groupId}`)).body.members ?? []).map((m: { value: string }) => m.value).sort();
  const lastOutcome = () => {
    h.server.tenant.activity.flush();
    const [entry] = h.server.tenant.activity.list({ Limit: 1 });
    return h.server.tenant.activity.get(entry!.Seq)!.Outcome;
  };

  it('Okta: remove members[value eq "<deleted user>"] then add another → 204, the add applied', async () => {
    const [gone, stays, joins] = [await newUser(), await newUser(), await newUser()];
    const g = await newGroup([gone, stays]);
    expect((await h.scim('DELETE', `/Users/${gone}`)).status).toBe(204);
    const res = await h.scim('PATCH', `/Groups/${g}`, patch({ op: 'remove', path: `members[value eq "${gone}"]` }, { op: 'add', path: 'members', value: [{ value: joins }] }));
    expect(res.status, res.text).toBe(204);
    expect(lastOutcome()).toMatch(/\+1 −0 member/);
    expect(await memberIds(g)).toEqual([stays, joins].sort());
  });

  it('Entra: remove with a value list naming an unknown id and a real member → 204, the real member removed', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const g = await newGroup([a, b]);
    const res = await h.scim('PATCH', `/Groups/${g}`, patch({ op: 'Remove', path: 'members', value: [{ value: 'u-unknown000000000000' }, { value: a }] }));
    expect(res.status, res.text).toBe(204);
    expect(lastOutcome()).toMatch(/\+0 −1 member/);
    expect(await memberIds(g)).toEqual([b]);
  });

  it('removing a user who is not a member is a no-op that succeeds', async () => {
    const [member, outsider] = [await newUser(), await newUser()];
    const g = await newGroup([member]);
    const res = await h.scim('PATCH', `/Groups/${g}`, patch({ op: 'remove', path: `members[value eq "${outsider}"]` }));
    expect(res.status, res.text).toBe(204);
    expect(lastOutcome()).toMatch(/\+0 −0 member/);
    expect(await memberIds(g)).toEqual([member]);
  });

  it('adding an unknown id stays 400 invalidValue, and nothing of the request is applied', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const g = await newGroup([a]);
    const res = await h.scim('PATCH', `/Groups/${g}`, patch({ op: 'remove', path: `members[value eq "${a}"]` }, { op: 'add', path: 'members', value: [{ value: b }, { value: 'u-unknown000000000001' }] }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ scimType: 'invalidValue' });
    expect(res.body.detail).toContain('u-unknown000000000001');
    expect(await memberIds(g)).toEqual([a]);
  });

  it('re-adding an existing member is logged as +0, a new one as +1', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const g = await newGroup([a]);
    expect((await h.scim('PATCH', `/Groups/${g}`, patch({ op: 'add', path: 'members', value: [{ value: a }] }))).status).toBe(204);
    expect(lastOutcome()).toMatch(/\+0 −0 member/);
    expect((await h.scim('PATCH', `/Groups/${g}`, patch({ op: 'add', path: 'members', value: [{ value: a }, { value: b }] }))).status).toBe(204);
    expect(lastOutcome()).toMatch(/\+1 −0 member/);
  });

  it('the demo IdP counts the memberships it added, not the ones it re-sent: a second push adds 0, a new member 1', async () => {
    const directory = generateDirectory({ users: 30, groups: 4, seed: 12 });
    const client = () => new ScimClient({ endpoint: h.base, token: h.secret });
    const first = await push(client(), directory);
    const total = directory.groups.reduce((sum, g) => sum + g.members.length, 0);
    expect(first).toMatchObject({ failed: 0, membershipsAdded: total });
    expect((await push(client(), directory)).membershipsAdded).toBe(0);
    // one membership removed behind the IdP's back: the next push puts back exactly that one
    const group = h.server.tenant.groups.list({ Limit: 1000 }).Items.find((x) => x.GroupName === directory.groups[0]!.displayName)!;
    const someone = h.server.tenant.groups.members(group.GroupId).Items[0]!;
    h.server.tenant.groups.scimChangeMembers(group.GroupId, [{ remove: [someone.UserId] }]);
    const third = await push(client(), directory);
    expect(third).toMatchObject({ failed: 0, membershipsAdded: 1 });
    expect(h.server.tenant.groups.members(group.GroupId).TotalCount).toBe(directory.groups[0]!.members.length);
  });
});
