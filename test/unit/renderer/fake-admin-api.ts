// An in-memory AdminApi for the console's component and store tests. It follows the contract's shapes and
// the few CloudSSO rules the console displays (locks while sync is on, two credentials at most), so tests can
// check that the console shows what a core says. It is test code only: the product talks to the real core.
import type {
  AccessKey,
  AdminApi,
  AdminChannel,
  AdminChannels,
  AdminError,
  AdminRequest,
  AdminResponse,
  AdminResult,
  ActivityEntry,
  ChangeEvent,
  Credential,
  DriftEntry,
  FaultSettings,
  Group,
  SettingsView,
  User,
} from '../../../src-main/admin/contract';

export const FAKE_LOCK_REASON = 'Synchronized by SCIM: turn off SCIM synchronization in Settings > User Settings to edit it.';

type Handler<C extends AdminChannel> = (request: AdminRequest<C>) => AdminResponse<C>;

export class FakeAdminError extends Error {
  constructor(readonly error: AdminError) {
    super(error.Message);
  }
}

export interface FakeState {
  syncOn: boolean;
  users: Omit<User, 'Locked' | 'LockReason' | 'LockReasonCode'>[];
  groups: Omit<Group, 'Locked' | 'LockReason' | 'LockReasonCode'>[];
  credentials: Credential[];
  accessKeys: AccessKey[];
  drift: DriftEntry[];
  activity: ActivityEntry[];
  faults: FaultSettings;
}

const NOW = '2026-11-28T10:00:00.000Z';

export function fakeUser(overrides: Partial<User> & { UserName: string }): Omit<User, 'Locked' | 'LockReason' | 'LockReasonCode'> {
  return {
    UserId: `u-${overrides.UserName.replace(/[^a-z0-9]/gi, '').toLowerCase().padEnd(20, '0').slice(0, 20)}`,
    FirstName: null, LastName: null, DisplayName: null, Email: null, Description: null,
    Status: 'Enabled', ProvisionType: 'Manual', ExternalId: null, Drift: null, CreateTime: NOW, UpdateTime: NOW,
    ...overrides,
  };
}

export function fakeCredential(id: string, overrides: Partial<Credential> = {}): Credential {
  return {
    CredentialId: id, CredentialType: 'BearerToken', Status: 'Enabled', CreateTime: NOW, ExpireTime: '2027-11-28T10:00:00.000Z',
    DirectoryId: 'd-fake0000000000000000', LastUsedTime: null, DaysToExpire: 365, ExpiryWarning: false, Expired: false, DemoIdP: false, ...overrides,
  };
}

export function createFakeAdminApi(initial: Partial<FakeState> = {}) {
  const state: FakeState = {
    syncOn: false, users: [], groups: [], credentials: [], accessKeys: [], drift: [], activity: [],
    faults: { LatencyMs: 0, ThrottleRate: 0, RetryAfterSeconds: 1, ServerErrorRate: 0, Paused: false },
    ...initial,
  };
  const listeners = new Set<(event: ChangeEvent) => void>();
  const calls: { channel: AdminChannel; request: unknown }[] = [];
  /** Per-channel overrides: make a channel fail or answer slowly in a test. */
  const overrides = new Map<AdminChannel, (request: unknown) => Promise<AdminResult<unknown>>>();

  const withLock = <T extends { ProvisionType: string }>(item: T) => {
    const locked = state.syncOn && item.ProvisionType === 'Synchronized';
    const code = 'UserId' in item ? ('SynchronizedUser' as const) : ('SynchronizedGroup' as const);
    return { ...item, Locked: locked, LockReason: locked ? FAKE_LOCK_REASON : null, LockReasonCode: locked ? code : null };
  };
  const settingsView = (): SettingsView => ({
    Sync: { SCIMSynchronizationStatus: state.syncOn ? 'Enabled' : 'Disabled', AcceleratedEndpointStatus: 'Disabled', AcceleratedEndpointAvailable: true },
    Endpoints: { SCIMEndpoint: 'http://127.0.0.1:4100/scim/v2', AcceleratedEndpoint: null, APIEndpoint: 'http://127.0.0.1:4103' },
    Directory: { DirectoryId: 'd-fake0000000000000000', DirectoryName: 'Fake Directory', Region: 'cn-shanghai', CreateTime: NOW },
    Drift: state.drift,
    Regions: ['cn-shanghai', 'eu-central-1'],
    CredentialLimit: 2,
    Https: { Status: 'Disabled', Serving: 'http', CertificateSource: 'LocalCA', CertificateNotAfter: null, Error: null },
  });
  const fail = (Code: AdminError['Code'], Message: string): never => {
    throw new FakeAdminError({ Code, Message });
  };
  const findUser = (UserId: string) => state.users.find((u) => u.UserId === UserId) ?? fail('NotFound', `User ${UserId} does not exist.`);

  const handlers: { [C in AdminChannel]?: Handler<C> } = {
    'settings.get': () => settingsView(),
    'settings.setSync': ({ Status }) => {
      state.syncOn = Status === 'Enabled';
      if (state.syncOn) state.drift = [];
      return settingsView();
    },
    'credentials.list': () => state.credentials,
    'credentials.create': () => {
      if (state.credentials.length >= 2) fail('LimitExceeded', 'LimitExceeded.SCIMCredential: a directory holds at most 2 SCIM credentials (emulator behaviour).');
      const credential = fakeCredential(`scimcred-${String(state.credentials.length + 1).padStart(20, '0')}`);
      state.credentials.push(credential);
      return { ...credential, CredentialSecret: `secret-${credential.CredentialId}` };
    },
    'credentials.setStatus': ({ CredentialId, Status }) => {
      const credential = state.credentials.find((c) => c.CredentialId === CredentialId) ?? fail('NotFound', 'No such credential.');
      credential.Status = Status;
      return credential;
    },
    'credentials.delete': ({ CredentialId }) => {
      state.credentials = state.credentials.filter((c) => c.CredentialId !== CredentialId);
    },
    'accessKeys.list': () => state.accessKeys,
    'accessKeys.create': () => {
      if (state.accessKeys.length >= 2) fail('LimitExceeded', 'The account can have at most 2 AccessKey pairs.');
      const key: AccessKey = { AccessKeyId: `LTAI5tFake${String(state.accessKeys.length + 1).padStart(14, '0')}`, Status: 'Enabled', CreateTime: NOW, LastUsedTime: null, Usable: true };
      state.accessKeys.push(key);
      return { ...key, AccessKeySecret: `secret-of-${key.AccessKeyId}` };
    },
    'accessKeys.setStatus': ({ AccessKeyId, Status }) => {
      const key = state.accessKeys.find((k) => k.AccessKeyId === AccessKeyId) ?? fail('NotFound', 'No such AccessKey.');
      key.Status = Status;
      return key;
    },
    'accessKeys.delete': ({ AccessKeyId }) => {
      state.accessKeys = state.accessKeys.filter((k) => k.AccessKeyId !== AccessKeyId);
    },
    'users.list': (query) => {
      let rows = state.users;
      if (query.ProvisionType) rows = rows.filter((u) => u.ProvisionType === query.ProvisionType);
      if (query.UserNameEq) rows = rows.filter((u) => u.UserName.toLowerCase() === query.UserNameEq!.toLowerCase());
      if (query.UserNamePrefix) rows = rows.filter((u) => u.UserName.toLowerCase().startsWith(query.UserNamePrefix!.toLowerCase()));
      const offset = query.Offset ?? 0;
      return { TotalCount: rows.length, Items: rows.slice(offset, offset + (query.Limit ?? 20)).map(withLock) };
    },
    'users.get': ({ UserId }) => withLock(findUser(UserId)),
    'users.update': ({ UserId, ...fields }) => {
      const user = findUser(UserId);
      if (withLock(user).Locked) fail('Locked', FAKE_LOCK_REASON);
      Object.assign(user, fields);
      return withLock(user);
    },
    'users.delete': ({ UserId }) => {
      if (withLock(findUser(UserId)).Locked) fail('Locked', FAKE_LOCK_REASON);
      state.users = state.users.filter((u) => u.UserId !== UserId);
    },
    'activity.list': (query) => {
      let rows = [...state.activity].sort((a, b) => b.Seq - a.Seq);
      if (query.BeforeSeq !== undefined) rows = rows.filter((e) => e.Seq < query.BeforeSeq!);
      if (query.Method) rows = rows.filter((e) => e.Method === query.Method);
      return rows.slice(0, query.Limit ?? 100);
    },
    'faults.get': () => state.faults,
    'faults.set': (change) => Object.assign(state.faults, change),
  };

  const api: AdminApi = {
    async invoke<C extends AdminChannel>(channel: C, request: AdminRequest<C>): Promise<AdminResult<AdminResponse<C>>> {
      calls.push({ channel, request });
      const override = overrides.get(channel);
      if (override) return (await override(request)) as AdminResult<AdminResponse<C>>;
      const handler = handlers[channel] as Handler<C> | undefined;
      if (!handler) return { ok: false, error: { Code: 'Internal', Message: `The fake AdminApi has no ${channel}.` } };
      try {
        return { ok: true, value: structuredClone(handler(request)) };
      } catch (error) {
        if (error instanceof FakeAdminError) return { ok: false, error: error.error };
        throw error;
      }
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    api,
    state,
    calls,
    /** Replaces a channel's answer for this test. */
    override<C extends keyof AdminChannels>(channel: C, answer: (request: AdminRequest<C>) => Promise<AdminResult<AdminResponse<C>>>) {
      overrides.set(channel, answer as (request: unknown) => Promise<AdminResult<unknown>>);
    },
    emit(event: ChangeEvent) {
      listeners.forEach((listener) => listener(event));
    },
    listenerCount: () => listeners.size,
  };
}
