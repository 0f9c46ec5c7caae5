import { badRequest } from './errors';
import { ENTERPRISE_ATTRIBUTE_NAMES, GROUP_ATTRIBUTE_NAMES, USER_ATTRIBUTE_NAMES } from './discovery';
import { ENTERPRISE_SCHEMA } from './schema-urns';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const canonical = (names: string[]) => new Map(names.map((n) => [n.toLowerCase(), n]));
const USER_NAMES = canonical(USER_ATTRIBUTE_NAMES);
const GROUP_NAMES = canonical(GROUP_ATTRIBUTE_NAMES);
const ENTERPRISE_NAMES = canonical(ENTERPRISE_ATTRIBUTE_NAMES);

/** Never stored from a request: server-assigned or derived. */
const READ_ONLY = new Set(['id', 'meta', 'schemas', 'groups', 'password']);

/** Attribute names are case-insensitive in SCIM (RFC 7643 §2.1): store them as the schema spells them, drop nulls
 *  (Entra sends `null` for unset attributes) and read-only attributes that clients echo back (Okta sends id, meta, groups). */
export function normalizeDocument(body: JsonObject, resource: 'User' | 'Group'): JsonObject {
  const names = resource === 'User' ? USER_NAMES : GROUP_NAMES;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null) continue;
    const lower = key.toLowerCase();
    if (lower === ENTERPRISE_SCHEMA.toLowerCase() && resource === 'User') {
      if (!isObject(value)) throw badRequest('invalidValue', `${ENTERPRISE_SCHEMA} must be an object.`);
      const enterprise = normalizeKeys(value, ENTERPRISE_NAMES);
      // manager is single-valued (RFC 7643 §4.3); Entra adds it as an array of one {"$ref": null, "value": …}
      const manager = enterprise.manager;
      if (Array.isArray(manager) && manager.length === 1 && isObject(manager[0])) enterprise.manager = dropNulls(manager[0]);
      out[ENTERPRISE_SCHEMA] = enterprise;
      continue;
    }
    const name = names.get(lower);
    // attributes outside the served schemas are ignored (RFC 7644 §3.3, §3.5.1), so /Schemas stays exact
    if (name === undefined || READ_ONLY.has(name)) continue;
    out[name] = isObject(value) ? dropNulls(value) : Array.isArray(value) ? value.map(primaryAsBoolean) : value;
  }
  return out;
}

/** A multi-valued attribute's element with Entra's "True"/"False" string for primary made the boolean the schema says. */
function primaryAsBoolean(element: Json): Json {
  if (!isObject(element)) return element;
  const key = Object.keys(element).find((k) => k.toLowerCase() === 'primary');
  const v = key === undefined ? undefined : element[key];
  return key !== undefined && typeof v === 'string' && /^(true|false)$/i.test(v) ? { ...element, [key]: v.toLowerCase() === 'true' } : element;
}

function normalizeKeys(obj: JsonObject, names: Map<string, string>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) {
    const name = names.get(key.toLowerCase());
    if (value !== null && name !== undefined) out[name] = value;
  }
  return out;
}

function dropNulls(obj: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null));
}

/** Entra sends booleans as the strings "True"/"False"; SCIM wants booleans. */
export function toBoolean(value: Json | undefined, attribute: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw badRequest('invalidValue', `${attribute} must be a boolean (true or false), got ${JSON.stringify(value).slice(0, 60)}.`);
}

export function optionalString(value: Json | undefined, attribute: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badRequest('invalidValue', `${attribute} must be a string.`);
  return value === '' ? null : value;
}
