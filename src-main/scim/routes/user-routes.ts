import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../core/directory/password';
import { compileFilter } from '../filter';
import type { ScimAppOptions } from '../http/app';
import { readPaging } from '../http/list-params';
import { applyOperations } from '../patch-engine';
import { readPatchRequest } from '../patch-request';
import { project, readProjection } from '../projection';
import { listResponse } from './list-response';
import { userResource, userWriteFromScim } from '../user-mapping';
import type { StoredUser } from '../../core/directory/user-store';
import type { PatchOperation } from '../patch-request';

type Query = { filter?: string; startIndex?: string; count?: string; attributes?: string; excludedAttributes?: string };
type ById = { Params: { id: string }; Querystring: Query };

export function registerUserRoutes(app: FastifyInstance, { tenant, baseUrl, searches }: ScimAppOptions): void {
  const users = tenant.users;

  app.get<{ Querystring: Query }>('/Users', async (req) => {
    req.scim.resourceType = 'User';
    const { startIndex, count } = readPaging(req.query);
    const projection = readProjection(req.query);
    const predicate = req.query.filter !== undefined ? compileFilter(String(req.query.filter), 'User') : null;
    // what no index serves runs on the search worker, within its budget, so that lookups are answered meanwhile
    const page = predicate === null || predicate.indexed
      ? users.listStored(predicate, startIndex - 1, count)
      : await users.listStoredInBackground(predicate, startIndex - 1, count, searches);
    const base = baseUrl();
    return listResponse(page, startIndex, (u) => project(userResource(u, base), projection));
  });

  app.post<{ Querystring: Query }>('/Users', async (req, reply) => {
    req.scim.resourceType = 'User';
    const { write, password } = userWriteFromScim(req.body);
    if (password) write.PasswordHash = await hashPassword(password);
    const { takenOver, ...stored } = users.scimCreate(write);
    const { user } = stored;
    req.scim.touched.push(user.UserId);
    req.scim.outcome = takenOver ? `201 took over manual user ${user.UserName} (now SCIM-synchronized)` : `201 created user ${user.UserName}`;
    const resource = userResource(stored, baseUrl());
    return reply.code(201).header('Location', resource.meta && (resource.meta as { location: string }).location).send(project(resource, readProjection(req.query)));
  });

  app.get<ById>('/Users/:id', async (req) => {
    req.scim.resourceType = 'User';
    req.scim.touched.push(req.params.id);
    return project(userResource(users.getStored(req.params.id), baseUrl()), readProjection(req.query));
  });

  app.put<ById>('/Users/:id', async (req) => {
    req.scim.resourceType = 'User';
    req.scim.touched.push(req.params.id);
    const { write, password } = userWriteFromScim(req.body);
    if (password) write.PasswordHash = await hashPassword(password);
    const stored = users.scimReplace(req.params.id, write);
    const { user } = stored;
    req.scim.outcome = `200 replaced user ${user.UserName}${user.Status === 'Disabled' ? ' (disabled)' : ''}`;
    return project(userResource(stored, baseUrl()), readProjection(req.query));
  });

  app.patch<ById>('/Users/:id', async (req) => {
    req.scim.resourceType = 'User';
    req.scim.touched.push(req.params.id);
    const ops = readPatchRequest(req.body);
    const base = baseUrl();
    const patched = (current: StoredUser) => userWriteFromScim(applyOperations(userResource(current, base), ops, 'User'));
    // A stored user never shows its password, so the one a PATCH sets comes from its operations alone: it is found
    // and hashed (scrypt, ~40 ms) first; then the user is read, patched and written in one transaction, with no
    // await in between, so a PATCH that lands meanwhile (active:false!) is not overwritten by a stale copy.
    const password = opsMentionPassword(ops) ? patched(users.getStored(req.params.id)).password : null;
    const passwordHash = password ? await hashPassword(password) : undefined;
    const stored = users.scimModify(req.params.id, (current) => {
      const next = patched(current);
      if (next.password !== password) throw new Error('A PATCH set a password that its operations did not carry.');
      if (passwordHash) next.write.PasswordHash = passwordHash;
      return next.write;
    });
    req.scim.outcome = `200 patched user ${stored.user.UserName} (${ops.map((o) => `${o.op} ${o.path ?? '{…}'}`).join(', ').slice(0, 200)})`;
    return project(userResource(stored, baseUrl()), readProjection(req.query));
  });

  app.delete<ById>('/Users/:id', async (req, reply) => {
    req.scim.resourceType = 'User';
    req.scim.touched.push(req.params.id);
    users.scimDelete(req.params.id);
    req.scim.outcome = `204 deleted user ${req.params.id}`;
    return reply.code(204).send();
  });
}

const PASSWORD = /password/i;

/** Whether any operation could set the password: a path naming it, or a value holding a key that does (any depth).
 *  A superset is fine (it only costs a dry run); missing one would leave the password unhashed. */
function opsMentionPassword(ops: PatchOperation[]): boolean {
  return ops.some((op) => (typeof op.path === 'string' && PASSWORD.test(op.path)) || hasPasswordKey(op.value));
}

function hasPasswordKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (const [key, inner] of Object.entries(value)) if (PASSWORD.test(key) || hasPasswordKey(inner)) return true;
  return false;
}
