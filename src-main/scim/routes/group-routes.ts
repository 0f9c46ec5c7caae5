import type { FastifyInstance } from 'fastify';
import { compileFilter } from '../filter';
import { groupResource, groupWriteFromScim } from '../group-mapping';
import type { ScimAppOptions } from '../http/app';
import { readPaging } from '../http/list-params';
import { applyOperations, splitGroupPatch } from '../patch-engine';
import { readPatchRequest } from '../patch-request';
import { excludes, project, readProjection } from '../projection';
import { listResponse } from './list-response';

type Query = { filter?: string; startIndex?: string; count?: string; attributes?: string; excludedAttributes?: string };
type ById = { Params: { id: string }; Querystring: Query };

export function registerGroupRoutes(app: FastifyInstance, { tenant, baseUrl, searches }: ScimAppOptions): void {
  const groups = tenant.groups;
  const resourceOf = (id: string, withMembers: boolean) => groupResource(groups.getStored(id), withMembers ? groups.allMembers(id) : null, baseUrl());

  app.get<{ Querystring: Query }>('/Groups', async (req) => {
    req.scim.resourceType = 'Group';
    const { startIndex, count } = readPaging(req.query);
    const projection = readProjection(req.query);
    const predicate = req.query.filter !== undefined ? compileFilter(String(req.query.filter), 'Group') : null;
    // CloudSSO leaves members out of an unfiltered list; a filtered lookup returns them unless excluded.
    const withMembers = predicate !== null && !excludes(projection, 'members');
    // what no index serves runs on the search worker, within its budget, so that lookups are answered meanwhile
    const page = predicate === null || predicate.indexed
      ? groups.listStored(predicate, startIndex - 1, count)
      : await groups.listStoredInBackground(predicate, startIndex - 1, count, searches);
    const base = baseUrl();
    return listResponse(page, startIndex, (g) => project(groupResource(g, withMembers ? groups.allMembers(g.group.GroupId) : null, base), projection));
  });

  app.post<{ Querystring: Query }>('/Groups', async (req, reply) => {
    req.scim.resourceType = 'Group';
    const group = groups.scimCreate(groupWriteFromScim(req.body));
    req.scim.touched.push(group.GroupId);
    req.scim.outcome = `201 created group ${group.GroupName} with ${group.MemberCount} member(s)`;
    const projection = readProjection(req.query);
    const resource = resourceOf(group.GroupId, !excludes(projection, 'members'));
    return reply.code(201).header('Location', `${baseUrl()}/Groups/${group.GroupId}`).send(project(resource, projection));
  });

  app.get<ById>('/Groups/:id', async (req) => {
    req.scim.resourceType = 'Group';
    req.scim.touched.push(req.params.id);
    const projection = readProjection(req.query);
    return project(resourceOf(req.params.id, !excludes(projection, 'members')), projection);
  });

  app.put<ById>('/Groups/:id', async (req) => {
    req.scim.resourceType = 'Group';
    req.scim.touched.push(req.params.id);
    const write = groupWriteFromScim(req.body);
    // PUT replaces the whole group (RFC 7644 §3.5.1): no members in the body means no members.
    const group = groups.scimReplace(req.params.id, { ...write, Members: write.Members ?? [] });
    req.scim.outcome = `200 replaced group ${group.GroupName} (${group.MemberCount} member(s))`;
    const projection = readProjection(req.query);
    return project(resourceOf(group.GroupId, !excludes(projection, 'members')), projection);
  });

  app.patch<ById>('/Groups/:id', async (req, reply) => {
    req.scim.resourceType = 'Group';
    req.scim.touched.push(req.params.id);
    const { documentOps, memberSteps } = splitGroupPatch(readPatchRequest(req.body));
    let delta;
    if (documentOps.length) {
      const base = baseUrl();
      delta = groups.scimModify(
        req.params.id,
        (current) => {
          const write = groupWriteFromScim(applyOperations(groupResource(current, null, base), documentOps, 'Group'));
          return { GroupName: write.GroupName, ExternalId: write.ExternalId, Scim: write.Scim };
        },
        memberSteps,
      ).Delta;
    } else {
      delta = groups.scimChangeMembers(req.params.id, memberSteps);
    }
    // the effective change (re-adding a member is +0, removing a non-member −0), not the ids the request named
    req.scim.outcome = `204 patched group ${req.params.id}: +${delta.added} −${delta.removed} member(s)${memberSteps.some((s) => s.set) ? ', members replaced' : ''}${documentOps.length ? ', attributes changed' : ''}`;
    // Entra wants 204 for group PATCH; Okta accepts it.
    return reply.code(204).send();
  });

  app.delete<ById>('/Groups/:id', async (req, reply) => {
    req.scim.resourceType = 'Group';
    req.scim.touched.push(req.params.id);
    groups.scimDelete(req.params.id);
    req.scim.outcome = `204 deleted group ${req.params.id}`;
    return reply.code(204).send();
  });
}
