// Every refusal the core can give, as a code plus the facts a wording needs. The core decides; each face
// (console in English and Chinese, CLI, SCIM) words the refusal in its own terms from these, keyed by the code.

/** The facts each message code carries. `attribute` is the CloudSSO field the refusal is about. */
export interface CoreMessageParams {
  Required: { attribute: string };
  TooLong: { attribute: string; max: number; length: number };
  UserNameCharacters: { attribute: 'UserName' };
  GroupNameCharacters: { attribute: 'GroupName' };
  NotAString: { attribute: string };
  ControlCharacters: { attribute: string };
  EmailFormat: { attribute: 'Email'; email: string };
  NotAnObject: { attribute: string };
  UserNameTaken: { attribute: 'UserName'; userName: string };
  SynchronizedUserNameTaken: { attribute: 'UserName'; userName: string; userId: string };
  UserNameImmutable: { attribute: 'UserName'; stored: string };
  EmailTaken: { attribute: 'Email'; email: string; userId: string };
  GroupNameTaken: { attribute: 'GroupName'; groupName: string };
  UserInGroups: { userName: string; count: number };
  GroupHasMembers: { groupName: string; count: number };
  NoUsersChosen: { attribute: 'UserIds' };
  NotAMember: { groupName: string; userId: string };
  MemberNotAUser: { attribute: 'members'; userId: string };
  UserNotFound: { id: string };
  GroupNotFound: { id: string };
  CredentialNotFound: { id: string };
  ActivityEntryNotFound: { seq: string };
  CredentialLimit: { max: number };
  /** The edit lock (the same codes as LockState.LockReasonCode). */
  SynchronizedUser: Record<string, never>;
  SynchronizedGroup: Record<string, never>;
  SyncDisabled: Record<string, never>;
  RateOutOfRange: { attribute: string };
  WholeNumberOutOfRange: { attribute: string; min: number; max: number };
  NotABoolean: { attribute: string };
  DirectoryNameRule: { attribute: 'DirectoryName'; max: number };
  UnknownRegion: { attribute: 'Region'; regions: string };
  AcceleratedRegionOnly: { region: string };
  StatusValue: { attribute: 'Status' };
  FileNotFound: { file: string };
  NotSQLite: { file: string };
  NotATenant: { file: string };
  TenantTooNew: { file: string; version: number; supported: number };
  TenantDamaged: { file: string; check: string };
  TenantUnreadable: { file: string; reason: string };
  NotATenantFile: { file: string; kind: 'folder' | 'fifo' | 'other' };
  TenantSchemaMismatch: { file: string; version: number; differences: string };
  TenantBadValues: { file: string; problems: string };
  TenantBusy: Record<string, never>;
  CannotWrite: { file: string };
  SearchQueueFull: { inProgress: number; max: number };
  SearchOverBudget: { budgetMs: number };
  SearchUnavailable: { reason: string };
  NoScimListener: Record<string, never>;
  AccessKeyLimit: { max: number };
  AccessKeyNotFound: { id: string };
  PasswordPolicyConflict: { attribute: 'MinPasswordDifferentChars'; different: number; length: number };
  PasswordPolicyViolation: { attribute: 'Password'; rule: string };
  DirectoryNotEmpty: { users: number; groups: number; credentials: number };
  DirectoryExists: { attribute: 'DirectoryId'; directoryId: string };
}

export type CoreMessageCode = keyof CoreMessageParams;

/** A face's wording of every code. Typed so that a new code without a wording does not compile. */
export type MessageCatalogue = { [C in CoreMessageCode]: (params: CoreMessageParams[C]) => string };

/** The English wording, parametrised by how a face names a field (SCIM says userName, the CLI --user-name). */
export function englishMessages(name: (attribute: string) => string): MessageCatalogue {
  return {
    Required: (p) => `${name(p.attribute)} is required.`,
    TooLong: (p) => `${name(p.attribute)} must be at most ${p.max} characters (got ${p.length}).`,
    UserNameCharacters: (p) => `${name(p.attribute)} may contain only letters, digits and the characters @ _ - . (CloudSSO rule).`,
    GroupNameCharacters: (p) => `${name(p.attribute)} may contain only letters, digits and the characters _ - . with no spaces (CloudSSO rule).`,
    NotAString: (p) => `${name(p.attribute)} must be a string.`,
    ControlCharacters: (p) => `${name(p.attribute)} must not contain control characters.`,
    EmailFormat: (p) => `${name(p.attribute)} "${p.email}" is not an e-mail address.`,
    NotAnObject: (p) => `${p.attribute} fields must be an object.`,
    UserNameTaken: (p) => `A user named ${p.userName} already exists (user names are unique regardless of case).`,
    SynchronizedUserNameTaken: (p) => `A synchronized user with ${name(p.attribute)} ${p.userName} already exists (${p.userId}).`,
    UserNameImmutable: (p) => `${name(p.attribute)} cannot be changed in CloudSSO (stored: ${p.stored}).`,
    EmailTaken: (p) => `The email ${p.email} is already used by user ${p.userId} (emails are unique in a directory).`,
    GroupNameTaken: (p) => `A group named ${p.groupName} already exists (group names are unique regardless of case).`,
    UserInGroups: (p) => `User ${p.userName} still belongs to ${p.count} group(s). Remove the user from every group before deleting it (CloudSSO rule).`,
    GroupHasMembers: (p) => `Group ${p.groupName} still has ${p.count} member(s). Remove every user from the group before deleting it (CloudSSO rule).`,
    NoUsersChosen: () => 'Choose at least one user to add.',
    NotAMember: (p) => `User ${p.userId} is not a member of group ${p.groupName}.`,
    MemberNotAUser: (p) => `Member ${p.userId} is not a user in this directory.`,
    UserNotFound: (p) => `User ${p.id} does not exist.`,
    GroupNotFound: (p) => `Group ${p.id} does not exist.`,
    CredentialNotFound: (p) => `SCIM credential ${p.id} does not exist.`,
    ActivityEntryNotFound: (p) => `Activity entry ${p.seq} does not exist.`,
    CredentialLimit: (p) =>
      `A directory can have at most ${p.max} SCIM credentials. Delete one before generating a new one. (Emulator error code LimitExceeded.SCIMCredential.)`,
    SynchronizedUser: () =>
      'This user is synchronized from your identity provider by SCIM. While SCIM synchronization is on, it cannot be modified or deleted here; Reset Password and the Status switch stay available. To edit it, turn off SCIM synchronization in Settings > User Settings.',
    SynchronizedGroup: () =>
      'This group is synchronized from your identity provider by SCIM. While SCIM synchronization is on, it cannot be modified or deleted and users cannot be added to or removed from it. To edit it, turn off SCIM synchronization in Settings > User Settings.',
    SyncDisabled: () => 'SCIM synchronization is disabled for this directory. Turn on the SCIM synchronization switch in Settings > User Settings.',
    RateOutOfRange: (p) => `${name(p.attribute)} must be a number from 0 to 1.`,
    WholeNumberOutOfRange: (p) => `${name(p.attribute)} must be a whole number from ${p.min} to ${p.max}.`,
    NotABoolean: (p) => `${name(p.attribute)} must be true or false.`,
    DirectoryNameRule: (p) => `${name(p.attribute)} must be 2–${p.max} letters, digits or hyphens.`,
    UnknownRegion: (p) => `${name(p.attribute)} must be one of ${p.regions}.`,
    AcceleratedRegionOnly: (p) => `Accelerated endpoints are available only for directories in region ${p.region}, as in CloudSSO.`,
    StatusValue: (p) => `${name(p.attribute)} must be Enabled or Disabled.`,
    FileNotFound: (p) => `${p.file} does not exist.`,
    NotSQLite: (p) => `${p.file} is not a CloudSSO Local tenant (not a SQLite database); it was left untouched.`,
    NotATenant: (p) => `${p.file} is a SQLite database but not a CloudSSO Local tenant; it was left untouched.`,
    TenantTooNew: (p) =>
      `${p.file} was written by a newer CloudSSO Local (tenant format ${p.version}; this version reads up to ${p.supported}). Upgrade CloudSSO Local to open it.`,
    TenantDamaged: (p) => `${p.file} is damaged (integrity check: ${p.check}).`,
    TenantUnreadable: (p) => `${p.file} is not a readable CloudSSO Local tenant: ${p.reason}`,
    NotATenantFile: (p) =>
      `${p.file} is ${p.kind === 'folder' ? 'a folder' : p.kind === 'fifo' ? 'a named pipe' : 'not a regular file'}, not a tenant file. Give the path of a tenant file (a new one is created if it does not exist).`,
    TenantSchemaMismatch: (p) => `${p.file} does not have the schema of a CloudSSO Local tenant (format ${p.version}): ${p.differences}. It was refused and left untouched.`,
    TenantBadValues: (p) => `${p.file} holds values a CloudSSO Local tenant cannot have: ${p.problems}. It was refused and left untouched.`,
    TenantBusy: () =>
      'The tenant file is locked by another process (for example a database browser with an open transaction); nothing was changed. Retry when that process has finished.',
    CannotWrite: (p) =>
      `${p.file} cannot be written: the file or its folder is read-only or not writable by this user. Commands that only read it (verify, export, user list, group list, credential list) still work.`,
    SearchQueueFull: (p) => `The server is already running or queueing ${p.inProgress} searches that no index serves (at most ${p.max}). Retry in a moment.`,
    SearchOverBudget: (p) => `The search took longer than its time budget of ${p.budgetMs} ms and was stopped. Narrow it with a condition an index serves.`,
    SearchUnavailable: (p) => `Searches that no index serves are unavailable: ${p.reason}.`,
    NoScimListener: () => 'This host serves no SCIM endpoint, so there is nothing to serve over HTTPS.',
    AccessKeyLimit: (p) => `The account can have at most ${p.max} AccessKey pairs, as in Alibaba Cloud. Delete one before creating another.`,
    AccessKeyNotFound: (p) => `AccessKey ${p.id} does not exist.`,
    PasswordPolicyConflict: (p) => `${name(p.attribute)} (${p.different}) cannot exceed MinPasswordLength (${p.length}).`,
    PasswordPolicyViolation: (p) => `The password does not meet the password policy: ${p.rule}.`,
    DirectoryNotEmpty: (p) =>
      `The directory still has ${[p.users && `${p.users} user(s)`, p.groups && `${p.groups} group(s)`, p.credentials && `${p.credentials} SCIM credential(s)`].filter(Boolean).join(', ')}. Delete them before deleting the directory (CloudSSO rule).`,
    DirectoryExists: (p) => `This account already has a directory (${p.directoryId}); CloudSSO allows one directory per account.`,
  };
}

/** The core's own English, in CloudSSO's field names: Error.message, logs, and the AdminApi's Message. */
export const CORE_MESSAGES: MessageCatalogue = englishMessages((attribute) => attribute);

/** Every code, at run time (tests walk it to check each face words every code). */
export const CORE_MESSAGE_CODES = Object.keys(CORE_MESSAGES) as CoreMessageCode[];

/** Words one refusal with a face's catalogue. */
export function wordWith<C extends CoreMessageCode>(catalogue: MessageCatalogue, code: C, params: CoreMessageParams[C]): string {
  return catalogue[code](params);
}
