import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimUser } from '../unit/core/fixtures';
import { CLIENT_KINDS, startApiHarness, type ApiCaller, type ApiHarness } from './api-harness';

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe.each(CLIENT_KINDS)('every emulated action through %s', (kind) => {
  let h: ApiHarness;
  let api: ApiCaller;
  let d: string;
  beforeAll(async () => {
    h = await startApiHarness();
    api = h.client(kind);
    d = h.directoryId;
  });
  afterAll(async () => h?.close());

  it('directory: list, get, rename, statistics', async () => {
    const list = await api('ListDirectories');
    expect(list).toMatchObject({ TotalCounts: 1, Directories: [{ DirectoryId: d, DirectoryName: 'local-directory', Region: 'cn-shanghai' }] });
    expect(list.RequestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-/);
    expect(list.Directories[0].CreateTime).toMatch(ISO_SECONDS);
    expect((await api('GetDirectory', { DirectoryId: d })).Directory.DirectoryId).toBe(d);
    expect((await api('UpdateDirectory', { DirectoryId: d, NewDirectoryName: 'renamed-by-api' })).Directory.DirectoryName).toBe('renamed-by-api');
    expect(h.server.tenant.settings.directory().DirectoryName).toBe('renamed-by-api'); // the console reads the same core
    h.server.tenant.users.create({ UserName: 'counted' });
    const stats = (await api('GetDirectoryStatistics', { DirectoryId: d })).DirectoryStatistics;
    expect(stats).toMatchObject({ DirectoryId: d, UserCount: 1, GroupCount: 0, SCIMServerCredentialCount: 0, SCIMSyncEnabled: false, SSOEnabled: false });
    h.server.tenant.users.delete(h.server.tenant.users.findByUserName('counted')!.UserId);
  });

  it('SCIM synchronization: get and set', async () => {
    expect((await api('GetSCIMSynchronizationStatus', { DirectoryId: d })).SCIMSynchronizationStatus).toBe('Disabled');
    await api('SetSCIMSynchronizationStatus', { DirectoryId: d, SCIMSynchronizationStatus: 'Enabled' });
    expect((await api('GetSCIMSynchronizationStatus', { DirectoryId: d })).SCIMSynchronizationStatus).toBe('Enabled');
    expect(h.server.tenant.settings.syncEnabled()).toBe(true);
    await api('SetSCIMSynchronizationStatus', { DirectoryId: d, SCIMSynchronizationStatus: 'Disabled' });
    expect(h.server.tenant.settings.syncEnabled()).toBe(false);
  });

  it('SCIM credentials: create (secret once), list, disable, delete; the third is refused', async () => {
    const created = (await api('CreateSCIMServerCredential', { DirectoryId: d })).SCIMServerCredential;
    expect(created).toMatchObject({ CredentialType: 'BearerToken', Status: 'Enabled', DirectoryId: d });
    expect(created.CredentialId).toMatch(/^scimcred-/);
    expect(h.server.tenant.credentials.authenticate(created.CredentialSecret)).toEqual({ ok: true, credentialId: created.CredentialId });
    const listed = await api('ListSCIMServerCredentials', { DirectoryId: d });
    expect(listed.TotalCounts).toBe(1);
    expect(listed.SCIMServerCredentials[0]).not.toHaveProperty('CredentialSecret');
    expect(Date.parse(listed.SCIMServerCredentials[0].ExpireTime) - Date.parse(listed.SCIMServerCredentials[0].CreateTime)).toBeGreaterThan(364 * 86_400_000);
    const disabled = await api('UpdateSCIMServerCredentialStatus', { DirectoryId: d, CredentialId: created.CredentialId, NewStatus: 'Disabled' });
    expect(disabled.SCIMServerCredential).toMatchObject({ CredentialId: created.CredentialId, Status: 'Disabled' });
    const second = (await api('CreateSCIMServerCredential', { DirectoryId: d })).SCIMServerCredential;
    const third = await h.refusal(api('CreateSCIMServerCredential', { DirectoryId: d }));
    expect(third).toMatchObject({ code: 'LimitExceeded.SCIMCredential', status: 409 });
    await api('DeleteSCIMServerCredential', { DirectoryId: d, CredentialId: created.CredentialId });
    await api('DeleteSCIMServerCredential', { DirectoryId: d, CredentialId: second.CredentialId });
    expect((await api('ListSCIMServerCredentials', { DirectoryId: d })).TotalCounts).toBe(0);
    expect(await h.refusal(api('DeleteSCIMServerCredential', { DirectoryId: d, CredentialId: created.CredentialId }))).toMatchObject({ code: 'EntityNotExists.SCIMCredential', status: 404 });
  });

  it('users: create, get, update, status, password, list with filters, delete', async () => {
    const created = (await api('CreateUser', { DirectoryId: d, UserName: 'Alice.Api', DisplayName: 'Alice', FirstName: 'Alice', LastName: 'Api', Email: 'alice@example.com', Description: 'from the API' })).User;
    expect(created).toMatchObject({ UserName: 'Alice.Api', DisplayName: 'Alice', Email: 'alice@example.com', Status: 'Enabled', ProvisionType: 'Manual' });
    expect(created.UserId).toMatch(/^u-[a-z0-9]{20}$/);
    expect(created.CreateTime).toMatch(ISO_SECONDS);
    const id = created.UserId;
    expect((await api('GetUser', { DirectoryId: d, UserId: id })).User).toMatchObject({ UserId: id, UserName: 'Alice.Api', Description: 'from the API' });

    const updated = (await api('UpdateUser', { DirectoryId: d, UserId: id, NewDisplayName: 'Alice A.', NewEmail: 'alice.a@example.com' })).User;
    expect(updated).toMatchObject({ DisplayName: 'Alice A.', Email: 'alice.a@example.com', FirstName: 'Alice' });
    await api('UpdateUserStatus', { DirectoryId: d, UserId: id, NewStatus: 'Disabled' });
    expect(h.server.tenant.users.get(id).Status).toBe('Disabled');

    expect(await api('ResetUserPassword', { DirectoryId: d, UserId: id, Password: 'Str0ng!Passw0rd' })).not.toHaveProperty('NewPassword');
    const generated = await api('ResetUserPassword', { DirectoryId: d, UserId: id, GenerateRandomPassword: true });
    expect(generated.NewPassword).toMatch(/^.{16}$/);
    const weak = await h.refusal(api('ResetUserPassword', { DirectoryId: d, UserId: id, Password: 'short' }));
    expect(weak).toMatchObject({ code: 'InvalidParameter.Password', status: 400 });
    expect(weak.body.Message).toMatch(/8 to 32 characters/);

    await api('CreateUser', { DirectoryId: d, UserName: 'alfred', Status: 'Disabled' });
    await api('CreateUser', { DirectoryId: d, UserName: 'bob' });
    const eq = await api('ListUsers', { DirectoryId: d, Filter: 'UserName eq alice.api' });
    expect(eq.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['Alice.Api']);
    const sw = await api('ListUsers', { DirectoryId: d, Filter: 'username sw "al"' });
    expect(sw.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['Alice.Api', 'alfred']);
    expect(sw).toMatchObject({ TotalCounts: 2, IsTruncated: false, MaxResults: 10 });
    const enabled = await api('ListUsers', { DirectoryId: d, Status: 'Enabled', ProvisionType: 'Manual' });
    expect(enabled.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['bob']);
    expect(await h.refusal(api('ListUsers', { DirectoryId: d, Filter: 'DisplayName eq x' }))).toMatchObject({ code: 'InvalidParameter.Filter', status: 400 });

    const duplicate = await h.refusal(api('CreateUser', { DirectoryId: d, UserName: 'ALICE.API' }));
    expect(duplicate).toMatchObject({ code: 'EntityAlreadyExists.User', status: 409 });
    expect(await h.refusal(api('CreateUser', { DirectoryId: d, UserName: 'has space' }))).toMatchObject({ code: 'InvalidParameter.UserName', status: 400 });

    for (const name of ['alfred', 'bob']) await api('DeleteUser', { DirectoryId: d, UserId: h.server.tenant.users.findByUserName(name)!.UserId });
    await api('DeleteUser', { DirectoryId: d, UserId: id });
    expect(await h.refusal(api('GetUser', { DirectoryId: d, UserId: id }))).toMatchObject({ code: 'EntityNotExists.User', status: 404 });
  });

  it('GetUserId finds a SCIM-synchronized user by its externalId', async () => {
    const stored = h.server.tenant.users.scimCreate(scimUser('scim.user', { ExternalId: 'entra-object-42' }));
    const found = await api('GetUserId', { DirectoryId: d, ExternalId: JSON.stringify({ Id: 'entra-object-42', Issuer: 'SCIM' }) });
    expect(found.UserId).toBe(stored.user.UserId);
    expect((await api('GetUser', { DirectoryId: d, UserId: found.UserId })).User.ExternalId).toEqual({ Id: 'entra-object-42', Issuer: 'SCIM' });
    expect(await h.refusal(api('GetUserId', { DirectoryId: d, ExternalId: JSON.stringify({ Id: 'nobody', Issuer: 'SCIM' }) }))).toMatchObject({ code: 'EntityNotExists.User', status: 404 });
    expect(await h.refusal(api('GetUserId', { DirectoryId: d, ExternalId: 'not json' }))).toMatchObject({ code: 'InvalidParameter.ExternalId', status: 400 });
    h.server.tenant.users.scimDelete(stored.user.UserId);
  });

  it('password policy: get and set, out-of-range refused', async () => {
    const policy = (await api('GetPasswordPolicy', { DirectoryId: d })).PasswordPolicy;
    expect(policy).toMatchObject({ MinPasswordLength: 8, MaxPasswordLength: 32, RequireUpperCaseChars: true });
    await api('SetPasswordPolicy', { DirectoryId: d, MinPasswordLength: 12, MaxLoginAttempts: 3, PasswordNotContainUsername: false });
    expect((await api('GetPasswordPolicy', { DirectoryId: d })).PasswordPolicy).toMatchObject({ MinPasswordLength: 12, MaxLoginAttempts: 3, PasswordNotContainUsername: false });
    expect(await h.refusal(api('SetPasswordPolicy', { DirectoryId: d, MinPasswordLength: 4 }))).toMatchObject({ code: 'InvalidParameter.MinPasswordLength', status: 400 });
    await api('SetPasswordPolicy', { DirectoryId: d, MinPasswordLength: 8 });
  });

  it('groups and memberships: create, get, update, list, add, members, joined groups, remove, delete', async () => {
    const user = (await api('CreateUser', { DirectoryId: d, UserName: 'member.one', Email: 'm1@example.com' })).User;
    const group = (await api('CreateGroup', { DirectoryId: d, GroupName: 'engineering', Description: 'builds things' })).Group;
    expect(group).toMatchObject({ GroupName: 'engineering', Description: 'builds things', ProvisionType: 'Manual' });
    expect(group.GroupId).toMatch(/^g-[a-z0-9]{20}$/);
    expect((await api('GetGroup', { DirectoryId: d, GroupId: group.GroupId })).Group.GroupName).toBe('engineering');
    expect((await api('UpdateGroup', { DirectoryId: d, GroupId: group.GroupId, NewGroupName: 'eng', NewDescription: 'renamed' })).Group).toMatchObject({ GroupName: 'eng', Description: 'renamed' });
    await api('CreateGroup', { DirectoryId: d, GroupName: 'sales' });
    const listed = await api('ListGroups', { DirectoryId: d, Filter: 'GroupName sw en' });
    expect(listed.Groups.map((g: { GroupName: string }) => g.GroupName)).toEqual(['eng']);
    expect((await api('ListGroups', { DirectoryId: d })).TotalCounts).toBe(2);

    await api('AddUserToGroup', { DirectoryId: d, GroupId: group.GroupId, UserId: user.UserId });
    const members = await api('ListGroupMembers', { DirectoryId: d, GroupId: group.GroupId });
    expect(members).toMatchObject({ TotalCounts: 1, IsTruncated: false });
    expect(members.GroupMembers[0]).toMatchObject({ UserId: user.UserId, UserName: 'member.one', Email: 'm1@example.com', Status: 'Enabled', ProvisionType: 'Manual', GroupId: group.GroupId });
    const joined = await api('ListJoinedGroupsForUser', { DirectoryId: d, UserId: user.UserId });
    expect(joined.JoinedGroups).toEqual([expect.objectContaining({ GroupId: group.GroupId, GroupName: 'eng', UserId: user.UserId, ProvisionType: 'Manual' })]);

    // CloudSSO's preconditions: a group with members and a user in a group cannot be deleted.
    expect(await h.refusal(api('DeleteGroup', { DirectoryId: d, GroupId: group.GroupId }))).toMatchObject({ code: 'DeletionConflict.Group', status: 409 });
    expect(await h.refusal(api('DeleteUser', { DirectoryId: d, UserId: user.UserId }))).toMatchObject({ code: 'DeletionConflict.User', status: 409 });
    expect(await h.refusal(api('AddUserToGroup', { DirectoryId: d, GroupId: group.GroupId, UserId: 'u-doesnotexist00000000' }))).toMatchObject({ code: 'EntityNotExists.User' });

    await api('RemoveUserFromGroup', { DirectoryId: d, GroupId: group.GroupId, UserId: user.UserId });
    expect(await h.refusal(api('RemoveUserFromGroup', { DirectoryId: d, GroupId: group.GroupId, UserId: user.UserId }))).toMatchObject({ code: 'EntityNotExists.GroupMember', status: 404 });
    await api('DeleteGroup', { DirectoryId: d, GroupId: group.GroupId });
    await api('DeleteGroup', { DirectoryId: d, GroupId: h.server.tenant.groups.list({ GroupNameEq: 'sales' }).Items[0]!.GroupId });
    await api('DeleteUser', { DirectoryId: d, UserId: user.UserId });
    expect(await h.refusal(api('GetGroup', { DirectoryId: d, GroupId: group.GroupId }))).toMatchObject({ code: 'EntityNotExists.Group', status: 404 });
  });

  it('MFA, sign-in, SAML and provisioning settings: fixed reads, writes still refused, unknown ids named', async () => {
    const user = (await api('CreateUser', { DirectoryId: d, UserName: 'mfa.reader' })).User;
    expect(await api('GetUserMFAAuthenticationSettings', { DirectoryId: d, UserId: user.UserId })).toMatchObject({ UserMFAAuthenticationSettings: 'Enabled' });
    expect(await h.refusal(api('GetUserMFAAuthenticationSettings', { DirectoryId: d, UserId: 'u-doesnotexist00000000' }))).toMatchObject({ code: 'EntityNotExists.User', status: 404 });
    expect(await h.refusal(api('GetUserMFAAuthenticationSettings', { DirectoryId: d }))).toMatchObject({ code: 'MissingParameter', status: 400 });
    for (const action of ['GetMFAAuthenticationStatus', 'GetLoginPreference', 'GetExternalSAMLIdentityProvider', 'GetDirectoryGlobalAccessStatus']) {
      expect(await h.refusal(api(action, { DirectoryId: 'd-00000000000000000000' }))).toMatchObject({ code: 'EntityNotExists.Directory', status: 404 });
    }
    expect((await api('GetExternalSAMLIdentityProvider', { DirectoryId: d })).SAMLIdentityProviderConfiguration).toEqual({ DirectoryId: d, SSOStatus: 'Disabled', WantRequestSigned: false });
    for (const [action, params] of [['UpdateUserMFAAuthenticationSettings', { UserId: user.UserId, UserMFAAuthenticationSettings: 'Disabled' }], ['SetExternalSAMLIdentityProvider', { SSOStatus: 'Enabled' }]] as const) {
      expect(await h.refusal(api(action, { DirectoryId: d, ...params }))).toMatchObject({ code: 'InvalidAction.NotEmulated', status: 400 });
    }
    await api('DeleteUser', { DirectoryId: d, UserId: user.UserId });
  });

  it('a DirectoryId other than the directory\'s is EntityNotExists.Directory; a required parameter missing is MissingParameter', async () => {
    expect(await h.refusal(api('GetDirectory', { DirectoryId: 'd-00000000000000000000' }))).toMatchObject({ code: 'EntityNotExists.Directory', status: 404 });
    expect(await h.refusal(api('ListUsers', {}))).toMatchObject({ code: 'MissingParameter', status: 400 });
    expect(await h.refusal(api('CreateUser', { DirectoryId: d }))).toMatchObject({ code: 'MissingParameter', status: 400 });
  });

  it('one directory per account: CreateDirectory refused while it exists; DeleteDirectory only when empty; then a new one', async () => {
    expect(await h.refusal(api('CreateDirectory', { DirectoryName: 'second' }))).toMatchObject({ code: 'EntityAlreadyExists.Directory', status: 409 });
    h.server.tenant.groups.create({ GroupName: 'left-behind' });
    const blocked = await h.refusal(api('DeleteDirectory', { DirectoryId: d }));
    expect(blocked).toMatchObject({ code: 'DeletionConflict.Directory', status: 409 });
    expect(blocked.body.Message).toMatch(/1 group/);
    h.server.tenant.groups.delete(h.server.tenant.groups.list({ GroupNameEq: 'left-behind' }).Items[0]!.GroupId);
    await api('DeleteDirectory', { DirectoryId: d });
    expect(await api('ListDirectories')).toMatchObject({ TotalCounts: 0, Directories: [] });
    expect(await h.refusal(api('GetDirectory', { DirectoryId: d }))).toMatchObject({ code: 'EntityNotExists.Directory' });
    const fresh = (await api('CreateDirectory', { DirectoryName: 'fresh-directory' })).Directory;
    expect(fresh.DirectoryId).not.toBe(d);
    expect(fresh.DirectoryName).toBe('fresh-directory');
    expect((await api('ListDirectories')).Directories[0].DirectoryId).toBe(fresh.DirectoryId);
  });
});
