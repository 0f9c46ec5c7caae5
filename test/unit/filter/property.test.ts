import fc from 'fast-check';
import type { Filter } from 'scim2-parse-filter';
import { afterAll, describe, expect, it } from 'vitest';
import { compileFilter, parseFilter, printFilter, ScimFilterError, type FilterResource } from '../../../src-main/scim/filter';
import { tenant } from './fixture';

const db = tenant();
afterAll(() => db.close());

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const RESOURCES: FilterResource[] = ['User', 'Group'];

/** Compiles and runs the filter on the tenant; any failure other than a ScimFilterError fails the property. */
function compileAndRun(filter: string): void {
  for (const resource of RESOURCES) {
    let compiled;
    try {
      compiled = compileFilter(filter, resource);
    } catch (e) {
      expect(e).toBeInstanceOf(ScimFilterError);
      expect((e as Error).message).not.toMatch(/^Internal error/);
      continue;
    }
    const table = resource === 'User' ? 'users u' : 'groups g';
    expect(compiled.params.every((p) => typeof p === 'string' || typeof p === 'number')).toBe(true);
    db.prepare(`SELECT id FROM ${table} WHERE (${compiled.sql})`).all(...compiled.params);
  }
}

const name = fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$-]{0,8}$/).filter((n) => !/^(and|or|not)$/i.test(n));
const knownPath = fc.constantFrom(
  'userName', 'displayName', 'externalId', 'id', 'title', 'active', 'emails', 'emails.value', 'emails.type',
  'emails.primary', 'emails.display', 'name.givenName', 'name.familyName', 'meta.lastModified', 'meta.created',
  'meta.resourceType', 'phoneNumbers', 'phoneNumbers.value', 'members', 'members.value', 'members.display', 'members.type',
  'groups.value', 'schemas', 'addresses.locality', `${ENTERPRISE}:employeeNumber`, `${ENTERPRISE}:manager.value`,
  'urn:ietf:params:scim:schemas:core:2.0:User:userName', 'urn:ietf:params:scim:schemas:core:2.0:Group:displayName',
  'urn:example:custom:1.0:thing.sub', 'constructor', '__proto__',
);
const attrPath = fc.oneof(knownPath, name, fc.tuple(name, name).map(([a, b]) => `${a}.${b}`));
const subAttr = fc.oneof(fc.constantFrom('value', 'type', 'primary', 'display', '$ref', 'givenName', 'created'), name);
const valuePathAttr = fc.oneof(fc.constantFrom('emails', 'members', 'groups', 'phoneNumbers', 'addresses', 'name', 'meta', 'title', `${ENTERPRISE}:manager`), name);
const compValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('2026-01-01T00:00:00Z', 'true', 'False', 'u-alice', 'a@x.com', '%', '_', '\\', '*', '['),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)),
  fc.boolean(),
  fc.constant(null),
);
const compareOp = fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le');

/** Valid ASTs in the canonical shape parseFilter returns: and/or n-ary with no child of the same op. */
function filters(path: fc.Arbitrary<string>, withValuePaths: boolean): fc.Arbitrary<Filter> {
  const logical = (op: 'and' | 'or', child: fc.Arbitrary<Filter>) =>
    fc.array(child, { minLength: 2, maxLength: 3 }).map((fs): Filter => ({ op, filters: fs.flatMap((f) => (f.op === op ? (f as { filters: Filter[] }).filters : [f])) }));
  const { filter } = fc.letrec<{ filter: Filter; leaf: Filter }>((tie) => ({
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('leaf'),
      fc.record({ op: fc.constant('not' as const), filter: tie('filter') }),
      logical('and', tie('filter')),
      logical('or', tie('filter')),
      ...(withValuePaths ? [fc.record({ op: fc.constant('[]' as const), attrPath: valuePathAttr, valFilter: filters(subAttr, false) })] : []),
    ),
    leaf: fc.oneof(
      fc.record({ op: compareOp, attrPath: path, compValue }) as fc.Arbitrary<Filter>,
      fc.record({ op: fc.constant('pr' as const), attrPath: path }),
    ),
  }));
  return filter;
}
const ast = filters(attrPath, true);

/** Token soup: mostly-grammatical sequences reach deeper than random characters. */
const soupToken = fc.oneof(
  fc.constantFrom(
    '(', ')', '[', ']', '].', '"', '\\', '.', ':', 'not', 'and', 'or', 'eq', 'ne', 'pr', 'co', 'sw', 'gt', 'le', 'userName',
    'emails', 'value', 'type', 'members', 'display', '$ref', 'title', 'active', 'meta.lastModified', 'name', 'givenName',
    `${ENTERPRISE}:manager`, '"x"', '"%_\\\\"', '"\\u00e9"', '"2026-01-01"', 'true', 'False', 'null', '1.5e3', '-0', '-5', '1e999',
    'bare-value', 'constructor',
  ),
  name,
  fc.string({ maxLength: 4 }),
);
const soup = fc.tuple(fc.array(soupToken, { maxLength: 24 }), fc.constantFrom(' ', '', '  ')).map(([ts, sep]) => ts.join(sep));
/** Valid filters with a few random edits: inputs on both sides of the grammar's edge. */
const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 4 }), insert: fc.oneof(fc.constant(''), soupToken) });
const mutated = fc.tuple(ast.map(printFilter), fc.array(edit, { minLength: 1, maxLength: 3 })).map(([text, edits]) =>
  edits.reduce((t, e) => {
    const at = e.at % (t.length + 1);
    return t.slice(0, at) + e.insert + t.slice(at + e.length);
  }, text),
);

describe('any input yields a CompiledFilter whose SQL runs, or a ScimFilterError', () => {
  it('for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), compileAndRun), { numRuns: 1000 });
  });

  it('for token soups near the grammar', () => {
    fc.assert(fc.property(soup, compileAndRun), { numRuns: 3000 });
  });

  it('for valid filters with random edits', () => {
    fc.assert(fc.property(mutated, compileAndRun), { numRuns: 3000 });
  });

  it('for non-strings passed from untyped callers', () => {
    for (const bad of [undefined, null, 42, {}, ['userName eq "x"']]) {
      expect(() => compileFilter(bad as unknown as string, 'User')).toThrow(ScimFilterError);
    }
    expect(() => compileFilter('userName pr', 'Robot' as FilterResource)).toThrow(ScimFilterError);
  });
});

describe('printFilter and parseFilter', () => {
  it('round-trip generated ASTs, and the printed filter compiles to SQL that runs', () => {
    fc.assert(
      fc.property(ast, (tree) => {
        const text = printFilter(tree);
        let parsed;
        try {
          parsed = parseFilter(text);
        } catch (e) {
          // a large generated tree may exceed the limits, which is the one acceptable refusal
          if (e instanceof ScimFilterError && /limit/.test(e.message)) return fc.pre(false);
          throw e;
        }
        expect(parsed).toEqual(tree);
        compileAndRun(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('relies on the library for precedence, keeping what the client wrote', () => {
    expect(parseFilter('a pr or b pr AND c pr')).toEqual({
      op: 'or',
      filters: [{ op: 'pr', attrPath: 'a' }, { op: 'and', filters: [{ op: 'pr', attrPath: 'b' }, { op: 'pr', attrPath: 'c' }] }],
    });
    expect(parseFilter('not (a pr) and b pr')).toEqual({ op: 'and', filters: [{ op: 'not', filter: { op: 'pr', attrPath: 'a' } }, { op: 'pr', attrPath: 'b' }] });
    expect(parseFilter('a pr or (b pr or c pr)')).toEqual(parseFilter('a pr or b pr or c pr'));
    expect(printFilter(parseFilter('(a pr or b pr) and c pr'))).toBe('(a pr or b pr) and c pr');
  });

  it('decodes JSON strings and numbers the library would mangle', () => {
    expect(parseFilter('a eq "DOMAIN\\\\bob\\n\\u00e9"')).toEqual({ op: 'eq', attrPath: 'a', compValue: 'DOMAIN\\bob\n\u00e9' });
    expect(parseFilter('a eq "DOMAIN\\user"')).toEqual({ op: 'eq', attrPath: 'a', compValue: 'DOMAIN\\user' }); // \u without hex: kept
    expect(parseFilter('a eq -5 and b eq 1e3')).toEqual({
      op: 'and',
      filters: [{ op: 'eq', attrPath: 'a', compValue: -5 }, { op: 'eq', attrPath: 'b', compValue: 1000 }],
    });
    expect(parseFilter('a eq True')).toEqual({ op: 'eq', attrPath: 'a', compValue: true });
    expect(parseFilter('externalId eq 4a3c-77')).toEqual({ op: 'eq', attrPath: 'externalId', compValue: '4a3c-77' });
  });

  it('rewrites attr[F].sub op v so one element must match both', () => {
    expect(parseFilter('emails[type eq "work" or type eq "home"].value eq "x"')).toEqual({
      op: '[]',
      attrPath: 'emails',
      valFilter: {
        op: 'and',
        filters: [
          { op: 'or', filters: [{ op: 'eq', attrPath: 'type', compValue: 'work' }, { op: 'eq', attrPath: 'type', compValue: 'home' }] },
          { op: 'eq', attrPath: 'value', compValue: 'x' },
        ],
      },
    });
    expect(printFilter(parseFilter('emails[type eq "work"].value pr'))).toBe('emails[type eq "work" and value pr]');
  });
});
