import { scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import type { MemberChange } from '../core/directory/group-store';
import { badRequest, ScimError, type ScimType } from './errors';
import { isObject, type Json, type JsonObject } from './normalize';
import type { PatchOperation } from './patch-request';

/** Applies operations to a resource document with the scim-patch library (paths, value filters, URNs, dotted keys). */
export function applyOperations(doc: JsonObject, ops: PatchOperation[]): JsonObject {
  if (ops.length === 0) return doc;
  try {
    const patched = scimPatch(structuredClone(doc) as unknown as ScimResource, ops as unknown as ScimPatchOperation[]) as unknown as JsonObject;
    return keepOnePrimary(doc, patched);
  } catch (e) {
    if (e instanceof ScimError) throw e;
    const code = (e as { scimCode?: string }).scimCode;
    const scimType: ScimType = code === 'noTarget' || code === 'invalidPath' || code === 'invalidSyntax' ? code : 'invalidValue';
    throw badRequest(scimType, e instanceof Error ? e.message : 'The PATCH operations could not be applied.');
  }
}

const isTrue = (v: Json | undefined): boolean => v === true || (typeof v === 'string' && v.toLowerCase() === 'true');

/** RFC 7644 §3.5.2: a PATCH that sets a value's "primary" to true makes every other value of that attribute
 *  non-primary. Values that were primary before the PATCH give way to the newly primary one. */
function keepOnePrimary(before: JsonObject, after: JsonObject): JsonObject {
  for (const [key, list] of Object.entries(after)) {
    if (!Array.isArray(list) || list.filter((v) => isObject(v) && isTrue(v.primary)).length < 2) continue;
    const old = before[key];
    const wasPrimary = new Set((Array.isArray(old) ? old : []).filter((v) => isObject(v) && isTrue(v.primary)).map((v) => JSON.stringify((v as JsonObject).value)));
    const fresh = list.filter((v) => isObject(v) && isTrue(v.primary) && !wasPrimary.has(JSON.stringify(v.value)));
    if (fresh.length === 0) continue;
    const keep = fresh[fresh.length - 1];
    for (const v of list) if (isObject(v) && v !== keep && isTrue(v.primary)) v.primary = false;
  }
  return after;
}

const MEMBER_FILTER = /^members\s*\[\s*value\s+eq\s+"([^"]*)"\s*\]$/i;

/** Splits a group PATCH: membership operations become row changes for the core, in request order (never loading
 *  a 50,000-member group); everything else is applied to the group document. */
export function splitGroupPatch(ops: PatchOperation[]): { documentOps: PatchOperation[]; memberSteps: MemberChange[] } {
  const memberSteps: MemberChange[] = [];
  const documentOps: PatchOperation[] = [];
  for (const op of ops) {
    const path = op.path;
    if (path === undefined) {
      // Okta's rename: {"op":"replace","value":{"id":"…","displayName":"…"}}; members may ride along in the value.
      const value = { ...(op.value as JsonObject) };
      const membersKey = Object.keys(value).find((k) => k.toLowerCase() === 'members');
      if (membersKey) {
        const ids = memberIds(value[membersKey]);
        memberSteps.push(op.op === 'replace' ? { set: ids } : { add: ids });
        delete value[membersKey];
      }
      for (const k of Object.keys(value)) if (k.toLowerCase() === 'id') delete value[k];
      if (Object.keys(value).length) documentOps.push({ ...op, value });
      continue;
    }
    const filtered = MEMBER_FILTER.exec(path);
    if (filtered) {
      if (op.op !== 'remove') throw badRequest('invalidPath', 'Only remove is supported with a members[value eq "…"] path.');
      memberSteps.push({ remove: [filtered[1]!] });
      continue;
    }
    if (/^members$/i.test(path)) {
      if (op.op === 'remove') memberSteps.push(op.value === undefined ? { set: [] } : { remove: memberIds(op.value) });
      else memberSteps.push(op.op === 'replace' ? { set: memberIds(op.value) } : { add: memberIds(op.value) });
      continue;
    }
    if (/^members\b/i.test(path)) throw badRequest('invalidPath', `Unsupported members path "${path}". Use members, or members[value eq "<id>"] with remove.`);
    documentOps.push(op);
  }
  return { documentOps, memberSteps };
}

/** Members as IdPs send them: an array of {value, $ref?, display?} (Entra sends "$ref": null). */
export function memberIds(value: Json | undefined): string[] {
  const list = Array.isArray(value) ? value : isObject(value) ? [value] : null;
  if (!list) {
    throw badRequest('invalidValue', 'members must be an array of objects like [{"value": "<user id>"}], not ' + `${JSON.stringify(value ?? null).slice(0, 60)}.`);
  }
  return list.map((m, i) => {
    if (!isObject(m) || typeof m.value !== 'string' || m.value === '') {
      throw badRequest('invalidValue', `members[${i}] must be an object with a string "value" (the user id), not ${JSON.stringify(m).slice(0, 60)}.`);
    }
    return m.value;
  });
}
