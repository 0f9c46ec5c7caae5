// A day in the life of a directory, after the initial push: people change names, leave, move teams; a group is
// renamed; something is deleted. Sent the way Entra ID or Okta sends each change (docs/interoperability.md).
import type { DemoDirectory } from './directory-generator';
import { addMembersOp, eqFilter, patchBody, removeMemberOps, type IdpStyle } from './request-shapes';
import { CancelledError, type ScimClient } from './scim-client';
import { expectOk, Tracker, type ProvisionedState, type PushFailure, type PushProgress } from './push';
import { SeededRandom } from './random';

export type ChangeKind = 'rename-user' | 'rename-group' | 'deactivate' | 'move' | 'delete-user' | 'delete-group';

export interface DayChange {
  kind: ChangeKind;
  description: string;
  ok: boolean;
}

export interface ReplayResult {
  changes: DayChange[];
  failed: number;
  failures: PushFailure[];
  cancelled: boolean;
}

export interface ReplayOptions {
  style: IdpStyle;
  seed?: number;
  onProgress?: (p: PushProgress) => void;
}

const NEW_FAMILY_NAMES = ['Hamilton', 'Nakamura', 'Okonkwo', 'Lindqvist', 'Moreau', 'Chen', 'Kaur', 'Novak'];

interface Planned {
  kind: ChangeKind;
  description: string;
  run: () => Promise<void>;
}

/** Plans the day from what the push left on the server, then sends it one change at a time (as IdPs do per object). */
export async function replayDay(client: ScimClient, directory: DemoDirectory, state: ProvisionedState, options: ReplayOptions): Promise<ReplayResult> {
  const style = options.style;
  const rng = new SeededRandom((options.seed ?? directory.seed) * 31 + 7);
  const usable = directory.users.map((_, i) => i).filter((i) => state.userIds[i]);
  const picked = rng.sample(usable, 8);
  const [renamed, deactivated, moved, deleted] = [picked.slice(0, 2), picked.slice(2, 4), picked.slice(4, 7), picked[7]];
  const teamGroups = directory.groups.map((_, g) => g).filter((g) => state.groupIds[g] && directory.groups[g]!.displayName !== 'All-Staff');
  // Okta's deletion is a group's: keep it out of the day's moves so each change is visible on its own.
  const deletedGroup = style === 'okta' && teamGroups.length > 2 ? teamGroups[teamGroups.length - 1] : undefined;
  const moveGroups = teamGroups.filter((g) => g !== deletedGroup);
  const plan: Planned[] = [];
  const userId = (u: number) => state.userIds[u]!;
  const userLabel = (u: number) => directory.users[u]!.userName;

  const lookUp = async (u: number) => {
    // Entra matches the object again before every update; Okta reads it by id before a PUT.
    const path = style === 'entra' ? `/Users?filter=${encodeURIComponent(eqFilter('userName', userLabel(u)))}` : `/Users/${userId(u)}`;
    return expectOk(await client.request('GET', path), `look up ${userLabel(u)}`).body as Record<string, unknown> & { Resources?: unknown[] };
  };

  for (const u of renamed) {
    const person = directory.users[u]!;
    const familyName = rng.pick(NEW_FAMILY_NAMES.filter((n) => n !== person.familyName));
    const displayName = `${person.givenName} ${familyName}`;
    plan.push({
      kind: 'rename-user',
      description: `${userLabel(u)} is now ${displayName}`,
      run: async () => {
        const current = await lookUp(u);
        if (style === 'entra') {
          const op = patchBody({ op: 'Replace', path: 'name.familyName', value: familyName }, { op: 'Replace', path: 'displayName', value: displayName });
          expectOk(await client.request('PATCH', `/Users/${userId(u)}`, op), `rename ${userLabel(u)}`);
        } else {
          // Okta: PUT the whole object it just read, read-only attributes and all.
          const name = { ...(current.name as Record<string, unknown> | undefined), familyName };
          expectOk(await client.request('PUT', `/Users/${userId(u)}`, { ...current, name, displayName, groups: [] }), `rename ${userLabel(u)}`);
        }
      },
    });
  }

  for (const u of deactivated) {
    plan.push({
      kind: 'deactivate',
      description: `${userLabel(u)} left: deactivated`,
      run: async () => {
        await lookUp(u);
        const op = style === 'entra' ? { op: 'Replace', path: 'active', value: 'False' } : { op: 'replace', value: { active: false } };
        expectOk(await client.request('PATCH', `/Users/${userId(u)}`, patchBody(op)), `deactivate ${userLabel(u)}`);
      },
    });
  }

  for (const u of moved) {
    const from = moveGroups.find((g) => state.members[g]!.has(u));
    const to = rng.sample(moveGroups.filter((g) => !state.members[g]!.has(u)), 1)[0];
    if (from === undefined || to === undefined) continue;
    const fromName = directory.groups[from]!.displayName;
    const toName = directory.groups[to]!.displayName;
    plan.push({
      kind: 'move',
      description: `${userLabel(u)} moved from ${fromName} to ${toName}`,
      run: async () => {
        expectOk(await client.request('PATCH', `/Groups/${state.groupIds[from]}`, patchBody(...removeMemberOps(style, [userId(u)]))), `remove ${userLabel(u)} from ${fromName}`);
        state.members[from]!.delete(u);
        const add = addMembersOp(style, [{ id: userId(u), display: directory.users[u]!.displayName }]);
        expectOk(await client.request('PATCH', `/Groups/${state.groupIds[to]}`, patchBody(add)), `add ${userLabel(u)} to ${toName}`);
        state.members[to]!.add(u);
      },
    });
  }

  const renamedGroup = teamGroups[0];
  if (renamedGroup !== undefined) {
    const group = directory.groups[renamedGroup]!;
    const newName = `${group.displayName.slice(0, 110)}-Renamed`;
    const id = state.groupIds[renamedGroup]!;
    plan.push({
      kind: 'rename-group',
      description: `group ${group.displayName} renamed to ${newName}`,
      run: async () => {
        const op = style === 'entra' ? { op: 'Replace', path: 'displayName', value: newName } : { op: 'replace', value: { id, displayName: newName } };
        expectOk(await client.request('PATCH', `/Groups/${id}`, patchBody(op)), `rename group ${group.displayName}`);
      },
    });
  }

  if (style === 'entra' && deleted !== undefined) {
    plan.push({
      kind: 'delete-user',
      description: `${userLabel(deleted)} deleted (out of scope, deletion configured)`,
      run: async () => {
        await lookUp(deleted);
        expectOk(await client.request('DELETE', `/Users/${userId(deleted)}`), `delete ${userLabel(deleted)}`);
        state.userIds[deleted] = null;
        state.members.forEach((m) => m.delete(deleted));
      },
    });
  }
  if (deletedGroup !== undefined) {
    // Okta never deletes users (it deactivates them); it does delete a pushed group that is unlinked.
    plan.push({
      kind: 'delete-group',
      description: `group ${directory.groups[deletedGroup]!.displayName} deleted (push unlinked)`,
      run: async () => {
        expectOk(await client.request('DELETE', `/Groups/${state.groupIds[deletedGroup]}`), `delete group ${directory.groups[deletedGroup]!.displayName}`);
        state.groupIds[deletedGroup] = null;
      },
    });
  }

  const tracker = new Tracker(plan.length, options.onProgress);
  const result: ReplayResult = { changes: [], failed: 0, failures: tracker.failures, cancelled: false };
  tracker.enter(`Replaying a day (${style === 'entra' ? 'Entra ID' : 'Okta'})`);
  for (const change of plan) {
    try {
      if (client.signal?.aborted) throw new CancelledError();
      await change.run();
      result.changes.push({ kind: change.kind, description: change.description, ok: true });
      tracker.step();
    } catch (e) {
      if (e instanceof CancelledError || client.signal?.aborted) {
        result.cancelled = true;
        break;
      }
      result.changes.push({ kind: change.kind, description: change.description, ok: false });
      tracker.fail(change.description, e);
    }
  }
  result.failed = tracker.failed;
  tracker.enter(result.cancelled ? 'Cancelled' : 'Day replayed');
  return result;
}
