// RFC 7644 §3.5.2 PATCH, applied to a resource document. Replaces the scim-patch library, which split a bare
// extension URN at its last colon and wrote under a key the mapping then dropped (200 and nothing stored), let
// `remove active` pass as a no-op, and walked request-named keys as JavaScript properties (prototype pollution).
// Here every path and value key goes through resolveReference (one resolver, the schemas /Schemas serves), every
// operation either changes what it names or is refused with the scimType that fits, and the only property names
// ever assigned are the schema's own attribute names.
import { filter as valueMatcher, type Filter } from 'scim2-parse-filter';
import type { MemberChange } from '../core/directory/group-store';
import type { Attr } from './discovery';
import { badRequest } from './errors';
import { resolveReference, subAttribute, type AttributeReference, type ResourceKind } from './attribute-reference';
import { isObject, type Json, type JsonObject } from './normalize';
import type { PatchOperation } from './patch-request';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './schema-urns';

type OpKind = PatchOperation['op'];

/** Applies operations in order to a copy of a resource document (as userResource/groupResource build it). */
export function applyOperations(doc: JsonObject, ops: PatchOperation[], resource: ResourceKind): JsonObject {
  if (ops.length === 0) return doc;
  const patched = structuredClone(doc);
  for (const op of ops) {
    if (op.path !== undefined) {
      applyAt(patched, op.op, resolveReference(op.path, resource), op.value, false);
      continue;
    }
    if (!isObject(op.value)) throw badRequest('invalidValue', `${op.op} without a path needs an object value.`);
    // Each key of a path-less value is itself a reference: `title`, `name.givenName`, `urn:…:User:department`, a bare URN.
    for (const [key, value] of Object.entries(op.value)) {
      if (key.toLowerCase() === 'schemas') continue; // the document's envelope, which clients echo; not an attribute
      applyAt(patched, op.op, resolveReference(key, resource), value, true);
    }
  }
  return keepOnePrimary(doc, patched);
}

const sameJson = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** `echo`: the reference is a key of a path-less value, where clients send server-assigned attributes back unchanged. */
function applyAt(doc: JsonObject, op: OpKind, ref: AttributeReference, value: Json | undefined, echo: boolean): void {
  if (ref.attr === null) return applyToExtension(doc, op, ref, value, echo);
  const attr = ref.attr;
  const container = ref.schema === USER_SCHEMA || ref.schema === GROUP_SCHEMA ? doc : isObject(doc[ref.schema]) ? (doc[ref.schema] as JsonObject) : null;
  const current = container?.[attr.name];
  // RFC 7643 §2.5: null is "unassigned", so an add/replace of null is a remove of what it names.
  const kind: OpKind = op !== 'remove' && value === null ? 'remove' : op;
  if (!refuseByMutability(kind, ref, current, value, echo)) return;
  if (kind === 'remove') {
    if (container && attr.name in container) removeFrom(container, attr, ref, value);
    if (container && container !== doc && Object.keys(container).length === 0) delete doc[ref.schema];
    return;
  }
  const target = container ?? (doc[ref.schema] = {});
  if (ref.filter === null && ref.sub === null) target[attr.name] = wholeValue(kind, attr, current, value, ref.label);
  else if (ref.filter === null) setSubOfAll(target, kind, attr, ref.sub!, value, ref.label);
  else setFiltered(target, kind, attr, ref, value);
}

/** The bare extension URN: add/replace take an object of the extension's attributes, remove drops the extension. */
function applyToExtension(doc: JsonObject, op: OpKind, ref: AttributeReference, value: Json | undefined, echo: boolean): void {
  if (op === 'remove' || value === null) {
    delete doc[ref.schema];
    return;
  }
  if (!isObject(value)) throw badRequest('invalidValue', `${ref.schema} takes an object of its attributes, e.g. {"department": "Sales"}.`);
  for (const [key, v] of Object.entries(value)) applyAt(doc, op, resolveReference(`${ref.schema}:${key}`, ref.schema === ENTERPRISE_SCHEMA ? 'User' : 'Group'), v, echo);
}

/** False: nothing to do (a server-assigned attribute echoed unchanged). Throws when the attribute cannot take the operation. */
function refuseByMutability(op: OpKind, ref: AttributeReference, current: Json | undefined, value: Json | undefined, echo: boolean): boolean {
  const attr = ref.attr!;
  const named = ref.sub ?? attr;
  if (attr.mutability === 'readOnly' || named.mutability === 'readOnly') {
    if (echo && ref.sub === null && sameJson(current, value)) return false;
    throw badRequest('mutability', `${ref.label} is read-only: the server assigns it.`);
  }
  if (op !== 'remove') return true;
  if (attr.mutability === 'immutable') throw badRequest('mutability', `${ref.label} cannot be removed: it is immutable (CloudSSO never changes a user's userName once created).`);
  if (attr.name === 'active' && ref.schema === USER_SCHEMA) {
    throw badRequest('invalidValue', 'active cannot be removed: CloudSSO\'s Status is Enabled or Disabled and has no unassigned state. Replace it with true or false.');
  }
  if (attr.name === 'password') throw badRequest('invalidValue', 'password cannot be removed: a CloudSSO user\'s password can be replaced, never unassigned.');
  if (ref.sub === null && ref.filter === null && attr.required) throw badRequest('invalidValue', `${ref.label} cannot be removed: it is required.`);
  return true;
}

/** The value an add or replace leaves on a whole attribute (no filter, no sub-attribute). */
function wholeValue(op: OpKind, attr: Attr, current: Json | undefined, value: Json | undefined, label: string): Json {
  if (attr.multiValued) {
    const list = (Array.isArray(value) ? value : [value!]).map((v, i) => element(attr, v, `${label}[${i}]`));
    if (op === 'replace' || !Array.isArray(current)) return list;
    // add: RFC 7644 §3.5.2.1, a value already present is not added twice
    const seen = new Set(current.map((v) => JSON.stringify(v)));
    return [...current, ...list.filter((v) => !seen.has(JSON.stringify(v)))];
  }
  if (attr.type === 'complex') {
    // Entra adds the single-valued manager as an array of one {"$ref": null, "value": …}
    const one = Array.isArray(value) && value.length === 1 ? value[0] : value;
    // RFC 7644 §3.5.2.1/§3.5.2.3: the sub-attributes given replace theirs, the others are left unchanged
    return { ...(isObject(current) ? current : {}), ...element(attr, one, label) };
  }
  return simple(attr, value, label);
}

/** `attr.sub` without a filter: a complex attribute's sub-attribute, or that sub-attribute of every value of a multi-valued one. */
function setSubOfAll(target: JsonObject, op: OpKind, attr: Attr, sub: Attr, value: Json | undefined, label: string): void {
  const v = simple(sub, value, label);
  if (!attr.multiValued) {
    target[attr.name] = { ...(isObject(target[attr.name]) ? (target[attr.name] as JsonObject) : {}), [sub.name]: v };
    return;
  }
  const list = Array.isArray(target[attr.name]) ? (target[attr.name] as Json[]).filter(isObject) : [];
  if (list.length === 0 && op === 'replace') throw badRequest('noTarget', `${label}: ${attr.name} has no values to replace ${sub.name} in.`);
  target[attr.name] = list.length ? list.map((e) => ({ ...e, [sub.name]: v })) : [{ [sub.name]: v }];
}

/** `attr[filter]` and `attr[filter].sub` for add and replace. */
function setFiltered(target: JsonObject, op: OpKind, attr: Attr, ref: AttributeReference, value: Json | undefined): void {
  const list = Array.isArray(target[attr.name]) ? [...(target[attr.name] as Json[])] : [];
  const matches = matcher(ref.filter!);
  const change = (e: JsonObject): JsonObject => (ref.sub ? { ...e, [ref.sub.name]: simple(ref.sub, value, ref.label) } : { ...e, ...element(attr, value, ref.label) });
  let matched = 0;
  const next = list.map((e) => (isObject(e) && matches(e) ? (matched++, change(e)) : e));
  if (matched === 0) {
    // Entra adds `emails[type eq "work"].value` to a user who has no work e-mail yet: the filter's eq terms describe
    // the new value. A replace (or a filter that describes no value) has nothing to act on: RFC 7644 noTarget.
    const seed = op === 'add' ? valueDescribedBy(ref.filter!) : null;
    if (seed === null) throw badRequest('noTarget', `${ref.label}: no value of ${attr.name} matches the filter.`);
    next.push(change(element(attr, seed, ref.label)));
  }
  target[attr.name] = next;
}

function removeFrom(container: JsonObject, attr: Attr, ref: AttributeReference, value: Json | undefined): void {
  const current = container[attr.name];
  if (ref.filter === null && ref.sub === null) {
    // remove with a value on a multi-valued attribute removes those values (e.g. Okta's members-style removal)
    if (attr.multiValued && Array.isArray(current) && value !== undefined && value !== null) {
      const gone = new Set((Array.isArray(value) ? value : [value]).map((v) => JSON.stringify(isObject(v) ? v.value : v)));
      const kept = current.filter((e) => !(isObject(e) && gone.has(JSON.stringify(e.value))));
      if (kept.length) container[attr.name] = kept;
      else delete container[attr.name];
      return;
    }
    delete container[attr.name];
    return;
  }
  const subName = ref.sub?.name;
  if (!attr.multiValued) {
    if (isObject(current) && subName) {
      const { [subName]: _removed, ...rest } = current;
      if (Object.keys(rest).length) container[attr.name] = rest;
      else delete container[attr.name];
    }
    return;
  }
  if (!Array.isArray(current)) return;
  const selected = ref.filter ? matcher(ref.filter) : () => true;
  // Removing what is already absent leaves the state the IdP asked for: a no-op, not an error (as for group members).
  const next = subName
    ? current.map((e) => {
        if (!isObject(e) || !selected(e)) return e;
        const { [subName]: _removed, ...rest } = e;
        return rest;
      })
    : current.filter((e) => !(isObject(e) && selected(e)));
  if (next.length) container[attr.name] = next;
  else delete container[attr.name];
}

/** One value of a complex attribute: an object whose known sub-attribute keys take the schema's spelling, nulls dropped. */
function element(attr: Attr, value: Json | undefined, label: string): JsonObject {
  if (!attr.subAttributes) return { value: simple(attr, value, label) };
  if (!isObject(value)) throw badRequest('invalidValue', `${label} must be an object of ${attr.name}'s sub-attributes, not ${quoted(attr, value)}.`);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => {
        const sub = subAttribute(attr, k);
        if (sub?.mutability === 'readOnly' && attr.name !== 'members') throw badRequest('mutability', `${label}.${sub.name} is read-only: the server assigns it.`);
        return sub ? [sub.name, simple(sub, v, `${label}.${sub.name}`)] : [k, v];
      }),
  );
}

/** What an error may quote of a refused value: never one of a write-only attribute (a password), since error answers
 *  are logged and a mistyped password is still a password. */
const quoted = (attr: Attr, value: Json | undefined): string =>
  attr.mutability === 'writeOnly' || attr.returned === 'never' ? `a ${Array.isArray(value) ? 'list' : value === null || value === undefined ? 'null' : typeof value}` : JSON.stringify(value ?? null).slice(0, 60);

/** A single non-complex value, checked against the attribute's type. Booleans also as Entra's "True"/"False". */
function simple(attr: Attr, value: Json | undefined, label: string): Json {
  if (attr.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    throw badRequest('invalidValue', `${label} must be a boolean (true or false), got ${quoted(attr, value)}.`);
  }
  if (attr.type === 'complex') throw badRequest('invalidPath', `${label} is complex: name one of its sub-attributes.`);
  // a number is kept as sent, as a POST keeps it (IdPs map numeric source attributes, e.g. employeeNumber)
  if (typeof value !== 'string' && typeof value !== 'number') throw badRequest('invalidValue', `${label} must be a string, got ${quoted(attr, value)}.`);
  return value;
}

const matcher = (f: Filter): ((e: JsonObject) => boolean) => valueMatcher(f) as (e: JsonObject) => boolean;

/** The value an `eq`/`and` filter describes (`type eq "work"` → {type: "work"}), or null for any other filter. */
function valueDescribedBy(f: Filter): JsonObject | null {
  if (f.op === 'eq' && 'attrPath' in f && /^[A-Za-z$][\w$-]*$/.test(f.attrPath) && f.compValue !== null) return { [f.attrPath]: f.compValue as Json };
  if (f.op !== 'and' || !('filters' in f)) return null;
  const parts = f.filters.map(valueDescribedBy);
  // fromEntries defines own properties; Object.assign would run a "__proto__" setter
  return parts.every((p) => p !== null) ? Object.fromEntries(parts.flatMap((p) => Object.entries(p!))) : null;
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

/** Splits a group PATCH: membership operations become row changes for the core, in request order (never loading
 *  a 50,000-member group); everything else is applied to the group document. Member references are resolved like
 *  every other reference (so `urn:…:Group:members` works too). */
export function splitGroupPatch(ops: PatchOperation[]): { documentOps: PatchOperation[]; memberSteps: MemberChange[] } {
  const memberSteps: MemberChange[] = [];
  const documentOps: PatchOperation[] = [];
  for (const op of ops) {
    if (op.path === undefined) {
      // Okta's rename: {"op":"replace","value":{"id":"…","displayName":"…"}}; members may ride along in the value.
      const rest: [string, Json][] = [];
      for (const [key, value] of Object.entries(op.value as JsonObject)) {
        const ref = key.toLowerCase() === 'schemas' ? null : resolveReference(key, 'Group');
        if (ref?.attr?.name === 'members') memberSteps.push(memberStep(op.op, ref, value));
        else rest.push([key, value]);
      }
      if (rest.length) documentOps.push({ ...op, value: Object.fromEntries(rest) });
      continue;
    }
    const ref = resolveReference(op.path, 'Group');
    if (ref.attr?.name === 'members') memberSteps.push(memberStep(op.op, ref, op.value));
    else documentOps.push(op);
  }
  return { documentOps, memberSteps };
}

function memberStep(op: OpKind, ref: AttributeReference, value: Json | undefined): MemberChange {
  // every sub-attribute of a member is immutable or read-only (/Schemas): a member is added or removed whole
  if (ref.sub !== null) throw badRequest('mutability', `${ref.label} is ${ref.sub.mutability === 'readOnly' ? 'read-only' : 'immutable'}: add or remove the member instead.`);
  if (ref.filter !== null) {
    const f = ref.filter;
    if (op !== 'remove' || f.op !== 'eq' || !('attrPath' in f) || f.attrPath.toLowerCase() !== 'value' || typeof f.compValue !== 'string') {
      throw badRequest('invalidPath', `Unsupported members path "${ref.label}". Use members, or members[value eq "<id>"] with remove.`);
    }
    return { remove: [f.compValue] };
  }
  if (op === 'remove') return value === undefined || value === null ? { set: [] } : { remove: memberIds(value) };
  return op === 'replace' ? { set: memberIds(value) } : { add: memberIds(value) };
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
