// The one place that turns what a PATCH names into an attribute of a served schema. Every form an IdP sends goes
// through here, for add, replace and remove alike: `attr`, `attr.sub`, `attr[filter]`, `attr[filter].sub`, each
// optionally behind its schema URN (`urn:…:User:attr.sub`), the bare extension URN (`urn:…:enterprise:2.0:User`),
// and the keys of a path-less value object (`{"name.givenName": …, "urn:…:User:department": …}`).
// It resolves against the definitions /Schemas serves (discovery.ts), so what the server accepts is what it describes.
import type { Filter } from 'scim2-parse-filter';
import { SCHEMA_ATTRIBUTES, type Attr } from './discovery';
import { badRequest } from './errors';
import { parseFilter } from './filter/parse';
import { ScimFilterError } from './filter/errors';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './schema-urns';

export type ResourceKind = 'User' | 'Group';

export interface AttributeReference {
  /** The schema the attribute belongs to; core attributes live at the top of the document, an extension's under its URN. */
  schema: string;
  /** null: the whole extension (a bare extension URN). */
  attr: Attr | null;
  filter: Filter | null;
  sub: Attr | null;
  /** How the reference is named in error details, e.g. `emails[type eq "work"].value`. */
  label: string;
}

const CORE_SCHEMA: Record<ResourceKind, string> = { User: USER_SCHEMA, Group: GROUP_SCHEMA };
const EXTENSIONS: Record<ResourceKind, string[]> = { User: [ENTERPRISE_SCHEMA], Group: [] };

/** Attributes every resource has but no schema lists (RFC 7643 §3): server-assigned, never written by a client. */
const readOnly = (name: string, o: Partial<Attr> = {}): Attr => ({
  name, type: 'string', multiValued: false, description: '', required: false, caseExact: false, mutability: 'readOnly', returned: 'default', uniqueness: 'none', ...o,
});
const COMMON_READ_ONLY: Attr[] = [
  readOnly('meta', { type: 'complex', subAttributes: ['resourceType', 'created', 'lastModified', 'location', 'version'].map((n) => readOnly(n)) }),
  readOnly('schemas', { multiValued: true }),
];

const byLowerName = (attrs: readonly Attr[]) => new Map(attrs.map((a) => [a.name.toLowerCase(), a]));
const ATTRIBUTES = new Map<string, Map<string, Attr>>(Object.entries(SCHEMA_ATTRIBUTES).map(([urn, attrs]) => [urn, byLowerName(attrs)]));
for (const urn of [USER_SCHEMA, GROUP_SCHEMA]) for (const a of COMMON_READ_ONLY) ATTRIBUTES.get(urn)!.set(a.name, a);
const SUB_ATTRIBUTES = new Map<Attr, Map<string, Attr>>();
for (const attrs of ATTRIBUTES.values()) for (const a of attrs.values()) if (a.subAttributes) SUB_ATTRIBUTES.set(a, byLowerName(a.subAttributes));

/** A sub-attribute of a complex attribute by its name in any case, or undefined. */
export const subAttribute = (attr: Attr, name: string): Attr | undefined => SUB_ATTRIBUTES.get(attr)?.get(name.toLowerCase());

// name, then an optional [filter] (greedy: a quoted "]" inside it is fine), then an optional .sub
const ATTRIBUTE_PATH = /^([A-Za-z$][\w$-]*)(?:\[(.*)\])?(?:\.([A-Za-z$][\w$-]*))?$/s;

/** Resolves a path or a value key; an unknown schema or attribute, or a malformed path, is 400 invalidPath naming it. */
export function resolveReference(reference: string, resource: ResourceKind): AttributeReference {
  const { schema, rest } = splitSchema(reference.trim(), resource);
  if (rest === '') {
    if (schema === CORE_SCHEMA[resource]) throw badRequest('invalidPath', `"${reference}" names the whole core schema; name one of its attributes.`);
    return { schema, attr: null, filter: null, sub: null, label: schema };
  }
  const match = ATTRIBUTE_PATH.exec(rest);
  if (!match) throw badRequest('invalidPath', `"${reference}" is not an attribute path (attr, attr.sub, attr[filter] or attr[filter].sub).`);
  const [, name, filterText, subName] = match as unknown as [string, string, string | undefined, string | undefined];
  const attr = ATTRIBUTES.get(schema)!.get(name.toLowerCase());
  if (!attr) throw badRequest('invalidPath', `"${name}" is not an attribute of ${schema} (see /Schemas).`);
  let filter: Filter | null = null;
  if (filterText !== undefined) {
    if (!attr.multiValued || !attr.subAttributes) throw badRequest('invalidPath', `${attr.name} is not multi-valued: a [filter] cannot select its values.`);
    filter = parseValueFilter(filterText, attr.name);
  }
  let sub: Attr | null = null;
  if (subName !== undefined) {
    const found = subAttribute(attr, subName);
    if (!found) throw badRequest('invalidPath', `"${subName}" is not a sub-attribute of ${attr.name} (see /Schemas).`);
    sub = found;
  }
  const label = `${schema === CORE_SCHEMA[resource] ? '' : `${schema}:`}${attr.name}${filterText !== undefined ? `[${filterText}]` : ''}${sub ? `.${sub.name}` : ''}`;
  return { schema, attr, filter, sub, label };
}

/** `urn:…:User:attr` → that schema and `attr`; a path without a URN belongs to the core schema. */
function splitSchema(reference: string, resource: ResourceKind): { schema: string; rest: string } {
  if (!/^urn:/i.test(reference)) return { schema: CORE_SCHEMA[resource], rest: reference };
  const lower = reference.toLowerCase();
  for (const schema of [CORE_SCHEMA[resource], ...EXTENSIONS[resource]]) {
    const urn = schema.toLowerCase();
    if (lower === urn) return { schema, rest: '' };
    if (lower.startsWith(`${urn}:`)) return { schema, rest: reference.slice(urn.length + 1) };
  }
  throw badRequest('invalidPath', `"${reference}" is not in a schema of ${resource} (${[CORE_SCHEMA[resource], ...EXTENSIONS[resource]].join(', ')}).`);
}

function parseValueFilter(text: string, attrName: string): Filter {
  try {
    return parseFilter(text);
  } catch (e) {
    const why = e instanceof ScimFilterError ? e.message : 'it could not be parsed';
    throw badRequest('invalidFilter', `The filter in ${attrName}[${text}] is not valid: ${why}`);
  }
}
