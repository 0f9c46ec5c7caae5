// The initial provisioning cycle, the way Microsoft Entra ID runs it: look each user up, create the ones that are
// missing, do the same for groups (created empty), then add memberships by PATCH in chunks.
import type { DemoDirectory } from './directory-generator';
import { addMembersOp, createGroupBody, createUserBody, driftedUserAttributes, lookupGroupPath, lookupUserPath, patchBody, rollbackUserRequest, type IdpStyle } from './request-shapes';
import { randomUUID } from 'node:crypto';
import { CancelledError, forEachSettled, type ScimClient, type ScimResult } from './scim-client';

/** Entra batches member adds; AWS IAM Identity Center caps a group PATCH at 100 changes, so stay well below. */
export const MEMBER_CHUNK = 50;

export interface PushProgress {
  phase: string;
  done: number;
  total: number;
  failed: number;
}

export interface PushFailure {
  what: string;
  message: string;
}

/** What the IdP knows after a push: its objects' ids on the server, for replaying later changes. */
export interface ProvisionedState {
  style: IdpStyle;
  userIds: (string | null)[];
  groupIds: (string | null)[];
  /** Group index → user indexes that are members on the server. */
  members: Set<number>[];
}

export interface PushResult {
  state: ProvisionedState;
  usersCreated: number;
  usersExisting: number;
  /** Users found edited on the server (while sync was off, say) and written back to the IdP's values. */
  usersRolledBack: number;
  groupsCreated: number;
  groupsExisting: number;
  membershipsAdded: number;
  /** Operations that failed (a user, a group, one membership chunk), each counted once. */
  failed: number;
  failures: PushFailure[];
  cancelled: boolean;
}

export interface PushOptions {
  style?: IdpStyle;
  onProgress?: (p: PushProgress) => void;
  memberChunk?: number;
}

/** Keeps the first few failures in full; the count says how many there were. */
export const KEEP_FAILURES = 20;

export class Tracker {
  done = 0;
  failed = 0;
  readonly failures: PushFailure[] = [];
  phase = '';

  constructor(
    readonly total: number,
    private readonly onProgress?: (p: PushProgress) => void,
  ) {}

  enter(phase: string): void {
    this.phase = phase;
    this.report();
  }

  step(): void {
    this.done++;
    this.report();
  }

  fail(what: string, e: unknown): void {
    this.failed++;
    if (this.failures.length < KEEP_FAILURES) this.failures.push({ what, message: e instanceof Error ? e.message : String(e) });
    this.step();
  }

  report(): void {
    this.onProgress?.({ phase: this.phase, done: this.done, total: this.total, failed: this.failed });
  }
}

/** A 2xx, or an error carrying the server's detail. */
export function expectOk(result: ScimResult, what: string): ScimResult {
  if (result.status >= 200 && result.status < 300) return result;
  const detail = (result.body as { detail?: unknown } | null)?.detail;
  throw new Error(`${what}: HTTP ${result.status}${typeof detail === 'string' ? ` ${detail}` : ''}`);
}

/** The first resource a lookup found, when it has an id. */
const firstFound = (result: ScimResult): { id: string; resource: unknown } | null => {
  const resources = (result.body as { Resources?: { id?: unknown }[] } | null)?.Resources;
  const resource = Array.isArray(resources) ? resources[0] : undefined;
  return typeof resource?.id === 'string' ? { id: resource.id, resource } : null;
};

/** Raised before anything is sent when the endpoint cannot be reached or refuses the token, so a push of
 *  100,000 users does not fail 100,000 times. */
export class ConnectionTestError extends Error {
  constructor(message: string) {
    super(`Test Connection failed: ${message}`);
    this.name = 'ConnectionTestError';
  }
}

/** Entra's Test Connection: a lookup of a random GUID must answer 200 with an empty list. */
export async function testConnection(client: ScimClient): Promise<void> {
  let result: ScimResult;
  try {
    result = await client.request('GET', `/Users?filter=${encodeURIComponent(`userName eq "${randomUUID()}"`)}`);
  } catch (e) {
    if (e instanceof CancelledError) throw e;
    throw new ConnectionTestError(e instanceof Error ? e.message : String(e));
  }
  if (result.status !== 200) {
    const detail = (result.body as { detail?: unknown } | null)?.detail;
    throw new ConnectionTestError(`HTTP ${result.status}${typeof detail === 'string' ? ` ${detail}` : ''}`);
  }
}

export function plannedOperations(directory: DemoDirectory, memberChunk = MEMBER_CHUNK): number {
  return directory.users.length + directory.groups.length + directory.groups.reduce((n, g) => n + Math.ceil(g.members.length / memberChunk), 0);
}

export async function push(client: ScimClient, directory: DemoDirectory, options: PushOptions = {}): Promise<PushResult> {
  const style = options.style ?? 'entra';
  const chunk = options.memberChunk ?? MEMBER_CHUNK;
  const tracker = new Tracker(plannedOperations(directory, chunk), options.onProgress);
  const state: ProvisionedState = { style, userIds: directory.users.map(() => null), groupIds: directory.groups.map(() => null), members: directory.groups.map(() => new Set()) };
  const result: PushResult = { state, usersCreated: 0, usersExisting: 0, usersRolledBack: 0, groupsCreated: 0, groupsExisting: 0, membershipsAdded: 0, failed: 0, failures: tracker.failures, cancelled: false };
  const parallel = client.concurrency;
  const signal = client.signal;

  /** Lookup, then create; a 409 (the object appeared meanwhile, or a retried POST) falls back to the lookup. */
  const ensure = async (lookupPath: string, createPath: string, body: unknown, what: string): Promise<{ id: string; created: boolean; resource: unknown }> => {
    const found = firstFound(expectOk(await client.request('GET', lookupPath), `look up ${what}`));
    if (found) return { ...found, created: false };
    const created = await client.request('POST', createPath, body);
    if (created.status === 409) {
      const again = firstFound(expectOk(await client.request('GET', lookupPath), `look up ${what}`));
      if (again) return { ...again, created: false };
    }
    const id = (expectOk(created, `create ${what}`).body as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') throw new Error(`create ${what}: the answer carried no id`);
    return { id, created: true, resource: created.body };
  };

  const guard = async (what: string, work: () => Promise<void>) => {
    try {
      await work();
      tracker.step();
    } catch (e) {
      if (e instanceof CancelledError || signal?.aborted) throw new CancelledError();
      tracker.fail(what, e);
    }
  };

  tracker.enter('Testing the connection');
  try {
    await testConnection(client);
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    result.cancelled = true;
    tracker.enter('Cancelled');
    return result;
  }

  try {
    tracker.enter('Creating users');
    await forEachSettled(directory.users, parallel, signal, (user, i) =>
      guard(`user ${user.userName}`, async () => {
        const r = await ensure(lookupUserPath(style, user), '/Users', createUserBody(style, user), `user ${user.userName}`);
        state.userIds[i] = r.id;
        if (r.created) result.usersCreated++;
        else result.usersExisting++;
        // An existing user is brought back to what the IdP holds, as a real IdP's sync cycle does.
        const drifted = r.created ? [] : driftedUserAttributes(user, r.resource);
        if (drifted.length) {
          const rollback = rollbackUserRequest(style, user, r.id, drifted);
          expectOk(await client.request(rollback.method, rollback.path, rollback.body), `roll back ${drifted.join(', ')} of user ${user.userName}`);
          result.usersRolledBack++;
        }
      }),
    );

    tracker.enter('Creating groups');
    const userIndex = new Map(state.userIds.flatMap((id, i) => (id ? [[id, i] as const] : [])));
    await forEachSettled(directory.groups, parallel, signal, (group, g) =>
      guard(`group ${group.displayName}`, async () => {
        const r = await ensure(lookupGroupPath(style, group), '/Groups', createGroupBody(style, group), `group ${group.displayName}`);
        state.groupIds[g] = r.id;
        if (r.created) result.groupsCreated++;
        else {
          result.groupsExisting++;
          // a re-push: who is a member already is neither sent again nor counted as added
          for (const id of await memberIdsOf(client, r.id, group.displayName)) {
            const u = userIndex.get(id);
            if (u !== undefined) state.members[g]!.add(u);
          }
        }
      }),
    );

    tracker.enter('Adding group members');
    const chunks: { g: number; members: number[] }[] = [];
    directory.groups.forEach((group, g) => {
      for (let i = 0; i < group.members.length; i += chunk) chunks.push({ g, members: group.members.slice(i, i + chunk) });
    });
    await forEachSettled(chunks, parallel, signal, ({ g, members }) =>
      guard(`members of ${directory.groups[g]!.displayName}`, async () => {
        const groupId = state.groupIds[g];
        if (!groupId) throw new Error(`group ${directory.groups[g]!.displayName} was not created`);
        const known = members.filter((u) => state.userIds[u] && !state.members[g]!.has(u));
        if (known.length) {
          const op = addMembersOp(style, known.map((u) => ({ id: state.userIds[u]!, display: directory.users[u]!.displayName })));
          expectOk(await client.request('PATCH', `/Groups/${groupId}`, patchBody(op)), `add members to ${directory.groups[g]!.displayName}`);
          for (const u of known) state.members[g]!.add(u);
          result.membershipsAdded += known.length;
        }
        // the users that failed earlier are already counted; the chunk still fails, since the group is incomplete
        const missing = members.filter((u) => !state.userIds[u]).length;
        if (missing) throw new Error(`${missing} member(s) of ${directory.groups[g]!.displayName} were not created`);
      }),
    );
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    result.cancelled = true;
  }
  if (signal?.aborted) result.cancelled = true;
  result.failed = tracker.failed;
  tracker.enter(result.cancelled ? 'Cancelled' : 'Pushed');
  return result;
}

/** The ids of a group's members, as a SCIM client reads them. */
async function memberIdsOf(client: ScimClient, groupId: string, displayName: string): Promise<string[]> {
  const body = expectOk(await client.request('GET', `/Groups/${groupId}?attributes=members`), `read the members of ${displayName}`).body as { members?: { value?: unknown }[] } | null;
  return (body?.members ?? []).flatMap((m) => (typeof m.value === 'string' ? [m.value] : []));
}
