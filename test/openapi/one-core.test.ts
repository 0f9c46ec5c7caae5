import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimUser } from '../unit/core/fixtures';
import { CLIENT_KINDS, startApiHarness, type ApiHarness } from './api-harness';

describe('the API is a third face of the same core', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
    const { users } = h.server.tenant;
    h.server.tenant.db.transaction(() => {
      for (let i = 0; i < 250; i++) users.create({ UserName: `paged.${String(i).padStart(3, '0')}` });
    })();
  });
  afterAll(async () => h?.close());

  it.each(CLIENT_KINDS)('%s: pages through 250 users with NextToken, each user once', async (kind) => {
    const api = h.client(kind);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await api('ListUsers', { DirectoryId: h.directoryId, Filter: 'UserName sw paged.', MaxResults: 100, ...(token ? { NextToken: token } : {}) });
      expect(page.TotalCounts).toBe(250);
      expect(page.MaxResults).toBe(100);
      seen.push(...page.Users.map((u: { UserName: string }) => u.UserName));
      expect(page.IsTruncated).toBe(seen.length < 250);
      token = page.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
  });

  it('MaxResults defaults to 10 and must be 1–100; a NextToken not from the API is refused', async () => {
    const api = h.client('V1 GET');
    const first = await api('ListUsers', { DirectoryId: h.directoryId });
    expect(first.Users).toHaveLength(10);
    expect(first).toMatchObject({ MaxResults: 10, IsTruncated: true });
    for (const bad of [0, 101, 'ten']) expect(await h.refusal(api('ListUsers', { DirectoryId: h.directoryId, MaxResults: bad }))).toMatchObject({ code: 'InvalidParameter.MaxResults', status: 400 });
    expect(await h.refusal(api('ListUsers', { DirectoryId: h.directoryId, NextToken: 'garbage' }))).toMatchObject({ code: 'InvalidParameter.NextToken', status: 400 });
  });

  describe('edit locks while SCIM synchronization is on', () => {
    let userId: string;
    let groupId: string;
    let manualId: string;
    beforeAll(() => {
      const t = h.server.tenant;
      userId = t.users.scimCreate(scimUser('synced.user')).user.UserId;
      manualId = t.users.create({ UserName: 'manual.user' }).UserId;
      groupId = t.groups.scimCreate({ GroupName: 'synced-group', ExternalId: 'grp-1', Scim: {}, Members: [userId] }).GroupId;
      t.settings.setSync('Enabled');
    });

    it.each(CLIENT_KINDS)('%s: editing or deleting synchronized objects is refused with the lock\'s reason', async (kind) => {
      const api = h.client(kind);
      const d = h.directoryId;
      const refusals = [
        api('UpdateUser', { DirectoryId: d, UserId: userId, NewDisplayName: 'x' }),
        api('DeleteUser', { DirectoryId: d, UserId: userId }),
        api('UpdateGroup', { DirectoryId: d, GroupId: groupId, NewDescription: 'x' }),
        api('DeleteGroup', { DirectoryId: d, GroupId: groupId }),
        api('AddUserToGroup', { DirectoryId: d, GroupId: groupId, UserId: manualId }),
        api('RemoveUserFromGroup', { DirectoryId: d, GroupId: groupId, UserId: userId }),
      ];
      for (const call of refusals) {
        const r = await h.refusal(call);
        expect(r).toMatchObject({ code: 'OperationDenied.SCIMSynchronized', status: 403 });
        expect(r.body.Message).toMatch(/synchronized from your identity provider by SCIM/);
      }
      expect(h.server.tenant.users.get(userId).DisplayName).toBe('Display synced.user');
      expect(h.server.tenant.groups.get(groupId).MemberCount).toBe(1);
    });

    it.each(CLIENT_KINDS)('%s: the status switch and password reset stay available', async (kind) => {
      const api = h.client(kind);
      await api('UpdateUserStatus', { DirectoryId: h.directoryId, UserId: userId, NewStatus: 'Disabled' });
      expect(h.server.tenant.users.get(userId).Status).toBe('Disabled');
      await api('UpdateUserStatus', { DirectoryId: h.directoryId, UserId: userId, NewStatus: 'Enabled' });
      expect((await api('ResetUserPassword', { DirectoryId: h.directoryId, UserId: userId, GenerateRandomPassword: true })).NewPassword).toBeTruthy();
    });

    it('with sync off the same edit goes through and is marked as drift, as in the console', async () => {
      h.server.tenant.settings.setSync('Disabled');
      try {
        await h.client('V3')('UpdateUser', { DirectoryId: h.directoryId, UserId: userId, NewDisplayName: 'Edited while off' });
        expect(h.server.tenant.users.get(userId)).toMatchObject({ DisplayName: 'Edited while off', Drift: 'Modified' });
      } finally {
        h.server.tenant.settings.setSync('Enabled');
      }
    });
  });

  it('a change made through the API reaches the console\'s change feed', async () => {
    const topics: string[] = [];
    const stop = h.server.onChange((e) => topics.push(...e.Topics));
    try {
      await h.client('V1 POST')('CreateGroup', { DirectoryId: h.directoryId, GroupName: 'feed-group' });
      await expect.poll(() => topics, { timeout: 3000 }).toContain('directory');
    } finally {
      stop();
    }
  });

  it('the provisioning log records API calls as their own source, secrets redacted', async () => {
    const api = h.client('V1 POST');
    const cred = (await api('CreateSCIMServerCredential', { DirectoryId: h.directoryId })).SCIMServerCredential;
    const user = h.server.tenant.users.findByUserName('manual.user')!;
    await api('ResetUserPassword', { DirectoryId: h.directoryId, UserId: user.UserId, Password: 'S3cret!Pass99' });
    const generated = (await api('ResetUserPassword', { DirectoryId: h.directoryId, UserId: user.UserId, GenerateRandomPassword: true })).NewPassword;
    h.server.tenant.activity.flush();
    const entries = h.server.tenant.activity.list({ Source: 'OpenAPI', Limit: 3 });
    expect(entries.map((e) => e.Path)).toEqual(['/?Action=ResetUserPassword', '/?Action=ResetUserPassword', '/?Action=CreateSCIMServerCredential']);
    expect(entries.every((e) => e.Source === 'OpenAPI' && e.Method === 'POST' && e.CredentialId === h.accessKeyId)).toBe(true);
    expect(entries[2]).toMatchObject({ ResourceType: 'SCIMCredential', ResourceIds: [cred.CredentialId], Status: 200 });
    const details = entries.map((e) => h.server.tenant.activity.get(e.Seq)!);
    const logged = details.map((e) => `${e.RequestBody}\n${e.ResponseBody}`).join('\n');
    for (const secret of [cred.CredentialSecret, 'S3cret!Pass99', generated, h.accessKeySecret]) expect(logged).not.toContain(secret);
    expect(details[2]!.RequestBody).toMatch(/"Signature":"\[redacted\]"/);
    expect(details[2]!.ResponseBody).toMatch(/"CredentialSecret":"\[redacted\]"/);
    expect(h.server.tenant.activity.list({ Source: 'SCIM' }).some((e) => e.Path.startsWith('/?Action'))).toBe(false);
    await h.client('V1 GET')('DeleteSCIMServerCredential', { DirectoryId: h.directoryId, CredentialId: cred.CredentialId });
  });

  it('fault injection applies to the API: Throttling 429 and ServiceUnavailable 503 with Retry-After, logged as injected', async () => {
    const t = h.server.tenant;
    t.faults.set({ ThrottleRate: 1, RetryAfterSeconds: 7 });
    try {
      for (const kind of CLIENT_KINDS) expect(await h.refusal(h.client(kind)('ListDirectories'))).toMatchObject({ code: 'Throttling', status: 429 });
      const raw = await fetch(`${h.endpoint}/?Action=ListDirectories`);
      expect(raw.headers.get('retry-after')).toBe('7');
      t.faults.set({ ThrottleRate: 0, Paused: true });
      expect(await h.refusal(h.client('V3')('ListDirectories'))).toMatchObject({ code: 'ServiceUnavailable', status: 503 });
    } finally {
      t.faults.set({ ThrottleRate: 0, Paused: false });
    }
    t.activity.flush();
    expect(t.activity.list({ Source: 'OpenAPI', Limit: 1 })[0]).toMatchObject({ Injected: true, Status: 503 });
    expect((await h.client('V3')('ListDirectories')).TotalCounts).toBe(1);
  });
});
