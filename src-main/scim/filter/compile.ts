import type { Compare, Filter } from 'scim2-parse-filter';
import { resolveAttribute, resolveValuePath, type Collection, type FilterResource, type Operand, type Target } from './attributes';
import { ScimFilterError } from './errors';
import { parseFilter, type CompValue } from './parse';

export interface CompiledFilter {
  /** a boolean SQL expression over alias u (users) or g (groups), for WHERE (...) */
  sql: string;
  params: (string | number)[];
}

interface Sql {
  sql: string;
  params: (string | number)[];
}

type Ordering = 'gt' | 'ge' | 'lt' | 'le';
type Substring = 'co' | 'sw' | 'ew';
type PositiveOp = 'eq' | Ordering | Substring;

const ORDER_SQL: Record<Ordering, string> = { gt: '>', ge: '>=', lt: '<', le: '<=' };
const LIKE_ESCAPE = "ESCAPE '\\'";

/** Raised when a value filter names a sub-attribute the table does not hold: retry on the JSON copy. */
class NotInTable extends Error {}

/**
 * Compiles a SCIM filter (RFC 7644 §3.4.2.2) into parameterised SQL. Values only ever travel as
 * `?` parameters. Throws ScimFilterError for anything it cannot compile, and nothing else.
 *
 * Semantics chosen where the RFC leaves room:
 * - `not F` and `a ne v` are exact complements of `F` and `a eq v`: a resource without the attribute
 *   matches `ne`, and for a multi-valued attribute `emails.value ne v` means no e-mail equals v.
 * - `a eq null` means absent (RFC 7643 §2.5: null, unassigned and empty are the same); `a ne null` means `a pr`.
 * - `pr` is false for null, "", [] and {}.
 * - Strings compare case-insensitively unless the attribute is caseExact (id, externalId, member and
 *   group ids); co/sw/ew use LIKE (GLOB when caseExact) with % _ \ (* ? [) escaped.
 * - Booleans accept true/false and the strings "true"/"false" in any case; only eq, ne and pr.
 * - meta.created / meta.lastModified take any date-time Date can read (no zone means UTC) and compare
 *   chronologically.
 */
export function compileFilter(filter: string, resource: FilterResource): CompiledFilter {
  if (resource !== 'User' && resource !== 'Group') throw new ScimFilterError(`Unknown resource type "${String(resource)}"`);
  const ast = parseFilter(filter);
  try {
    const { sql, params } = compileNode(ast, topLevel(resource));
    return { sql, params };
  } catch (e) {
    if (e instanceof ScimFilterError) throw e;
    // Callers rely on "CompiledFilter or ScimFilterError"; keep the cause for whoever debugs it.
    throw Object.assign(new ScimFilterError('Internal error while compiling the filter'), { cause: e });
  }
}

interface Scope {
  resolve(path: string): Target;
  resource: FilterResource;
  inElement: boolean;
}

const topLevel = (resource: FilterResource): Scope => ({
  resource,
  inElement: false,
  resolve: (path) => resolveAttribute(path, resource),
});

const elementOf = (collection: Collection, resource: FilterResource): Scope => ({
  resource,
  inElement: true,
  resolve: (sub) => {
    const operand = collection.element(sub);
    if (!operand) throw new NotInTable(sub);
    return { kind: 'single', operand };
  },
});

function compileNode(f: Filter, scope: Scope): Sql {
  switch (f.op) {
    case 'and':
    case 'or':
      return group(f.filters.map((c) => compileNode(c, scope)), f.op === 'and' ? ' AND ' : ' OR ');
    case 'not':
      return notTrue(compileNode(f.filter, scope));
    case '[]': {
      if (scope.inElement) throw new ScimFilterError(`A value filter cannot be nested in another ("${f.attrPath}[...]")`);
      const collection = resolveValuePath(f.attrPath, scope.resource);
      return inCollection(collection, f.attrPath, (c) => compileNode(f.valFilter, elementOf(c, scope.resource)));
    }
    case 'pr':
      return presence(scope.resolve(f.attrPath), f.attrPath);
    default:
      return comparison(scope.resolve(f.attrPath), f.op, f.compValue, f.attrPath);
  }
}

/** Runs build on the table, or on its JSON copy when it names a sub-attribute the table lacks; wraps the result. */
function inCollection(collection: Collection, path: string, build: (c: Collection) => Sql): Sql {
  const attempt = (c: Collection): Sql => {
    const inner = build(c);
    return { sql: c.wrap(inner.sql), params: inner.params };
  };
  try {
    return attempt(collection);
  } catch (e) {
    if (!(e instanceof NotInTable)) throw e;
    if (collection.fallback) return attempt(collection.fallback);
    throw new ScimFilterError(`"${path}": the sub-attribute "${e.message}" cannot be used in a filter`);
  }
}

function presence(target: Target, path: string): Sql {
  if (target.kind === 'single') return { sql: present(target.operand), params: [] };
  const { sub } = target;
  return inCollection(target.collection, path, (c) => {
    if (sub === undefined) return { sql: c.present, params: [] };
    const operand = c.element(sub);
    if (!operand) throw new NotInTable(sub);
    return { sql: present(operand), params: [] };
  });
}

function comparison(target: Target, op: Compare['op'], value: CompValue, path: string): Sql {
  if (op === 'ne') return value === null ? presence(target, path) : notTrue(comparison(target, 'eq', value, path));
  if (value === null) {
    if (op === 'eq') return notTrue(presence(target, path));
    throw new ScimFilterError(`"${path} ${op} null": null only goes with eq and ne`);
  }
  if (target.kind === 'single') return compare(target.operand, op, value, path);
  const { sub } = target;
  return inCollection(target.collection, path, (c) => {
    const operand = c.element(sub ?? 'value');
    if (!operand) throw new NotInTable(sub ?? 'value');
    return compare(operand, op, value, path);
  });
}

function compare(operand: Operand, op: PositiveOp, value: string | number | boolean, path: string): Sql {
  switch (operand.kind) {
    case 'text': {
      if (typeof value === 'boolean') throw new ScimFilterError(`"${path}" is a string attribute: compare it with a string, not ${value}`);
      const s = String(value); // an unquoted number sent for a text attribute (externalId eq 12345) means its digits
      const collate = operand.caseExact ? '' : ' COLLATE NOCASE';
      if (op === 'eq') return { sql: `${operand.sql} = ?${collate}`, params: [s] };
      if (op in ORDER_SQL) return { sql: `${operand.sql} ${ORDER_SQL[op as Ordering]} ?${collate}`, params: [s] };
      return operand.caseExact
        ? { sql: `${operand.sql} GLOB ?`, params: [substringPattern(op as Substring, s, escapeGlob, '*')] }
        : { sql: `${operand.sql} LIKE ? ${LIKE_ESCAPE}`, params: [substringPattern(op as Substring, s, escapeLike, '%')] };
    }
    case 'boolean': {
      const b = booleanValue(value);
      if (op !== 'eq' || b === undefined) throw new ScimFilterError(`"${path}" is a boolean: use eq, ne or pr with true or false`);
      return { sql: `${operand.sql} = ${b ? operand.whenTrue : operand.whenFalse}`, params: [] };
    }
    case 'dateTime': {
      if (op !== 'eq' && !(op in ORDER_SQL)) throw new ScimFilterError(`"${path}" is a date-time: use eq, ne, gt, ge, lt, le or pr`);
      const sqlOp = op === 'eq' ? '=' : ORDER_SQL[op as Ordering];
      return { sql: `${operand.sql} ${sqlOp} ?`, params: [isoDate(value, path)] };
    }
    case 'json':
      return compareJson(operand, op, value, path);
  }
}

/** JSON values keep their JSON type: strings compare case-insensitively with strings, numbers with numbers. */
function compareJson(o: Extract<Operand, { kind: 'json' }>, op: PositiveOp, value: string | number | boolean, path: string): Sql {
  const isText = `${o.type} = 'text'`;
  const isNumber = `${o.type} IN ('integer', 'real')`;
  if (typeof value === 'boolean') {
    if (op !== 'eq') throw new ScimFilterError(`"${path} ${op} ${value}": booleans only go with eq and ne`);
    const word = value ? 'true' : 'false';
    return { sql: `(${o.type} = '${word}' OR (${isText} AND ${o.value} = '${word}' COLLATE NOCASE))`, params: [] };
  }
  if (typeof value === 'number' && (op === 'eq' || op in ORDER_SQL)) {
    const sqlOp = op === 'eq' ? '=' : ORDER_SQL[op as Ordering];
    if (op !== 'eq') return { sql: `(${isNumber} AND ${o.value} ${sqlOp} ?)`, params: [value] };
    // an unquoted number may also mean a string of digits (employeeNumber eq 12345)
    return { sql: `((${isNumber} AND ${o.value} = ?) OR (${isText} AND ${o.value} = ?))`, params: [value, String(value)] };
  }
  const s = String(value);
  if (op === 'eq') return { sql: `(${isText} AND ${o.value} = ? COLLATE NOCASE)`, params: [s] };
  if (op in ORDER_SQL) return { sql: `(${isText} AND ${o.value} ${ORDER_SQL[op as Ordering]} ? COLLATE NOCASE)`, params: [s] };
  return { sql: `(${isText} AND ${o.value} LIKE ? ${LIKE_ESCAPE})`, params: [substringPattern(op as Substring, s, escapeLike, '%')] };
}

function present(o: Operand): string {
  switch (o.kind) {
    case 'text':
      return `(${o.sql} IS NOT NULL AND ${o.sql} <> '')`;
    case 'boolean':
    case 'dateTime':
      return `${o.sql} IS NOT NULL`;
    case 'json':
      return (
        `(${o.type} IN ('integer', 'real', 'true', 'false') OR (${o.type} = 'text' AND ${o.value} <> '')` +
        ` OR (${o.type} IN ('array', 'object') AND ${o.value} NOT IN ('[]', '{}')))`
      );
  }
}

/** SQL's NOT keeps NULL (absent) as NULL; IS NOT TRUE turns "unknown" into a match, making not/ne exact complements. */
function notTrue(s: Sql): Sql {
  return { sql: `(${s.sql}) IS NOT TRUE`, params: s.params };
}

function group(parts: Sql[], separator: string): Sql {
  return { sql: `(${parts.map((p) => p.sql).join(separator)})`, params: parts.flatMap((p) => p.params) };
}

function substringPattern(op: Substring, s: string, escape: (s: string) => string, any: string): string {
  const e = escape(s);
  return op === 'co' ? `${any}${e}${any}` : op === 'sw' ? `${e}${any}` : `${any}${e}`;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const escapeGlob = (s: string) => s.replace(/[*?[]/g, (c) => `[${c}]`);

function booleanValue(v: string | number | boolean): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

/** To the stored form (Date.toISOString), so that string order is time order. */
function isoDate(value: string | number | boolean, path: string): string {
  const bad = () => new ScimFilterError(`"${path}" needs a date-time such as "2026-01-31T12:00:00Z", not ${JSON.stringify(value)}`);
  // ISO 8601 / xsd:dateTime only: Date's fallback parser reads almost anything ("1" is 2001) in local time
  const m = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value.trim()) : null;
  if (!m) throw bad();
  // no zone: UTC, not this machine's local time
  const date = new Date(m[2] === undefined ? m[1]! : `${m[1]}T${m[2]}${m[3] ?? 'Z'}`);
  if (Number.isNaN(date.getTime())) throw bad();
  return date.toISOString();
}
