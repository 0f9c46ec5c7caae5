import type { Credential, CreatedCredential, Directory, Group, GroupMember, JoinedGroup, User } from '../core/types';

/** CloudSSO's times have whole seconds: 2021-06-30T09:20:08Z. */
export const apiTime = (iso: string): string => iso.replace(/\.\d+Z$/, 'Z');

/** Empty fields are left out of an answer rather than sent as null [chosen]. */
function compact<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

export const userView = (u: User, withExternalId = true) =>
  compact({
    UserId: u.UserId,
    UserName: u.UserName,
    DisplayName: u.DisplayName,
    FirstName: u.FirstName,
    LastName: u.LastName,
    Email: u.Email,
    Description: u.Description,
    Status: u.Status,
    ProvisionType: u.ProvisionType,
    CreateTime: apiTime(u.CreateTime),
    UpdateTime: apiTime(u.UpdateTime),
    ExternalId: withExternalId && u.ExternalId ? { Id: u.ExternalId.Id, Issuer: u.ExternalId.Issuer } : null,
  });

export const groupView = (g: Group) =>
  compact({
    GroupId: g.GroupId,
    GroupName: g.GroupName,
    Description: g.Description,
    ProvisionType: g.ProvisionType,
    CreateTime: apiTime(g.CreateTime),
    UpdateTime: apiTime(g.UpdateTime),
  });

export const memberView = (m: GroupMember, groupId: string) =>
  compact({
    UserId: m.UserId,
    UserName: m.UserName,
    DisplayName: m.DisplayName,
    Email: m.Email,
    Description: m.Description,
    Status: m.Status,
    ProvisionType: m.ProvisionType,
    GroupId: groupId,
    JoinTime: apiTime(m.JoinTime),
  });

export const joinedGroupView = (g: JoinedGroup, userId: string) =>
  compact({ GroupId: g.GroupId, GroupName: g.GroupName, Description: g.Description, ProvisionType: g.ProvisionType, UserId: userId, JoinTime: apiTime(g.JoinTime) });

/** The directory has no separate update time here: the emulator reports its creation time [chosen]. */
export const directoryView = (d: Directory) => ({
  DirectoryId: d.DirectoryId,
  DirectoryName: d.DirectoryName,
  Region: d.Region,
  CreateTime: apiTime(d.CreateTime),
  UpdateTime: apiTime(d.CreateTime),
});

export const credentialView = (c: Credential) => ({
  CredentialId: c.CredentialId,
  CredentialType: c.CredentialType,
  Status: c.Status,
  DirectoryId: c.DirectoryId,
  CreateTime: apiTime(c.CreateTime),
  ExpireTime: apiTime(c.ExpireTime),
});

export const createdCredentialView = (c: CreatedCredential) => ({ ...credentialView(c), CredentialSecret: c.CredentialSecret });
