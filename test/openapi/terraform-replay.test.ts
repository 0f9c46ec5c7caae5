// The calls Terraform's alicloud provider makes (V1 HMAC-SHA1 signatures) for a plan with
// alicloud_cloud_sso_scim_server_credential, the alicloud_cloud_sso_directory with only scim_synchronization_status set,
// three alicloud_cloud_sso_user, two alicloud_cloud_sso_group and their alicloud_cloud_sso_user_attachment: apply,
// refresh, destroy in reverse. Each read makes every call the provider's read function makes; the directory's and the
// users' include settings the emulator answers with fixed values. The plan sets none of them, so no Set call follows.
// Replayed through pop-core (a form body) and through openapi-client's V1 mode, which posts the parameters in the
// query string exactly as the provider's RPC client does.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startApiHarness, type ApiCaller, type ApiHarness } from './api-harness';

let h: ApiHarness;
beforeEach(async () => {
  h = await startApiHarness();
});
afterEach(async () => h?.close());

it.each(['V1 POST', 'V1 POST query'] as const)('%s: apply, refresh and destroy of a CloudSSO plan, call by call', async (kind) => {
  const api = h.client(kind);
  const d = h.directoryId;
  const state: { credentialId?: string; users: Record<string, string>; groups: Record<string, string>; attachments: [string, string][] } = { users: {}, groups: {}, attachments: [] };

  // apply: the credential (create, then read it back through the list, as the provider does)
  const cred = (await api('CreateSCIMServerCredential', { DirectoryId: d })).SCIMServerCredential;
  state.credentialId = cred.CredentialId;
  expect((await api('ListSCIMServerCredentials', { DirectoryId: d })).SCIMServerCredentials.map((c: { CredentialId: string }) => c.CredentialId)).toContain(cred.CredentialId);

  // the directory resource's scim_synchronization_status, then its read
  await api('SetSCIMSynchronizationStatus', { DirectoryId: d, SCIMSynchronizationStatus: 'Enabled' });
  await readDirectory(api, d, 'Enabled');

  for (const name of ['tf.alice', 'tf.bob', 'tf.carol']) {
    const user = (await api('CreateUser', { DirectoryId: d, UserName: name, DisplayName: name, Email: `${name}@example.com`, Status: 'Enabled' })).User;
    state.users[name] = user.UserId;
    expect((await readUser(api, d, user.UserId)).UserName).toBe(name);
  }
  for (const name of ['tf-admins', 'tf-devs']) {
    const group = (await api('CreateGroup', { DirectoryId: d, GroupName: name, Description: 'managed by Terraform' })).Group;
    state.groups[name] = group.GroupId;
    expect((await api('GetGroup', { DirectoryId: d, GroupId: group.GroupId })).Group.GroupName).toBe(name);
  }
  const attach: [string, string][] = [['tf-admins', 'tf.alice'], ['tf-devs', 'tf.bob'], ['tf-devs', 'tf.carol'], ['tf-devs', 'tf.alice']];
  for (const [group, user] of attach) {
    await api('AddUserToGroup', { DirectoryId: d, GroupId: state.groups[group], UserId: state.users[user] });
    const joined = await api('ListJoinedGroupsForUser', { DirectoryId: d, UserId: state.users[user], MaxResults: 100 });
    expect(joined.JoinedGroups.map((g: { GroupId: string }) => g.GroupId)).toContain(state.groups[group]);
    state.attachments.push([group, user]);
  }

  // what the IdP and the console see is the same directory
  expect(h.server.tenant.groups.get(state.groups['tf-devs']!).MemberCount).toBe(3);

  // refresh: every resource read again, the data source paging ListUsers
  await api('ListSCIMServerCredentials', { DirectoryId: d });
  await readDirectory(api, d, 'Enabled');
  for (const id of Object.values(state.users)) await readUser(api, d, id);
  for (const id of Object.values(state.groups)) await api('GetGroup', { DirectoryId: d, GroupId: id });
  const listed = await api('ListUsers', { DirectoryId: d, MaxResults: 100 });
  expect(listed.Users.map((u: { UserName: string }) => u.UserName).sort()).toEqual(['tf.alice', 'tf.bob', 'tf.carol']);

  // destroy, in reverse order of creation; after each delete the read answers EntityNotExists (the provider's "gone")
  for (const [group, user] of [...state.attachments].reverse()) {
    await api('RemoveUserFromGroup', { DirectoryId: d, GroupId: state.groups[group], UserId: state.users[user] });
    const joined = await api('ListJoinedGroupsForUser', { DirectoryId: d, UserId: state.users[user], MaxResults: 100 });
    expect(joined.JoinedGroups.map((g: { GroupId: string }) => g.GroupId)).not.toContain(state.groups[group]);
  }
  for (const id of Object.values(state.groups).reverse()) {
    await api('DeleteGroup', { DirectoryId: d, GroupId: id });
    expect(await h.refusal(api('GetGroup', { DirectoryId: d, GroupId: id }))).toMatchObject({ code: 'EntityNotExists.Group' });
  }
  for (const id of Object.values(state.users).reverse()) {
    await api('DeleteUser', { DirectoryId: d, UserId: id });
    expect(await h.refusal(api('GetUser', { DirectoryId: d, UserId: id }))).toMatchObject({ code: 'EntityNotExists.User' });
    expect(await h.refusal(api('GetUserMFAAuthenticationSettings', { DirectoryId: d, UserId: id }))).toMatchObject({ code: 'EntityNotExists.User' });
  }
  await api('SetSCIMSynchronizationStatus', { DirectoryId: d, SCIMSynchronizationStatus: 'Disabled' });
  await api('UpdateSCIMServerCredentialStatus', { DirectoryId: d, CredentialId: state.credentialId, NewStatus: 'Disabled' });
  await api('DeleteSCIMServerCredential', { DirectoryId: d, CredentialId: state.credentialId });
  expect((await api('ListSCIMServerCredentials', { DirectoryId: d })).TotalCounts).toBe(0);

  const stats = h.server.tenant.statistics();
  expect([stats.UserCount, stats.GroupCount, stats.CredentialCount]).toEqual([0, 0, 0]);
});

/** alicloud_cloud_sso_user's read: GetUser, then the user's MFA setting. */
async function readUser(api: ApiCaller, directoryId: string, userId: string): Promise<{ UserName: string }> {
  const { User } = await api('GetUser', { DirectoryId: directoryId, UserId: userId });
  expect(await api('GetUserMFAAuthenticationSettings', { DirectoryId: directoryId, UserId: userId })).toMatchObject({ UserMFAAuthenticationSettings: 'Enabled' });
  return User;
}

/** alicloud_cloud_sso_directory's read, call by call in the provider's order, with the fields it copies into its state. */
async function readDirectory(api: ApiCaller, directoryId: string, scimSync: string): Promise<void> {
  const DirectoryId = directoryId;
  expect((await api('GetDirectorySAMLServiceProviderInfo', { DirectoryId })).SAMLServiceProvider).toMatchObject({
    DirectoryId, AuthnSignAlgo: 'rsa-sha256', CertificateType: 'self-signed', SupportEncryptedAssertion: false,
  });
  expect((await api('GetPasswordPolicy', { DirectoryId })).PasswordPolicy).toMatchObject({ MinPasswordLength: 8, MaxPasswordLength: 32 });
  expect((await api('GetExternalSAMLIdentityProvider', { DirectoryId })).SAMLIdentityProviderConfiguration).toEqual({ DirectoryId, SSOStatus: 'Disabled', WantRequestSigned: false });
  expect((await api('GetDirectory', { DirectoryId })).Directory.DirectoryId).toBe(directoryId);
  const provisioning = (await api('GetUserProvisioningConfiguration', { DirectoryId })).UserProvisioningConfiguration;
  expect(provisioning).toMatchObject({ DirectoryId, DefaultLandingPage: 'https://homenew.console.aliyun.com', SessionDuration: 6 });
  expect(provisioning.CreateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect((await api('GetMFAAuthenticationSettingInfo', { DirectoryId })).MFAAuthenticationSettingInfo).toEqual({ MfaAuthenticationAdvanceSettings: 'Byuser', OperationForRiskLogin: 'Autonomous' });
  expect((await api('GetLoginPreference', { DirectoryId })).LoginPreference).toEqual({ AllowUserToGetCredentials: false, LoginNetworkMasks: '' });
  expect((await api('GetSCIMSynchronizationStatus', { DirectoryId })).SCIMSynchronizationStatus).toBe(scimSync);
  expect((await api('GetMFAAuthenticationStatus', { DirectoryId })).MFAAuthenticationStatus).toBe('Enabled');
  expect((await api('GetDirectoryGlobalAccessStatus', { DirectoryId })).GlobalAccessStatus).toEqual({ status: 'Disabled' });
}
