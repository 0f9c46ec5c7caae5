// The search worker answers exactly what the serving thread would, page by page, and refuses with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchRefused, SearchWorker } from '../../../src-main/core/store/search-worker';
import type { Tenant } from '../../../src-main/core/tenant';
import { compileFilter } from '../../../src-main/scim/filter';
import { scimUser, tempTenant } from './fixtures';

describe('SearchWorker', () => {
  let tenant: Tenant;
  let file: string;
  let dispose: () => void;
  const workers: SearchWorker[] = [];
  const worker = (options: ConstructorParameters<typeof SearchWorker>[1] = {}) => {
    const w = new SearchWorker(file, options);
    workers.push(w);
    return w;
  };

  beforeAll(() => {
    ({ tenant, file, dispose } = tempTenant());
    for (let i = 0; i < 300; i++) {
      tenant.users.scimCreate(scimUser(`user${i}`, { DisplayName: i % 3 ? `Member ${i}` : null, Scim: { userName: `user${i}`, title: i % 7 ? 'Engineer' : 'Manager' } }));
    }
    for (let g = 0; g < 30; g++) tenant.groups.scimCreate({ GroupName: `team-${g}`, ExternalId: null, Scim: {}, Members: [tenant.users.findByUserName(`user${g}`)!.UserId] });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    dispose();
  });

  const cases: { filter: string; pages: [offset: number, limit: number][] }[] = [
    { filter: 'title eq "Manager"', pages: [[0, 10], [0, 100], [20, 100], [40, 5], [400, 10], [0, 0]] },
    { filter: 'userName sw "user1" or title pr', pages: [[0, 100], [150, 100], [299, 100]] },
    { filter: 'not (displayName pr)', pages: [[0, 50], [50, 50]] },
  ];
  it.each(cases)('users: $filter, every page as the serving thread reads it', async ({ filter, pages }) => {
    const predicate = compileFilter(filter, 'User');
    expect(predicate.indexed).toBe(false);
    const searches = worker();
    for (const [offset, limit] of pages) {
      expect(await tenant.users.listStoredInBackground(predicate, offset, limit, searches)).toEqual(tenant.users.listStored(predicate, offset, limit));
    }
  });

  it('groups: the same', async () => {
    const predicate = compileFilter('displayName sw "team-1" or members.display co "user2"', 'Group');
    const searches = worker();
    for (const [offset, limit] of [[0, 100], [3, 4], [50, 10]] as const) {
      expect(await tenant.groups.listStoredInBackground(predicate, offset, limit, searches)).toEqual(tenant.groups.listStored(predicate, offset, limit));
    }
  });

  it("the console's text search: the same page, sorted as asked", async () => {
    const searches = worker();
    const q = { Text: 'member 1', SortBy: 'UserName' as const, SortOrder: 'desc' as const, Offset: 5, Limit: 10 };
    expect(await tenant.users.search(q, searches)).toEqual(tenant.users.list(q));
  });

  it("the console's group member search: the same page", async () => {
    const searches = worker();
    const groupId = tenant.groups.list({ GroupNameEq: 'team-1' }).Items[0]!.GroupId;
    const q = { Text: 'USER1', Offset: 0, Limit: 10 };
    const page = await tenant.groups.searchMembers(groupId, q, searches);
    expect(page).toEqual(tenant.groups.members(groupId, q));
    expect(page.TotalCount).toBe(1);
  });

  it('refuses a search over its budget, and answers the next one', async () => {
    const searches = worker({ budgetMs: 1 });
    // 27 million rows (every triple of users), each checked against the budget as a guarded predicate is
    const slow = searches.guard({ sql: '1', params: [] });
    await expect(searches.read([{ sql: `SELECT count(*) FROM users a, users b, users c WHERE ${slow.sql}`, params: [] }])).rejects.toMatchObject({
      reason: 'budget',
      code: 'LimitExceeded',
      message: expect.stringMatching(/time budget of 1 ms/),
    });
    expect(await searches.read([{ sql: 'SELECT count(*) FROM users', params: [] }])).toEqual([[[300]]]);
  });

  it('refuses as busy what exceeds one running plus the waiting room', async () => {
    const searches = worker({ maxWaiting: 1 });
    const reads = [0, 1, 2].map(() => searches.read([{ sql: 'SELECT count(*) FROM users', params: [] }]).then(() => 'ok', (e: SearchRefused) => e.reason));
    expect(await Promise.all(reads)).toEqual(['ok', 'ok', 'busy']);
  });

  it('after stop, refuses as unavailable', async () => {
    const searches = worker();
    await searches.read([{ sql: 'SELECT 1', params: [] }]);
    await searches.stop();
    await expect(searches.read([{ sql: 'SELECT 1', params: [] }])).rejects.toMatchObject({ reason: 'unavailable', code: 'Busy' });
  });
});
