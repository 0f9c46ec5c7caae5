// The directory as CloudSSO's API names it. Every caller (SCIM, AdminApi, CLI) sees these shapes.

export type Status = 'Enabled' | 'Disabled';
export type ProvisionType = 'Manual' | 'Synchronized';
export type Region = 'cn-shanghai' | 'cn-hongkong' | 'ap-northeast-2' | 'ap-southeast-1' | 'us-west-1' | 'eu-central-1';
export const REGIONS: readonly Region[] = ['cn-shanghai', 'cn-hongkong', 'ap-northeast-2', 'ap-southeast-1', 'us-west-1', 'eu-central-1'];

/** Whether an administrator may edit an object right now, decided by the core alone. */
/** Which lock applies: lets a console show the reason in its own language (LockReason is the core's English). */
export type LockReasonCode = 'SynchronizedUser' | 'SynchronizedGroup';

export interface LockState {
  Locked: boolean;
  /** Why, and how to unlock; null when not locked. */
  LockReason: string | null;
  LockReasonCode: LockReasonCode | null;
}

export interface DriftState {
  /** Set when a synchronized object was edited while SCIM sync was off: the IdP's next push may roll it back. */
  Drift: 'Modified' | null;
}

export interface User extends LockState, DriftState {
  UserId: string;
  UserName: string;
  FirstName: string | null;
  LastName: string | null;
  DisplayName: string | null;
  Email: string | null;
  Description: string | null;
  Status: Status;
  ProvisionType: ProvisionType;
  ExternalId: { Id: string; Issuer: 'SCIM' } | null;
  CreateTime: string;
  UpdateTime: string;
}

export interface Group extends LockState, DriftState {
  GroupId: string;
  GroupName: string;
  Description: string | null;
  ProvisionType: ProvisionType;
  ExternalId: { Id: string; Issuer: 'SCIM' } | null;
  MemberCount: number;
  CreateTime: string;
  UpdateTime: string;
}

export interface GroupMember {
  UserId: string;
  UserName: string;
  DisplayName: string | null;
  Email: string | null;
  Description: string | null;
  Status: Status;
  ProvisionType: ProvisionType;
  JoinTime: string;
}

export interface JoinedGroup {
  GroupId: string;
  GroupName: string;
  Description: string | null;
  ProvisionType: ProvisionType;
  JoinTime: string;
}

export interface Credential {
  CredentialId: string;
  CredentialType: 'BearerToken';
  Status: Status;
  CreateTime: string;
  ExpireTime: string;
  DirectoryId: string;
  LastUsedTime: string | null;
  /** Days until ExpireTime; negative once expired. */
  DaysToExpire: number;
  /** True from 90 days before expiry (the AWS convention the product follows). */
  ExpiryWarning: boolean;
  Expired: boolean;
  /** A temporary credential of a demo IdP run: deleted when the run ends (or, if the run was killed, at the next
   *  start). Emulator-only. */
  DemoIdP: boolean;
}

export interface CreatedCredential extends Credential {
  /** Shown once, never stored. */
  CredentialSecret: string;
}

/** An AccessKey pair of the local account, for CloudSSO's OpenAPI (signed requests). */
export interface AccessKey {
  AccessKeyId: string;
  Status: Status;
  CreateTime: string;
  LastUsedTime: string | null;
  /** False when the secret was sealed by another machine's key (an imported tenant): it can sign nothing here. */
  Usable: boolean;
}

export interface CreatedAccessKey extends AccessKey {
  /** Shown once; kept only sealed, under a key outside the tenant file. */
  AccessKeySecret: string;
}

export interface Directory {
  DirectoryId: string;
  DirectoryName: string;
  Region: Region;
  CreateTime: string;
}

/** CloudSSO's password policy for users who sign in with a password (GetPasswordPolicy). */
export interface PasswordPolicy {
  MinPasswordLength: number;
  MaxPasswordLength: number;
  MinPasswordDifferentChars: number;
  PasswordNotContainUsername: boolean;
  /** Days. */
  MaxPasswordAge: number;
  PasswordReusePrevention: number;
  MaxLoginAttempts: number;
  HardExpire: boolean;
  RequireLowerCaseChars: boolean;
  RequireUpperCaseChars: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
}

export interface SyncSettings {
  SCIMSynchronizationStatus: Status;
  AcceleratedEndpointStatus: Status;
  /** Accelerated endpoints exist only for cn-shanghai directories, as in the cloud. */
  AcceleratedEndpointAvailable: boolean;
}

/** How the SCIM endpoints are served (an emulator setting: CloudSSO itself is always HTTPS). */
export interface HttpsSettings {
  /** The tenant's switch. */
  Status: Status;
  /** What the listeners do now; differs from Status only while a certificate is prepared or when that failed. */
  Serving: 'http' | 'https';
  /** 'LocalCA': a certificate from this machine's local CA; 'Own': the one given with --tls-cert/--tls-key. */
  CertificateSource: 'LocalCA' | 'Own';
  /** When the certificate being served expires, while serving HTTPS. */
  CertificateNotAfter: string | null;
  /** Why HTTPS is on in the tenant but not served (a bad --tls-cert, an unwritable data folder). */
  Error: string | null;
}

/** The local CA's certificate, for a user to trust. */
export interface CaCertificate {
  Pem: string;
  /** SHA-256 of the DER certificate, colon-separated hex, as browsers and certificate tools show it. */
  Sha256Fingerprint: string;
  NotAfter: string;
  Subject: string;
}

export interface DriftEntry {
  ResourceType: 'User' | 'Group';
  ResourceId: string;
  Name: string;
  Change: 'Modified' | 'Deleted';
  ChangeTime: string;
}

export interface DirectoryStatistics {
  UserCount: number;
  ManualUserCount: number;
  SynchronizedUserCount: number;
  GroupCount: number;
  ManualGroupCount: number;
  SynchronizedGroupCount: number;
  CredentialCount: number;
  EnabledCredentialCount: number;
  DriftCount: number;
}

export interface Page<T> {
  TotalCount: number;
  Items: T[];
}

export type SortOrder = 'asc' | 'desc';

export interface UserListQuery {
  /** CloudSSO ListUsers: `UserName eq "x"` or `UserName sw "x"`. */
  UserNameEq?: string;
  UserNamePrefix?: string;
  /** Free text over UserName, DisplayName and Email. */
  Text?: string;
  ProvisionType?: ProvisionType;
  Status?: Status;
  SortBy?: 'UserName' | 'DisplayName' | 'CreateTime' | 'UpdateTime';
  SortOrder?: SortOrder;
  Offset?: number;
  Limit?: number;
}

export interface GroupListQuery {
  GroupNameEq?: string;
  GroupNamePrefix?: string;
  Text?: string;
  ProvisionType?: ProvisionType;
  SortBy?: 'GroupName' | 'CreateTime' | 'UpdateTime';
  SortOrder?: SortOrder;
  Offset?: number;
  Limit?: number;
}

/** What an administrator may set on a user (UserName only at creation). */
export interface UserFields {
  FirstName?: string | null;
  LastName?: string | null;
  DisplayName?: string | null;
  Email?: string | null;
  Description?: string | null;
}

export interface CreateUserInput extends UserFields {
  UserName: string;
  Status?: Status;
}

export interface GroupFields {
  GroupName?: string;
  Description?: string | null;
}

export interface CreateGroupInput {
  GroupName: string;
  Description?: string | null;
}

/** The face a logged call came through: an IdP over SCIM, or a script/Terraform over CloudSSO's OpenAPI. */
export type ActivitySource = 'SCIM' | 'OpenAPI';

export interface ActivityEntry {
  Seq: number;
  Time: string;
  CredentialId: string | null;
  UserAgent: string | null;
  Method: string;
  Path: string;
  Status: number;
  DurationMs: number;
  ResourceType: string | null;
  ResourceIds: string[];
  Outcome: string;
  Injected: boolean;
  Source: ActivitySource;
}

export interface ActivityDetail extends ActivityEntry {
  RequestBody: string | null;
  ResponseBody: string | null;
}

export interface ActivityQuery {
  StatusClass?: 'success' | 'error';
  Method?: string;
  ResourceType?: string;
  CredentialId?: string;
  Source?: ActivitySource;
  BeforeSeq?: number;
  Limit?: number;
}

/** Deliberate misbehaviour of the SCIM endpoint, for testing an IdP's retries. Off by default. */
export interface FaultSettings {
  /** Added to every SCIM answer, in milliseconds. */
  LatencyMs: number;
  /** Share (0–1) of SCIM requests answered 429 with Retry-After. */
  ThrottleRate: number;
  RetryAfterSeconds: number;
  /** Share (0–1) answered 500 or 503. */
  ServerErrorRate: number;
  /** Every SCIM request answered 503 while paused. */
  Paused: boolean;
}
