// The bodies Microsoft Entra ID and Okta send, built from a generated person or group. Kept in one file so the
// demo IdP's traffic can be compared line by line with docs/interoperability.md.
import type { DemoGroup, DemoUser } from './directory-generator';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ADSCIM_GROUP_SCHEMA = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

export type IdpStyle = 'entra' | 'okta';

export interface PatchOp {
  op: string;
  path?: string;
  value?: unknown;
}

export const patchBody = (...Operations: PatchOp[]) => ({ schemas: [PATCH_SCHEMA], Operations });

/** Filters as the IdPs write them; the caller URL-encodes. */
export const eqFilter = (attribute: string, value: string) => `${attribute} eq "${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function lookupUserPath(style: IdpStyle, user: DemoUser): string {
  const filter = encodeURIComponent(eqFilter('userName', user.userName));
  return style === 'okta' ? `/Users?filter=${filter}&startIndex=1&count=100` : `/Users?filter=${filter}`;
}

export function lookupGroupPath(style: IdpStyle, group: DemoGroup): string {
  const filter = encodeURIComponent(eqFilter('displayName', group.displayName));
  return style === 'okta' ? `/Groups?filter=${filter}&startIndex=1&count=100` : `/Groups?excludedAttributes=members&filter=${filter}`;
}

export function createUserBody(style: IdpStyle, user: DemoUser): Record<string, unknown> {
  if (style === 'okta') {
    return {
      schemas: [USER_SCHEMA],
      userName: user.userName,
      name: { givenName: user.givenName, familyName: user.familyName },
      emails: [{ primary: true, value: user.email, type: 'work' }],
      displayName: user.displayName,
      externalId: user.externalId,
      groups: [],
      // Okta always sends a password; this one is a throwaway placeholder, as Okta's is when sync of passwords is off.
      password: `Demo-${user.externalId.slice(0, 8)}-Aa1!`,
      active: true,
    };
  }
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    externalId: user.externalId,
    userName: user.userName,
    active: true,
    emails: [{ primary: true, type: 'work', value: user.email }],
    meta: { resourceType: 'User' },
    name: { formatted: user.displayName, familyName: user.familyName, givenName: user.givenName },
    displayName: user.displayName,
    title: user.title,
    roles: [],
    [ENTERPRISE_SCHEMA]: { employeeNumber: user.employeeNumber, department: user.department },
  };
}

export function createGroupBody(style: IdpStyle, group: DemoGroup): Record<string, unknown> {
  return style === 'okta'
    ? { schemas: [GROUP_SCHEMA], displayName: group.displayName, members: [] }
    : { schemas: [GROUP_SCHEMA, ADSCIM_GROUP_SCHEMA], externalId: group.externalId, displayName: group.displayName, members: [] };
}

/** Entra adds members with `"$ref": null`; Okta with a display name. */
export function addMembersOp(style: IdpStyle, ids: { id: string; display: string }[]): PatchOp {
  return style === 'okta'
    ? { op: 'add', path: 'members', value: ids.map((m) => ({ value: m.id, display: m.display })) }
    : { op: 'Add', path: 'members', value: ids.map((m) => ({ $ref: null, value: m.id })) };
}

/** Entra removes with a value array; Okta with a filtered path. */
export function removeMemberOps(style: IdpStyle, ids: string[]): PatchOp[] {
  return style === 'okta'
    ? ids.map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` }))
    : [{ op: 'Remove', path: 'members', value: ids.map((value) => ({ value })) }];
}

/** The attributes the IdP owns on a user, as the server's copy of them reads. */
interface ServerUser {
  displayName?: unknown;
  active?: unknown;
  name?: { givenName?: unknown; familyName?: unknown } | null;
  emails?: { value?: unknown; primary?: unknown }[] | null;
}

const serverEmail = (emails: ServerUser['emails']): unknown =>
  Array.isArray(emails) ? (emails.find((e) => e?.primary === true) ?? emails[0])?.value : undefined;

/** The IdP is the source of truth for what it provisioned: the attributes whose server copy differs from the IdP's
 *  (someone edited the user there) are the ones its next push writes back. Empty when nothing differs. */
export function driftedUserAttributes(user: DemoUser, resource: unknown): string[] {
  const server = (resource ?? {}) as ServerUser;
  const drifted: string[] = [];
  if (server.displayName !== user.displayName) drifted.push('displayName');
  if (server.name?.givenName !== user.givenName) drifted.push('name.givenName');
  if (server.name?.familyName !== user.familyName) drifted.push('name.familyName');
  if (serverEmail(server.emails) !== user.email) drifted.push('emails');
  if (server.active !== true) drifted.push('active');
  return drifted;
}

/** Writes the IdP's values back: Entra PATCHes the attributes that differ, Okta PUTs the whole user. */
export function rollbackUserRequest(style: IdpStyle, user: DemoUser, id: string, drifted: string[]): { method: 'PATCH' | 'PUT'; path: string; body: unknown } {
  if (style === 'okta') {
    const { password: _password, groups: _groups, ...body } = createUserBody('okta', user);
    return { method: 'PUT', path: `/Users/${id}`, body: { ...body, id } };
  }
  const value: Record<string, unknown> = {
    displayName: user.displayName,
    'name.givenName': user.givenName,
    'name.familyName': user.familyName,
    emails: [{ primary: true, type: 'work', value: user.email }],
    active: true,
  };
  return { method: 'PATCH', path: `/Users/${id}`, body: patchBody(...drifted.map((path) => ({ op: 'Replace', path, value: value[path] }))) };
}
