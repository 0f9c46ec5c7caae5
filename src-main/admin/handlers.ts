import { coreError, isCoreError, notFound } from '../core/errors';
import { generatePassword, hashPassword } from '../core/directory/password';
import { MAX_CREDENTIALS } from '../core/credentials/credential-store';
import { asCoreError } from '../core/store/store-errors';
import type { SearchWorker } from '../core/store/search-worker';
import { FIELD_LIMITS } from '../core/directory/rules';
import type { Tenant } from '../core/tenant';
import { REGIONS, type CaCertificate, type HttpsSettings, type Status } from '../core/types';
import type {
  AdminChannel,
  AdminError,
  AdminRequest,
  AdminResponse,
  AdminResult,
  DemoProgress,
  DemoRunRequest,
  Endpoints,
  SettingsView,
} from './contract';

/** The demo IdP, when the host provides one (it needs a live SCIM endpoint to push through). */
export interface DemoController {
  start(request: DemoRunRequest): DemoProgress;
  progress(): DemoProgress;
  cancel(): DemoProgress;
}

/** The HTTPS switch and the local CA, when the host serves SCIM (the listeners follow the switch). */
export interface HttpsControl {
  state(): HttpsSettings;
  set(status: Status): Promise<HttpsSettings>;
  caCertificate(create: boolean): Promise<CaCertificate | null>;
}

export interface AdminContext {
  tenant: Tenant;
  /** Where the console's free-text searches (users, group members) run, within a time budget. */
  searches: SearchWorker;
  endpoints: () => Endpoints;
  /** Brings the listeners in line with the settings (the accelerated endpoint opens and closes with its switch),
   *  so an answer that shows the endpoints shows ones that are already listening. */
  followSettings?: () => Promise<void>;
  demo?: DemoController;
  https?: HttpsControl;
}

export type AdminHandlers = { [C in AdminChannel]: (request: AdminRequest<C>) => AdminResponse<C> | Promise<AdminResponse<C>> };

/** Without listeners (a host that serves no SCIM) there is nothing to switch. */
const NO_HTTPS: HttpsControl = {
  state: () => ({ Status: 'Disabled', Serving: 'http', CertificateSource: 'LocalCA', CertificateNotAfter: null, Error: 'This host serves no SCIM endpoint.' }),
  set: () => Promise.reject(coreError('Precondition', 'NoScimListener', {})),
  caCertificate: () => Promise.resolve(null),
};

const DEMO_UNAVAILABLE: DemoProgress = { Running: false, Phase: 'unavailable', Done: 0, Total: 0, Failed: 0, Error: 'The demo IdP is not available in this build.', Requests: 0, Retries: 0, Throttled: 0, ServerErrors: 0, RolledBack: 0 };

/** The AdminApi mapped onto the core. No rule is decided here: each handler asks the core. */
export function createAdminHandlers({ tenant, endpoints, followSettings = async () => {}, demo, searches, https = NO_HTTPS }: AdminContext): AdminHandlers {
  const settingsView = (): SettingsView => ({
    Sync: tenant.settings.sync(),
    Endpoints: endpoints(),
    Directory: tenant.settings.directory(),
    Drift: tenant.drift.list(),
    Regions: [...REGIONS],
    CredentialLimit: MAX_CREDENTIALS,
    Https: https.state(),
  });
  const arg = <T>(request: T): NonNullable<T> => (request ?? {}) as NonNullable<T>;
  return {
    'overview.get': () => ({
      Directory: tenant.settings.directory(),
      Statistics: tenant.statistics(),
      Sync: tenant.settings.sync(),
      Endpoints: endpoints(),
      RecentActivity: tenant.activity.perMinute(60),
    }),
    'settings.get': settingsView,
    'rules.get': () => ({ FieldLimits: { ...FIELD_LIMITS } }),
    'settings.setSync': (r) => (tenant.settings.setSync(arg(r).Status), settingsView()),
    'settings.setAccelerated': async (r) => {
      tenant.settings.setAccelerated(arg(r).Status);
      await followSettings();
      return settingsView();
    },
    'directory.update': async (r) => {
      const directory = tenant.settings.updateDirectory(arg(r)); // a region other than cn-shanghai ends the accelerated endpoint
      await followSettings();
      return directory;
    },
    'settings.setHttps': async (r) => (await https.set(arg(r).Status), settingsView()),
    'tls.caCertificate': (r) => https.caCertificate(arg(r).Create === true),

    'credentials.list': () => tenant.credentials.list(),
    'credentials.create': () => tenant.credentials.create(),
    'credentials.setStatus': (r) => tenant.credentials.setStatus(arg(r).CredentialId, arg(r).Status),
    'credentials.delete': (r) => tenant.credentials.delete(arg(r).CredentialId),

    'accessKeys.list': () => tenant.accessKeys.list(),
    'accessKeys.create': () => tenant.accessKeys.create(),
    'accessKeys.setStatus': (r) => tenant.accessKeys.setStatus(arg(r).AccessKeyId, arg(r).Status),
    'accessKeys.delete': (r) => tenant.accessKeys.delete(arg(r).AccessKeyId),

    'users.list': (r) => tenant.users.search(arg(r), searches),
    'users.get': (r) => tenant.users.get(arg(r).UserId),
    'users.create': (r) => tenant.users.create(arg(r)),
    'users.update': (r) => {
      const { UserId, ...fields } = arg(r);
      return tenant.users.update(UserId, fields);
    },
    'users.setStatus': (r) => tenant.users.setStatus(arg(r).UserId, arg(r).Status),
    'users.resetPassword': async (r) => {
      tenant.users.get(arg(r).UserId); // a clear "does not exist" before spending a KDF run
      const password = generatePassword();
      tenant.users.setPasswordHash(arg(r).UserId, await hashPassword(password));
      return { Password: password };
    },
    'users.delete': (r) => tenant.users.delete(arg(r).UserId),
    'users.groups': (r) => (tenant.users.get(arg(r).UserId), tenant.groups.groupsOfUser(arg(r).UserId)),

    'groups.list': (r) => tenant.groups.list(arg(r)),
    'groups.get': (r) => tenant.groups.get(arg(r).GroupId),
    'groups.create': (r) => tenant.groups.create(arg(r)),
    'groups.update': (r) => {
      const { GroupId, ...fields } = arg(r);
      return tenant.groups.update(GroupId, fields);
    },
    'groups.delete': (r) => tenant.groups.delete(arg(r).GroupId),
    'groups.members': (r) => tenant.groups.searchMembers(arg(r).GroupId, arg(r), searches),
    'groups.addMembers': (r) => tenant.groups.addMembers(arg(r).GroupId, arg(r).UserIds),
    'groups.removeMember': (r) => tenant.groups.removeMember(arg(r).GroupId, arg(r).UserId),

    'activity.list': (r) => (tenant.activity.flush(), tenant.activity.list(arg(r))),
    'activity.get': (r) => {
      tenant.activity.flush();
      const entry = tenant.activity.get(Number(arg(r).Seq));
      if (!entry) throw notFound('ActivityEntryNotFound', { seq: String(arg(r).Seq) });
      return entry;
    },

    'faults.get': () => tenant.faults.get(),
    'faults.set': (r) => tenant.faults.set(arg(r)),

    'demo.start': (r) => (demo ? demo.start(arg(r)) : DEMO_UNAVAILABLE),
    'demo.progress': () => (demo ? demo.progress() : DEMO_UNAVAILABLE),
    'demo.cancel': () => (demo ? demo.cancel() : DEMO_UNAVAILABLE),
  };
}

export type AdminDispatch = <C extends AdminChannel>(channel: C, request: AdminRequest<C>) => Promise<AdminResult<AdminResponse<C>>>;

/** Runs a channel and turns whatever it throws into a structured AdminError (never a stack trace). */
export function createDispatcher(handlers: AdminHandlers, logLine: (line: string) => void = () => {}): AdminDispatch {
  return async (channel, request) => {
    const handler = Object.hasOwn(handlers, channel) ? (handlers[channel] as (r: unknown) => unknown) : undefined;
    if (!handler) return { ok: false, error: { Code: 'BadRequest', Message: `Unknown AdminApi channel ${String(channel)}.` } };
    try {
      const value = await handler(request);
      return { ok: true, value: (value ?? null) as never };
    } catch (e) {
      return { ok: false, error: toAdminError(e, logLine) };
    }
  };
}

export function toAdminError(thrown: unknown, logLine: (line: string) => void): AdminError {
  const e = asCoreError(thrown);
  if (isCoreError(e)) {
    const code = e.code === 'NotATenant' || e.code === 'TenantTooNew' ? 'Precondition' : e.code;
    return { Code: code, Message: e.message, ...(e.attribute ? { Attribute: e.attribute } : {}), MessageCode: e.messageCode, Params: { ...e.params } };
  }
  logLine(`AdminApi internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return { Code: 'Internal', Message: 'Something went wrong inside CloudSSO Local; nothing was changed. See the server log for details.' };
}
