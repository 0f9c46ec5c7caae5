import type { ScimGroupWrite, StoredGroup } from '../core/directory/group-store';
import { badRequest } from './errors';
import { isObject, normalizeDocument, optionalString, type JsonObject } from './normalize';
import { memberIds } from './patch-engine';
import { GROUP_SCHEMA } from './schema-urns';

/** A SCIM Group body → what the core stores. Extra schema URIs (Entra's ADSCIM Group) are accepted and ignored. */
export function groupWriteFromScim(body: unknown): ScimGroupWrite {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'The request body must be a JSON object (a SCIM Group).');
  const doc = normalizeDocument(body, 'Group');
  if (typeof doc.displayName !== 'string' || doc.displayName === '') throw badRequest('invalidValue', 'displayName is required and must be a string.');
  const members = doc.members === undefined ? undefined : memberIds(doc.members);
  delete doc.members;
  return { GroupName: doc.displayName, ExternalId: optionalString(doc.externalId, 'externalId'), Scim: doc, ...(members ? { Members: members } : {}) };
}

/** `members` null: left out (list without filter, or excludedAttributes=members), without reading them. */
export function groupResource(stored: StoredGroup, members: { value: string; display: string }[] | null, base: string): JsonObject {
  const { group, scim } = stored;
  const resource: JsonObject = { schemas: [GROUP_SCHEMA], id: group.GroupId };
  if (group.ExternalId) resource.externalId = group.ExternalId.Id;
  resource.displayName = group.GroupName;
  if (members) resource.members = members.map((m) => ({ value: m.value, display: m.display, $ref: `${base}/Users/${m.value}`, type: 'User' }));
  for (const [k, v] of Object.entries(scim as JsonObject)) if (!(k in resource) && k !== 'schemas') resource[k] = v;
  resource.meta = { resourceType: 'Group', created: group.CreateTime, lastModified: group.UpdateTime, location: `${base}/Groups/${group.GroupId}` };
  return resource;
}
