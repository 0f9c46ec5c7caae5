import { beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../../src-main/admin/contract';
import { setAdminApi } from '../../../src-renderer/api/admin-client';
import { ACTIVITY_PAGE_SIZE, activityQuery, mergeActivity, useActivityStore } from '../../../src-renderer/store/activity-store';
import { createFakeAdminApi } from './fake-admin-api';

function entry(Seq: number, overrides: Partial<ActivityEntry> = {}): ActivityEntry {
  return { Seq, Time: new Date(Date.UTC(2026, 10, 28, 10, 0, Seq)).toISOString(), CredentialId: null, UserAgent: 'Okta SCIM Client', Method: 'GET', Path: '/scim/v2/Users', Status: 200, DurationMs: 3, ResourceType: 'User', ResourceIds: [], Outcome: '200 OK', Injected: false, Source: 'SCIM', ...overrides };
}

describe('merging the live first page with paged-in older entries', () => {
  it('keeps newest first and each request once', () => {
    const merged = mergeActivity([entry(5), entry(4), entry(3)], [entry(7), entry(6), entry(5, { Status: 500 })]);
    expect(merged.map((e) => e.Seq)).toEqual([7, 6, 5, 4, 3]);
    expect(merged.find((e) => e.Seq === 5)?.Status).toBe(500);
  });

  it('sends only the filters the admin chose', () => {
    expect(activityQuery({ StatusClass: 'error', Method: undefined, CredentialId: '' }, { Limit: 10 })).toEqual({ StatusClass: 'error', Limit: 10 });
  });
});

describe('the Activity store', () => {
  beforeEach(() => useActivityStore.setState({ filters: {}, entries: [], hasOlder: true, loading: false, loadError: null }));

  it('loads the newest page, then older pages until the log ends', async () => {
    const total = ACTIVITY_PAGE_SIZE + 30;
    const fake = createFakeAdminApi({ activity: Array.from({ length: total }, (_, i) => entry(i + 1)) });
    setAdminApi(fake.api);
    await useActivityStore.getState().loadNewest();
    expect(useActivityStore.getState().entries[0].Seq).toBe(total);
    expect(useActivityStore.getState().hasOlder).toBe(true);
    await useActivityStore.getState().loadOlder();
    const seqs = useActivityStore.getState().entries.map((e) => e.Seq);
    expect(seqs).toHaveLength(total);
    expect(seqs[seqs.length - 1]).toBe(1);
    expect(useActivityStore.getState().hasOlder).toBe(false);
  });

  it('shows new requests on top after a live refresh without losing older ones', async () => {
    const fake = createFakeAdminApi({ activity: [entry(1), entry(2)] });
    setAdminApi(fake.api);
    await useActivityStore.getState().loadNewest();
    fake.state.activity.push(entry(3, { Method: 'POST', Status: 201 }));
    await useActivityStore.getState().loadNewest();
    expect(useActivityStore.getState().entries.map((e) => e.Seq)).toEqual([3, 2, 1]);
  });

  it('passes the method filter to the core', async () => {
    const fake = createFakeAdminApi({ activity: [entry(1), entry(2, { Method: 'POST' })] });
    setAdminApi(fake.api);
    useActivityStore.getState().setFilters({ Method: 'POST' });
    await useActivityStore.getState().loadNewest();
    expect(useActivityStore.getState().entries.map((e) => e.Seq)).toEqual([2]);
    expect(fake.calls.at(-1)?.request).toEqual({ Method: 'POST', Limit: ACTIVITY_PAGE_SIZE });
  });
});
