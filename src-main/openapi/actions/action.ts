import { isCoreError } from '../../core/errors';
import type { Tenant } from '../../core/tenant';
import type { Group, User } from '../../core/types';
import { entityNotExists, type Entity } from '../api-error';
import type { Params } from '../params';

/** One call of an action: the tenant, its parameters, and what it touched (for the provisioning log). */
export interface ActionCall {
  tenant: Tenant;
  params: Params;
  touched: string[];
}

export type ActionBody = Record<string, unknown>;

export interface ActionSpec {
  /** What a core NotFound / Conflict / Precondition of this action is about. */
  entity: Entity;
  run(call: ActionCall): ActionBody | Promise<ActionBody>;
}

/** Every action names the directory; only the current one exists (and none after DeleteDirectory). */
export function requireDirectory(call: ActionCall): string {
  const id = call.params.required('DirectoryId');
  const { settings } = call.tenant;
  if (!settings.directoryExists() || settings.directory().DirectoryId !== id) throw entityNotExists('Directory', id);
  return id;
}

const rethrowNotFound = <T>(entity: Entity, id: string, read: () => T): T => {
  try {
    return read();
  } catch (e) {
    if (isCoreError(e) && e.code === 'NotFound') throw entityNotExists(entity, id);
    throw e;
  }
};

/** For actions about two objects: a missing user is named as such even where the action is about a group. */
export const requireUser = (call: ActionCall, id: string): User => rethrowNotFound('User', id, () => call.tenant.users.get(id));
export const requireGroup = (call: ActionCall, id: string): Group => rethrowNotFound('Group', id, () => call.tenant.groups.get(id));
