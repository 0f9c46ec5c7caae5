// The AdminApi: every call the console makes, as one typed channel map. Two transports carry it unchanged:
// Electron IPC (preload → ipcMain) and, headless, the loopback HTTP bridge (POST /admin/api/<channel>).
// This file must stay free of runtime imports: the renderer imports it.
import type {
  AccessKey,
  ActivityDetail,
  CaCertificate,
  HttpsSettings,
  ActivityEntry,
  ActivityQuery,
  CreateGroupInput,
  CreateUserInput,
  CreatedAccessKey,
  CreatedCredential,
  Credential,
  Directory,
  DirectoryStatistics,
  DriftEntry,
  FaultSettings,
  Group,
  GroupFields,
  GroupListQuery,
  GroupMember,
  JoinedGroup,
  Page,
  Region,
  Status,
  SyncSettings,
  User,
  UserFields,
  UserListQuery,
} from '../core/types';
import type { CoreErrorCode, CoreMessageCode } from '../core/errors';
import type { FIELD_LIMITS } from '../core/directory/rules';

export type * from '../core/types';
export type { CoreMessageCode } from '../core/errors';

export interface Endpoints {
  SCIMEndpoint: string;
  /** Null while the accelerated endpoint is off (or unavailable for the region). */
  AcceleratedEndpoint: string | null;
  /** CloudSSO's OpenAPI (RPC) endpoint for SDKs, the aliyun CLI and Terraform; null when not served. */
  APIEndpoint: string | null;
}

export interface ActivityBucket {
  /** Start of the minute, ISO. */
  Time: string;
  Success: number;
  Error: number;
}

export interface Overview {
  Directory: Directory;
  Statistics: DirectoryStatistics;
  Sync: SyncSettings;
  Endpoints: Endpoints;
  /** The last 60 minutes of SCIM requests, one bucket a minute, oldest first. */
  RecentActivity: ActivityBucket[];
}

export interface SettingsView {
  Sync: SyncSettings;
  Endpoints: Endpoints;
  Directory: Directory;
  Drift: DriftEntry[];
  /** The regions a directory may be in (CloudSSO's list; the core owns it). */
  Regions: Region[];
  /** How many SCIM credentials a directory may hold. */
  CredentialLimit: number;
  Https: HttpsSettings;
}

/** The core's rules a form shows before anything is sent (the core still decides on every write). */
export interface RulesView {
  /** The most characters each field may hold. */
  FieldLimits: { readonly [F in keyof typeof FIELD_LIMITS]: number };
}

export interface DemoRunRequest {
  Users: number;
  Groups: number;
  Concurrency?: number;
  /** After the initial push, replay a day of IdP changes in this style. */
  ReplayDay?: 'Entra' | 'Okta' | null;
}

export interface DemoProgress {
  Running: boolean;
  Phase: string;
  Done: number;
  Total: number;
  Failed: number;
  Error: string | null;
  /** What the run has sent so far, as `idp push` reports it: every request, how many were retried, and why. */
  Requests: number;
  Retries: number;
  Throttled: number;
  ServerErrors: number;
  /** Users found edited on the server (while sync was off, say) and written back to the IdP's values. */
  RolledBack: number;
}

export interface AdminChannels {
  'overview.get': { request: void; response: Overview };
  'settings.get': { request: void; response: SettingsView };
  'rules.get': { request: void; response: RulesView };
  'settings.setSync': { request: { Status: Status }; response: SettingsView };
  'settings.setAccelerated': { request: { Status: Status }; response: SettingsView };
  'settings.setHttps': { request: { Status: Status }; response: SettingsView };
  'directory.update': { request: { DirectoryName?: string; Region?: Region }; response: Directory };
  /** The local CA's certificate; Create makes the CA if HTTPS was never used. Null when there is none (yet), and
   *  while the server uses the user's own certificate. */
  'tls.caCertificate': { request: { Create: boolean }; response: CaCertificate | null };

  'credentials.list': { request: void; response: Credential[] };
  'credentials.create': { request: void; response: CreatedCredential };
  'credentials.setStatus': { request: { CredentialId: string; Status: Status }; response: Credential };
  'credentials.delete': { request: { CredentialId: string }; response: void };

  'accessKeys.list': { request: void; response: AccessKey[] };
  'accessKeys.create': { request: void; response: CreatedAccessKey };
  'accessKeys.setStatus': { request: { AccessKeyId: string; Status: Status }; response: AccessKey };
  'accessKeys.delete': { request: { AccessKeyId: string }; response: void };

  'users.list': { request: UserListQuery; response: Page<User> };
  'users.get': { request: { UserId: string }; response: User };
  'users.create': { request: CreateUserInput; response: User };
  'users.update': { request: { UserId: string } & UserFields; response: User };
  'users.setStatus': { request: { UserId: string; Status: Status }; response: User };
  'users.resetPassword': { request: { UserId: string }; response: { Password: string } };
  'users.delete': { request: { UserId: string }; response: void };
  'users.groups': { request: { UserId: string }; response: JoinedGroup[] };

  'groups.list': { request: GroupListQuery; response: Page<Group> };
  'groups.get': { request: { GroupId: string }; response: Group };
  'groups.create': { request: CreateGroupInput; response: Group };
  'groups.update': { request: { GroupId: string } & GroupFields; response: Group };
  'groups.delete': { request: { GroupId: string }; response: void };
  'groups.members': { request: { GroupId: string; Text?: string; Offset?: number; Limit?: number }; response: Page<GroupMember> };
  'groups.addMembers': { request: { GroupId: string; UserIds: string[] }; response: Group };
  'groups.removeMember': { request: { GroupId: string; UserId: string }; response: Group };

  'activity.list': { request: ActivityQuery; response: ActivityEntry[] };
  'activity.get': { request: { Seq: number }; response: ActivityDetail };

  'faults.get': { request: void; response: FaultSettings };
  'faults.set': { request: Partial<FaultSettings>; response: FaultSettings };

  'demo.start': { request: DemoRunRequest; response: DemoProgress };
  'demo.progress': { request: void; response: DemoProgress };
  'demo.cancel': { request: void; response: DemoProgress };
}

export type AdminChannel = keyof AdminChannels;
export type AdminRequest<C extends AdminChannel> = AdminChannels[C]['request'];
export type AdminResponse<C extends AdminChannel> = AdminChannels[C]['response'];

/** The core's error codes (a tenant-file problem reaches the console as a Precondition), plus the transport's own. */
export type AdminErrorCode = Exclude<CoreErrorCode, 'NotATenant' | 'TenantTooNew'> | 'BadRequest' | 'Unauthorized' | 'Internal';

export interface AdminError {
  Code: AdminErrorCode;
  Message: string;
  /** The CloudSSO field the error is about, when there is one. */
  Attribute?: string;
  /** What the core refused and the facts of the refusal: the console words it in its own language from these. */
  MessageCode?: CoreMessageCode;
  Params?: Record<string, string | number>;
}

export type AdminResult<T> = { ok: true; value: T } | { ok: false; error: AdminError };

/** What changed, so the console refetches only what it shows. */
export type ChangeTopic = 'directory' | 'settings' | 'credentials' | 'activity' | 'faults' | 'demo';

export interface ChangeEvent {
  Topics: ChangeTopic[];
}

/** The API the console holds, whichever transport carries it. Listeners return their unsubscribe function. */
export interface AdminApi {
  invoke<C extends AdminChannel>(channel: C, request: AdminRequest<C>): Promise<AdminResult<AdminResponse<C>>>;
  onChange(listener: (event: ChangeEvent) => void): () => void;
}

// The list every transport registers; `satisfies` makes forgetting a channel a compile error.
const CHANNEL_SET = {
  'overview.get': true,
  'settings.get': true,
  'rules.get': true,
  'settings.setSync': true,
  'settings.setAccelerated': true,
  'settings.setHttps': true,
  'directory.update': true,
  'tls.caCertificate': true,
  'credentials.list': true,
  'credentials.create': true,
  'credentials.setStatus': true,
  'credentials.delete': true,
  'accessKeys.list': true,
  'accessKeys.create': true,
  'accessKeys.setStatus': true,
  'accessKeys.delete': true,
  'users.list': true,
  'users.get': true,
  'users.create': true,
  'users.update': true,
  'users.setStatus': true,
  'users.resetPassword': true,
  'users.delete': true,
  'users.groups': true,
  'groups.list': true,
  'groups.get': true,
  'groups.create': true,
  'groups.update': true,
  'groups.delete': true,
  'groups.members': true,
  'groups.addMembers': true,
  'groups.removeMember': true,
  'activity.list': true,
  'activity.get': true,
  'faults.get': true,
  'faults.set': true,
  'demo.start': true,
  'demo.progress': true,
  'demo.cancel': true,
} as const satisfies Record<AdminChannel, true>;

export const ADMIN_CHANNELS = Object.keys(CHANNEL_SET) as AdminChannel[];

/** Headless bridge wire format (documented here so both ends agree):
 *  POST {consoleOrigin}/admin/api/<channel>  body: JSON request (or empty)  header: Authorization: Bearer <console token>
 *  → 200 JSON AdminResult.   GET {consoleOrigin}/admin/events (same header) → text/event-stream of `data: ChangeEvent`.
 *  Electron: ipcRenderer.invoke('admin:<channel>', request) → AdminResult; events on 'admin:change'. */
export const BRIDGE_API_PREFIX = '/admin/api/';
export const BRIDGE_EVENTS_PATH = '/admin/events';
export const IPC_INVOKE_PREFIX = 'admin:';
export const IPC_CHANGE_CHANNEL = 'admin:change';

/** What the Electron preload exposes on `window.cloudssoAdmin`: one method per channel, plus onChange. */
export type PreloadAdminApi = {
  [C in AdminChannel]: (request: AdminRequest<C>) => Promise<AdminResult<AdminResponse<C>>>;
} & { onChange(listener: (event: ChangeEvent) => void): () => void };

export const PRELOAD_GLOBAL = 'cloudssoAdmin';
