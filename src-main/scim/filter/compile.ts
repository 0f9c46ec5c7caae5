import type { Compare, Filter } from 'scim2-parse-filter';
import { lookupAttributes, resolveAttribute, resolveValuePath, type Collection, type FilterResource, type Operand, type Target } from './attributes';
import { ScimFilterError } from './errors';
import { FILTER_LIMITS, parseFilter, type CompValue } from './parse';

export interface CompiledFilter {
  /** a boolean SQL expression over alias u (users) or g (groups), for WHERE (...) */
  sql: string;
  params: (string | number)[];
  /**
   * Served by an index: SQLite starts from index lookups (eq on an indexed attribute, see attributes.ts) and
   * nothing in the filter can make a single row slow (no co/sw/ew, whose LIKE costs the value's length times the
   * pattern's). The one place that decides whether a search may run on the serving thread.
   */
  indexed: boolean;
  /** Comparisons that no index serves (at most FILTER_LIMITS.maxUnindexedComparisons). */
  unindexedComparisons: number;
}

/** A compiled condition and what it costs. */
interface Sql {
  sql: string;
  params: (string | number)[];
  /** as a whole WHERE clause, index lookups start it: SQLite reaches its rows through an index, not by a scan */
  lookup: boolean;
  /** a single term an index starts from, also inside an `and` (an `or` of lookups is one only on its own) */
  term: boolean;
  /** a term SQLite's multi-index OR can use: not one compared with an explicit COLLATE, which makes it scan */
  orTerm: boolean;
  /** comparisons evaluated row by row: the ones besides the lookups, or all of them when no lookup starts it */
  unindexed: number;
  comparisons: number;
  /** holds a co/sw/ew comparison */
  substring: boolean;
}

/** A single comparison's cost. */
const leaf = (sql: string, params: (string | number)[], lookup = false, substring = false, orTerm = false): Sql => ({
  sql,
  params,
  lookup,
  term: lookup,
  orTerm,
  unindexed: lookup ? 0 : 1,
  comparisons: 1,
  substring,
});

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
  let compiled: Sql;
  try {
    compiled = compileNode(ast, topLevel(resource));
  } catch (e) {
    if (e instanceof ScimFilterError) throw e;
    // Callers rely on "CompiledFilter or ScimFilterError"; keep the cause for whoever debugs it.
    throw Object.assign(new ScimFilterError('Internal error while compiling the filter'), { cause: e });
  }
  const { sql, params, lookup, unindexed, substring } = compiled;
  if (unindexed > FILTER_LIMITS.maxUnindexedComparisons) {
    throw new ScimFilterError(
      `The filter has ${unindexed} comparisons that no index serves, over the limit of ${FILTER_LIMITS.maxUnindexedComparisons}. ` +
        `Index lookups are eq on ${lookupAttributes(resource).join(', ')}; joined to one of them with "and", the other comparisons count, ` +
        'otherwise every comparison does.',
    );
  }
  return { sql, params, indexed: lookup && !substring, unindexedComparisons: unindexed };
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
      return both(f.filters.map((c) => compileNode(c, scope)));
    case 'or':
      return either(f.filters.map((c) => compileNode(c, scope)));
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
    // the element query is a query of its own, started from an index or not; outside it is one IN (...) term
    return { ...inner, sql: c.wrap(inner.sql), term: inner.lookup, orTerm: inner.lookup };
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
  if (target.kind === 'single') return leaf(present(target.operand), []);
  const { sub } = target;
  return inCollection(target.collection, path, (c) => {
    if (sub === undefined) return leaf(c.present, []);
    const operand = c.element(sub);
    if (!operand) throw new NotInTable(sub);
    return leaf(present(operand), []);
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
      if (op === 'eq') return leaf(`${operand.sql} = ?${collate}`, [s], operand.lookup === true, false, operand.lookup === true && operand.caseExact);
      if (op in ORDER_SQL) return leaf(`${operand.sql} ${ORDER_SQL[op as Ordering]} ?${collate}`, [s]);
      return operand.caseExact
        ? leaf(`${operand.sql} GLOB ?`, [substringPattern(op as Substring, s, escapeGlob, '*')], false, true)
        : leaf(`${operand.sql} LIKE ? ${LIKE_ESCAPE}`, [substringPattern(op as Substring, s, escapeLike, '%')], false, true);
    }
    case 'boolean': {
      const b = booleanValue(value);
      if (op !== 'eq' || b === undefined) throw new ScimFilterError(`"${path}" is a boolean: use eq, ne or pr with true or false`);
      return leaf(`${operand.sql} = ${b ? operand.whenTrue : operand.whenFalse}`, []);
    }
    case 'dateTime': {
      if (op !== 'eq' && !(op in ORDER_SQL)) throw new ScimFilterError(`"${path}" is a date-time: use eq, ne, gt, ge, lt, le or pr`);
      const sqlOp = op === 'eq' ? '=' : ORDER_SQL[op as Ordering];
      return leaf(`${operand.sql} ${sqlOp} ?`, [isoDate(value, path)]);
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
    return leaf(`(${o.type} = '${word}' OR (${isText} AND ${o.value} = '${word}' COLLATE NOCASE))`, []);
  }
  if (typeof value === 'number' && (op === 'eq' || op in ORDER_SQL)) {
    const sqlOp = op === 'eq' ? '=' : ORDER_SQL[op as Ordering];
    if (op !== 'eq') return leaf(`(${isNumber} AND ${o.value} ${sqlOp} ?)`, [value]);
    // an unquoted number may also mean a string of digits (employeeNumber eq 12345)
    return leaf(`((${isNumber} AND ${o.value} = ?) OR (${isText} AND ${o.value} = ?))`, [value, String(value)]);
  }
  const s = String(value);
  if (op === 'eq') return leaf(`(${isText} AND ${o.value} = ? COLLATE NOCASE)`, [s]);
  if (op in ORDER_SQL) return leaf(`(${isText} AND ${o.value} ${ORDER_SQL[op as Ordering]} ? COLLATE NOCASE)`, [s]);
  return leaf(`(${isText} AND ${o.value} LIKE ? ${LIKE_ESCAPE})`, [substringPattern(op as Substring, s, escapeLike, '%')], false, true);
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
  // a complement is found by looking at every row: no index starts it
  return { ...s, sql: `(${s.sql}) IS NOT TRUE`, lookup: false, term: false, orTerm: false, unindexed: s.comparisons };
}

/**
 * `and`: SQLite starts from one lookup term and tests the other parts on the rows it found. (Measured with the
 * query plans in cost.test.ts: with an `or` of lookups beside other conditions, the planner may scan instead.)
 */
function both(parts: Sql[]): Sql {
  const lookup = parts.some((p) => p.term);
  const unindexed = lookup ? parts.reduce((n, p) => n + (p.term ? p.unindexed : p.comparisons), 0) : sum(parts, 'comparisons');
  return { ...group(parts, ' AND '), lookup, term: false, orTerm: false, unindexed };
}

/**
 * `or`: index lookups only when every branch is a single term SQLite's multi-index OR can use. When a branch is an
 * `and`, or a case-insensitive comparison (`= ? COLLATE NOCASE`), the planner scans the table instead.
 */
function either(parts: Sql[]): Sql {
  const lookup = parts.every((p) => p.orTerm);
  return { ...group(parts, ' OR '), lookup, term: false, orTerm: false, unindexed: lookup ? sum(parts, 'unindexed') : sum(parts, 'comparisons') };
}

function group(parts: Sql[], separator: string): Omit<Sql, 'lookup' | 'term' | 'orTerm' | 'unindexed'> {
  return {
    sql: `(${parts.map((p) => p.sql).join(separator)})`,
    params: parts.flatMap((p) => p.params),
    comparisons: sum(parts, 'comparisons'),
    substring: parts.some((p) => p.substring),
  };
}

const sum = (parts: Sql[], key: 'unindexed' | 'comparisons') => parts.reduce((n, p) => n + p[key], 0);

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
