import { ScimFilterError } from './errors';

export type FilterResource = 'User' | 'Group';

/** Where an attribute's value lives, as SQL over the alias u (users) or g (groups). */
export type Operand =
  /** `lookup`: an index answers `eq` on it (see the indexes in core/store/migrations.ts) */
  | { kind: 'text'; sql: string; caseExact: boolean; lookup?: true }
  /** stored as one of two SQL literals */
  | { kind: 'boolean'; sql: string; whenTrue: string; whenFalse: string }
  /** stored as Date.toISOString(), so ISO strings compare chronologically */
  | { kind: 'dateTime'; sql: string }
  /** a value inside the scim JSON column: its SQL value and its json_type() */
  | { kind: 'json'; value: string; type: string };

/** A multi-valued (or complex) attribute: a condition on one element, wrapped to "some element matches". */
export interface Collection {
  wrap(elementCondition: string): string;
  /** the operand of a sub-attribute of the element; undefined when this storage does not hold it */
  element(sub: string): Operand | undefined;
  /** "the element exists", for `attr pr` */
  present: string;
  /** the same attribute read from the scim JSON, for sub-attributes the table does not hold */
  fallback?: Collection;
}

export type Target =
  | { kind: 'single'; operand: Operand }
  | { kind: 'multi'; collection: Collection; sub?: string };

const CORE = { User: 'urn:ietf:params:scim:schemas:core:2.0:User', Group: 'urn:ietf:params:scim:schemas:core:2.0:Group' } as const;
const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

interface AttrDef {
  name: string;
  multi?: boolean;
  subs?: readonly string[];
}

// Canonical spellings (RFC 7643 §4, §8.7): attribute names are case-insensitive, JSON keys are not,
// so a filter's "TITLE" must become the "title" key the IdP sent.
const MULTI_SUBS = ['value', 'display', 'type', 'primary', '$ref'];
const COMMON: AttrDef[] = [
  { name: 'id' },
  { name: 'externalId' },
  { name: 'meta', subs: ['resourceType', 'created', 'lastModified', 'location', 'version'] },
  { name: 'schemas', multi: true },
];
const DEFS: Record<FilterResource | 'enterprise', AttrDef[]> = {
  User: [
    ...COMMON,
    { name: 'userName' },
    { name: 'name', subs: ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'] },
    ...['displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone', 'active', 'password'].map((name) => ({ name })),
    ...['emails', 'phoneNumbers', 'ims', 'photos', 'groups', 'entitlements', 'roles', 'x509Certificates'].map((name) => ({ name, multi: true, subs: MULTI_SUBS })),
    { name: 'addresses', multi: true, subs: ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type', 'primary'] },
  ],
  Group: [...COMMON, { name: 'displayName' }, { name: 'members', multi: true, subs: ['value', '$ref', 'type', 'display'] }],
  enterprise: [
    ...['employeeNumber', 'costCenter', 'organization', 'division', 'department'].map((name) => ({ name })),
    { name: 'manager', subs: ['value', '$ref', 'displayName'] },
  ],
};

// Maps, not object lookups: a filter may name "constructor" or "__proto__".
function entries<T>(record: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(record));
}
function elements(record: Record<string, Operand>): (sub: string) => Operand | undefined {
  const bySub = new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
  return (sub) => bySub.get(sub.toLowerCase());
}

const text = (sql: string, caseExact: boolean): Operand => ({ kind: 'text', sql, caseExact });
/** A column that an index serves for `eq`: a filter that starts from one never scans the table. */
const indexed = (sql: string, caseExact: boolean): Operand => ({ kind: 'text', sql, caseExact, lookup: true });
const dateTime = (sql: string): Operand => ({ kind: 'dateTime', sql });

/** Attributes with their own indexed columns. caseExact follows RFC 7643; NOCASE does the rest. */
const COLUMNS: Record<FilterResource, Map<string, Operand>> = {
  User: entries({
    id: indexed('u.id', true),
    externalId: indexed('u.external_id', true),
    userName: indexed('u.user_name', false),
    displayName: indexed('u.display_name', false),
    'name.givenName': text('u.first_name', false),
    'name.familyName': text('u.last_name', false),
    active: { kind: 'boolean', sql: 'u.status', whenTrue: "'Enabled'", whenFalse: "'Disabled'" },
    'meta.created': dateTime('u.created_at'),
    'meta.lastModified': dateTime('u.updated_at'),
    'meta.resourceType': text("'User'", true),
  }),
  Group: entries({
    id: indexed('g.id', true),
    externalId: indexed('g.external_id', true),
    displayName: indexed('g.name', false),
    'meta.created': dateTime('g.created_at'),
    'meta.lastModified': dateTime('g.updated_at'),
    'meta.resourceType': text("'Group'", true),
  }),
};

/** Multi-valued attributes kept as rows. `x IN (subquery)` lets SQLite start from the subquery's index. */
const TABLES: Record<FilterResource, Map<string, Collection>> = {
  User: entries({
    emails: {
      wrap: (c) => `u.seq IN (SELECT ue.user_seq FROM user_emails ue WHERE ${c})`,
      element: elements({
        value: indexed('ue.value', false),
        type: text('ue.type', false),
        primary: { kind: 'boolean', sql: 'ue.is_primary', whenTrue: '1', whenFalse: '0' },
      }),
      present: "ue.value <> ''",
      fallback: jsonCollection('u.scim', jsonPath(['emails'])),
    },
    groups: {
      wrap: (c) => `u.seq IN (SELECT m.user_seq FROM memberships m JOIN groups mg ON mg.seq = m.group_seq WHERE ${c})`,
      element: elements({ value: indexed('mg.id', true), display: text('mg.name', false), type: text("'direct'", true) }),
      present: '1',
    },
  }),
  Group: entries({
    members: {
      wrap: (c) => `g.seq IN (SELECT m.group_seq FROM memberships m JOIN users mu ON mu.seq = m.user_seq WHERE ${c})`,
      element: elements({
        value: indexed('mu.id', true),
        // what a member's display shows: the display name, else the user name
        display: text("coalesce(nullif(mu.display_name, ''), mu.user_name)", false),
        type: text("'User'", true),
      }),
      present: '1',
    },
  }),
};

/** The attributes whose `eq` an index answers, as a filter names them: what a refusal tells the client. */
export function lookupAttributes(resource: FilterResource): string[] {
  const columns = [...COLUMNS[resource]].filter(([, o]) => o.kind === 'text' && o.lookup).map(([name]) => name);
  const tables = [...TABLES[resource]].filter(([, c]) => {
    const value = c.element('value');
    return value?.kind === 'text' && value.lookup;
  });
  return [...columns, ...tables.map(([name]) => `${name}.value`)];
}

interface Resolved {
  /** canonical attribute and sub-attribute names when known, else as written */
  attr: string;
  sub?: string;
  def?: AttrDef;
  /** core schema of the resource: the only one with columns */
  core: boolean;
  /** JSON path of the attribute (without sub) in the scim column */
  jsonBase: string[];
}

function split(path: string, resource: FilterResource): Resolved {
  const urn = /^(urn:.+):([^:]+)$/i.exec(path);
  const rest = urn ? urn[2]! : path;
  const parts = rest.split('.');
  if (parts.length > 2 || parts.some((p) => p === '')) throw new ScimFilterError(`Invalid attribute path "${path}"`);
  const [attrName, subName] = parts as [string, string | undefined];
  const schema = urn?.[1]!.toLowerCase();
  const other: FilterResource = resource === 'User' ? 'Group' : 'User';
  const find = (defs: AttrDef[]) => defs.find((d) => d.name.toLowerCase() === attrName.toLowerCase());

  let def: AttrDef | undefined;
  let core = true;
  let prefix: string[] = [];
  if (schema === undefined || schema === CORE[resource].toLowerCase()) {
    def = find(DEFS[resource]);
    // Unqualified enterprise names ("employeeNumber") are common in IdP mappings: resolve them too.
    if (!def && schema === undefined && resource === 'User' && find(DEFS.enterprise)) {
      def = find(DEFS.enterprise);
      core = false;
      prefix = [ENTERPRISE_USER];
    }
  } else if (schema === CORE[other].toLowerCase()) {
    throw new ScimFilterError(`"${path}" belongs to the ${other} schema, not to ${resource}`);
  } else if (schema === ENTERPRISE_USER.toLowerCase() && resource === 'User') {
    def = find(DEFS.enterprise);
    core = false;
    prefix = [ENTERPRISE_USER];
  } else {
    core = false;
    prefix = [urn![1]!];
  }
  const attr = def?.name ?? attrName;
  const sub = subName === undefined ? undefined : (def?.subs?.find((s) => s.toLowerCase() === subName.toLowerCase()) ?? subName);
  if (core && attr === 'password') throw new ScimFilterError('"password" cannot be used in a filter');
  return { attr, sub, def, core, jsonBase: [...prefix, attr] };
}

/** What a filter's attribute path means for this resource. */
export function resolveAttribute(path: string, resource: FilterResource): Target {
  const r = split(path, resource);
  const doc = scimColumn(resource);
  if (r.core) {
    const column = COLUMNS[resource].get(r.sub === undefined ? r.attr : `${r.attr}.${r.sub}`);
    if (column) return { kind: 'single', operand: column };
    const table = TABLES[resource].get(r.attr);
    if (table) return { kind: 'multi', collection: table, sub: r.sub };
  }
  // Everything else is read from the JSON copy of the resource: a scan, acceptable for rare attributes.
  if (r.def?.multi) return { kind: 'multi', collection: jsonCollection(doc, jsonPath(r.jsonBase), r.def), sub: r.sub };
  return { kind: 'single', operand: jsonOperand(doc, jsonPath(r.sub === undefined ? r.jsonBase : [...r.jsonBase, r.sub])) };
}

/** The elements an `attr[filter]` ranges over. */
export function resolveValuePath(path: string, resource: FilterResource): Collection {
  const r = split(path, resource);
  if (r.sub !== undefined) throw new ScimFilterError(`"${path}[...]": a value filter applies to an attribute, not to a sub-attribute`);
  const table = r.core ? TABLES[resource].get(r.attr) : undefined;
  if (table) return table;
  if (r.def && !r.def.multi && r.def.subs) {
    // complex single-valued (name, meta, manager): name[givenName eq "x"] is name.givenName eq "x"
    return {
      wrap: (c) => c,
      element: (sub) => {
        const t = resolveAttribute(`${r.core ? '' : `${r.jsonBase[0]}:`}${r.attr}.${sub}`, resource);
        return t.kind === 'single' ? t.operand : undefined;
      },
      present: '1',
    };
  }
  if (r.def && !r.def.multi) throw new ScimFilterError(`"${path}" is single-valued: it cannot take a [filter]`);
  return jsonCollection(scimColumn(resource), jsonPath(r.jsonBase), r.def);
}

const scimColumn = (resource: FilterResource) => (resource === 'User' ? 'u.scim' : 'g.scim');

/**
 * A JSON path as an SQL string literal. The names passed the attribute grammar (letters, digits, _ $ - . :),
 * so they can hold no quote; the escaping below is belt and braces.
 */
function jsonPath(keys: string[]): string {
  const path = '$' + keys.map((k) => `."${k.replace(/["\\]/g, '')}"`).join('');
  return `'${path.replace(/'/g, "''")}'`;
}

function jsonOperand(doc: string, path: string): Operand {
  return { kind: 'json', value: `json_extract(${doc}, ${path})`, type: `json_type(${doc}, ${path})` };
}

/**
 * Elements of a JSON array, one json_each row each (a scan over the users, acceptable for rare attributes).
 * json_extract on a non-object element would fail ("malformed JSON"), hence the CASE guards; a primitive
 * element (schemas, or an IdP sending ["a","b"]) is its own "value".
 */
function jsonCollection(doc: string, path: string, def?: AttrDef): Collection {
  return {
    wrap: (c) => `EXISTS (SELECT 1 FROM json_each(${doc}, ${path}) e WHERE ${c})`,
    element: (sub) => {
      const key = jsonPath([def?.subs?.find((s) => s.toLowerCase() === sub.toLowerCase()) ?? sub]);
      const primitive = sub.toLowerCase() === 'value';
      return {
        kind: 'json',
        value: `CASE WHEN e.type = 'object' THEN json_extract(e.value, ${key})${primitive ? ' ELSE e.value' : ''} END`,
        type: `CASE WHEN e.type = 'object' THEN json_type(e.value, ${key})${primitive ? ' ELSE e.type' : ''} END`,
      };
    },
    present: "e.type <> 'null'",
  };
}
