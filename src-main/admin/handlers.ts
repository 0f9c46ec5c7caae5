import { isCoreError, notFound } from '../core/errors';
import { generatePassword, hashPassword } from '../core/directory/password';
import { MAX_CREDENTIALS } from '../core/credentials/credential-store';
import type { Tenant } from '../core/tenant';
import { REGIONS } from '../core/types';
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

export interface AdminContext {
  tenant: Tenant;
  endpoints: () => Endpoints;
  demo?: DemoController;
}

export type AdminHandlers = { [C in AdminChannel]: (request: AdminRequest<C>) => AdminResponse<C> | Promise<AdminResponse<C>> };

const DEMO_UNAVAILABLE: DemoProgress = { Running: false, Phase: 'unavailable', Done: 0, Total: 0, Failed: 0, Error: 'The demo IdP is not available in this build.' };

/** The AdminApi mapped onto the core. No rule is decided here: each handler asks the core. */
export function createAdminHandlers({ tenant, endpoints, demo }: AdminContext): AdminHandlers {
  const settingsView = (): SettingsView => ({
    Sync: tenant.settings.sync(),
    Endpoints: endpoints(),
    Directory: tenant.settings.directory(),
    Drift: tenant.drift.list(),
    Regions: [...REGIONS],
    CredentialLimit: MAX_CREDENTIALS,
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
    'settings.setSync': (r) => (tenant.settings.setSync(arg(r).Status), settingsView()),
    'settings.setAccelerated': (r) => (tenant.settings.setAccelerated(arg(r).Status), settingsView()),
    'directory.update': (r) => tenant.settings.updateDirectory(arg(r)),

    'credentials.list': () => tenant.credentials.list(),
    'credentials.create': () => tenant.credentials.create(),
    'credentials.setStatus': (r) => tenant.credentials.setStatus(arg(r).CredentialId, arg(r).Status),
    'credentials.delete': (r) => tenant.credentials.delete(arg(r).CredentialId),

    'accessKeys.list': () => tenant.accessKeys.list(),
    'accessKeys.create': () => tenant.accessKeys.create(),
    'accessKeys.setStatus': (r) => tenant.accessKeys.setStatus(arg(r).AccessKeyId, arg(r).Status),
    'accessKeys.delete': (r) => tenant.accessKeys.delete(arg(r).AccessKeyId),

    'users.list': (r) => tenant.users.list(arg(r)),
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
    'groups.members': (r) => tenant.groups.members(arg(r).GroupId, arg(r)),
    'groups.addMembers': (r) => tenant.groups.addMembers(arg(r).GroupId, arg(r).UserIds),
    'groups.removeMember': (r) => tenant.groups.removeMember(arg(r).GroupId, arg(r).UserId),

    'activity.list': (r) => (tenant.activity.flush(), tenant.activity.list(arg(r))),
    'activity.get': (r) => {
      tenant.activity.flush();
      const entry = tenant.activity.get(Number(arg(r).Seq));
      if (!entry) throw notFound('Activity entry', String(arg(r).Seq));
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

export function toAdminError(e: unknown, logLine: (line: string) => void): AdminError {
  if (isCoreError(e)) {
    const code = e.code === 'NotATenant' || e.code === 'TenantTooNew' ? 'Precondition' : e.code;
    return { Code: code, Message: e.message, ...(e.attribute ? { Attribute: e.attribute } : {}) };
  }
  logLine(`AdminApi internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return { Code: 'Internal', Message: 'Something went wrong inside CloudSSO Local; nothing was changed. See the server log for details.' };
}
