// Another process holding the tenant's write lock: the provisioning log keeps its batch and writes it once the
// lock goes (bounded in memory meanwhile), and the console's writes get a readable 'Busy' error, not 'Internal'.
import { SearchWorker } from '../../../src-main/core/store/search-worker';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdminHandlers, createDispatcher } from '../../../src-main/admin/handlers';
import { ACTIVITY_RETENTION, PENDING_BODY_BUDGET, type ActivityRecord } from '../../../src-main/core/activity/activity-log';
import { Tenant } from '../../../src-main/core/tenant';
import { tempTenant } from './fixtures';

const entry = (i: number, body: string | null = null): ActivityRecord => ({
  at: new Date().toISOString(), credentialId: 'scimcred-lockcontention00000', userAgent: 'test', method: 'POST', path: `/scim/v2/Users?n=${i}`, status: 201, durationMs: 1,
  resourceType: 'User', resourceIds: [], outcome: '201 OK', requestBody: body, responseBody: null, injected: false,
});

describe('another process holds the write lock', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  function lockedTenant(role: 'serve' | 'command' = 'serve') {
    const t = tempTenant();
    t.tenant.close();
    const tenant = Tenant.open(t.file, role);
    const holder = new Database(t.file, { fileMustExist: true });
    holder.exec('BEGIN IMMEDIATE');
    disposers.push(() => {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
      tenant.close();
      t.dispose();
    });
    return { tenant, holder, release: () => holder.exec('ROLLBACK') };
  }

  it('the provisioning log keeps its batch while locked and writes every entry once the lock goes', async () => {
    const { tenant, release } = lockedTenant();
    for (let i = 0; i < 300; i++) tenant.activity.record(entry(i)); // past the batch size: a flush is tried at once
    expect(() => tenant.activity.flush()).not.toThrow();
    expect(tenant.activity.list({ Limit: 500 })).toHaveLength(0);
    release();
    await new Promise((r) => setTimeout(r, 800)); // the retry timer
    const logged = tenant.activity.list({ Limit: 500 });
    expect(logged).toHaveLength(300);
    expect(logged.at(-1)!.Path).toBe('/scim/v2/Users?n=0'); // in order, the oldest first
  });

  it('while locked the pending log is bounded: bodies past the budget are dropped, entries past the retention too', async () => {
    const { tenant, release } = lockedTenant();
    const big = 'x'.repeat(1024 * 1024);
    const n = Math.ceil(PENDING_BODY_BUDGET / big.length) + 5;
    for (let i = 0; i < n; i++) tenant.activity.record(entry(i, big));
    for (let i = n; i < ACTIVITY_RETENTION + 10; i++) tenant.activity.record(entry(i));
    release();
    tenant.activity.flush();
    const newest = tenant.activity.list({ Limit: 1 })[0]!;
    expect(newest.Path).toBe(`/scim/v2/Users?n=${ACTIVITY_RETENTION + 9}`);
    const count = (tenant.db.prepare('SELECT count(*) AS n FROM activity').get() as { n: number }).n;
    expect(count).toBe(ACTIVITY_RETENTION);
    const withoutBody = (tenant.db.prepare("SELECT count(*) AS n FROM activity WHERE request_body LIKE '[body not kept%'").get() as { n: number }).n;
    expect(withoutBody).toBe(5);
  });

  it('a console write answers Busy with a readable message, and works once the lock goes', async () => {
    const { tenant, release } = lockedTenant();
    const dispatch = createDispatcher(createAdminHandlers({ tenant, searches: new SearchWorker(tenant.file), endpoints: () => ({ SCIMEndpoint: '', AcceleratedEndpoint: null, APIEndpoint: null }) }));
    const refused = await dispatch('users.create', { UserName: 'alice' });
    expect(refused).toEqual({ ok: false, error: { Code: 'Busy', Message: expect.stringMatching(/locked by another process.*nothing was changed/), MessageCode: 'TenantBusy', Params: {} } });
    const read = await dispatch('users.list', {});
    expect(read.ok).toBe(true);
    release();
    await new Promise((r) => setTimeout(r, 1_100)); // past the fail-fast window
    expect((await dispatch('users.create', { UserName: 'alice' })).ok).toBe(true);
  });

  it('the serving connection waits a quarter second for a lock, not five', () => {
    const { tenant } = lockedTenant();
    const t0 = Date.now();
    expect(() => tenant.users.create({ UserName: 'bob' })).toThrow(/SQLITE_BUSY|database is locked/);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });
});
