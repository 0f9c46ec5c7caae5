// What a filter costs: the compiler decides once whether an index serves it (then the server answers it on its own
// thread) and refuses filters with too many comparisons that no index serves. SQLite's own query plan is the judge.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compileFilter, FILTER_LIMITS, ScimFilterError, type FilterResource } from '../../../src-main/scim/filter';
import { tenant } from './fixture';

const db = tenant();
afterAll(() => db.close());

function plan(filter: string, resource: FilterResource): string[] {
  const { sql, params } = compileFilter(filter, resource);
  const table = resource === 'User' ? 'users u' : 'groups g';
  return (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM ${table} WHERE (${sql})`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

const scans = (steps: string[]) => steps.filter((s) => s.startsWith('SCAN'));

function refusal(filter: string, resource: FilterResource = 'User'): string {
  try {
    compileFilter(filter, resource);
  } catch (e) {
    expect(e).toBeInstanceOf(ScimFilterError);
    return (e as Error).message;
  }
  throw new Error(`"${filter.slice(0, 60)}…" was accepted`);
}

const quoted = fc.stringMatching(/^[A-Za-z0-9@._ -]{1,12}$/).map((s) => JSON.stringify(s));
/** What Entra ID and Okta send on every sync (docs/interoperability.md), with any value. */
const userLookup = fc.oneof(
  quoted.map((v) => `userName eq ${v}`),
  quoted.map((v) => `externalId eq ${v}`),
  fc.stringMatching(/^[0-9a-f-]{4,36}$/).map((v) => `externalId eq ${v}`), // Entra's unquoted sample
  quoted.map((v) => `id eq ${v}`),
  quoted.map((v) => `emails[type eq "work"].value eq ${v}`),
  quoted.map((v) => `emails.value eq ${v}`),
  quoted.map((v) => `displayName eq ${v}`),
);
const groupLookup = fc.oneof(
  quoted.map((v) => `displayName eq ${v}`),
  quoted.map((v) => `externalId eq ${v}`),
  quoted.map((v) => `id eq ${v}`),
  quoted.map((v) => `members.value eq ${v}`),
  quoted.map((v) => `members[value eq ${v}]`),
);
/** One lookup, or two joined with and (Okta: `displayName eq "x" and members.value eq "y"`). */
const shape = (lookup: fc.Arbitrary<string>) => fc.oneof(lookup, fc.tuple(lookup, lookup).map(([a, b]) => `${a} and ${b}`));

describe('the shapes IdPs send are index lookups, never refused', () => {
  it.each([
    ['userName eq "alice@example.com"', 'User'],
    ['externalId eq "4a3c-9f1e-alice"', 'User'],
    ['emails[type eq "work"].value eq "alice@example.com"', 'User'],
    ['displayName eq "Alice Liddell"', 'User'],
    ['userName eq "bob" and externalId eq "EXT-BOB"', 'User'],
    ['members.value eq "u-alice"', 'Group'],
    ['displayName eq "Admins"', 'Group'],
    ['displayName eq "Admins" and members.value eq "u-alice"', 'Group'],
  ] as const)('%s (%s)', (filter, resource) => {
    const compiled = compileFilter(filter, resource);
    expect(compiled.indexed).toBe(true);
    expect(compiled.unindexedComparisons).toBeLessThanOrEqual(1); // the type eq "work" beside the e-mail lookup
    expect(scans(plan(filter, resource))).toEqual([]);
  });

  it('for any value, alone or joined with and (property)', () => {
    fc.assert(
      fc.property(fc.oneof(shape(userLookup).map((f) => [f, 'User'] as const), shape(groupLookup).map((f) => [f, 'Group'] as const)), ([filter, resource]) => {
        const compiled = compileFilter(filter, resource);
        expect(compiled.indexed).toBe(true);
        expect(scans(plan(filter, resource))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('served by an index means SQLite never scans the table (the plan agrees with the compiler)', () => {
  const atom = fc.oneof(
    userLookup,
    quoted.map((v) => `title co ${v}`),
    quoted.map((v) => `name.familyName eq ${v}`),
    quoted.map((v) => `userName ne ${v}`),
    quoted.map((v) => `userName sw ${v}`),
    fc.constant('active eq true'),
    fc.constant('title pr'),
    quoted.map((v) => `emails[type eq ${v}]`),
    quoted.map((v) => `emails.display co ${v}`),
    fc.constant('meta.lastModified gt "2026-01-01T00:00:00Z"'),
  );
  const filter: fc.Arbitrary<string> = fc.letrec<{ f: string }>((tie) => ({
    f: fc.oneof(
      { depthSize: 'small' },
      atom,
      fc.tuple(tie('f'), tie('f')).map(([a, b]) => `(${a} and ${b})`),
      fc.tuple(tie('f'), tie('f')).map(([a, b]) => `(${a} or ${b})`),
      tie('f').map((a) => `not (${a})`),
    ),
  })).f;

  it('a filter the compiler calls indexed has no SCAN of users in its plan', () => {
    fc.assert(
      fc.property(filter, (text) => {
        let compiled;
        try {
          compiled = compileFilter(text, 'User');
        } catch (e) {
          expect((e as Error).message).toMatch(/no index serves|limit/);
          return;
        }
        // (the converse need not hold: a date range walks an index, yet it may cover every row, so it is no lookup)
        const steps = plan(text, 'User');
        if (compiled.indexed) expect(steps.filter((s) => /^SCAN u\b/.test(s)), `${text}\n${steps.join('\n')}`).toEqual([]);
      }),
      { numRuns: Number(process.env.COST_RUNS) || 1500 },
    );
  });

  it('the same for groups', () => {
    const atom = fc.oneof(groupLookup, quoted.map((v) => `members.display co ${v}`), fc.constant('externalId pr'), quoted.map((v) => `displayName ne ${v}`));
    const filter: fc.Arbitrary<string> = fc.letrec<{ f: string }>((tie) => ({
      f: fc.oneof({ depthSize: 'small' }, atom, fc.tuple(tie('f'), tie('f')).map(([a, b]) => `(${a} and ${b})`), fc.tuple(tie('f'), tie('f')).map(([a, b]) => `(${a} or ${b})`)),
    })).f;
    fc.assert(
      fc.property(filter, (text) => {
        let compiled;
        try {
          compiled = compileFilter(text, 'Group');
        } catch (e) {
          expect((e as Error).message).toMatch(/no index serves|limit/);
          return;
        }
        const steps = plan(text, 'Group');
        if (compiled.indexed) expect(steps.filter((s) => /^SCAN g\b/.test(s)), `${text}\n${steps.join('\n')}`).toEqual([]);
      }),
      { numRuns: Number(process.env.COST_RUNS) || 1000 },
    );
  });

  it('substring comparisons keep a filter off the serving thread even beside a lookup (one long value is enough to be slow)', () => {
    const compiled = compileFilter('userName eq "bob" and title co "x"', 'User');
    expect(compiled.indexed).toBe(false);
    expect(compiled.unindexedComparisons).toBe(1);
  });
});

describe('static limits', () => {
  const terms = (n: number, term: (i: number) => string) => Array.from({ length: n }, (_, i) => term(i)).join(' or ');

  it('101 comparisons are refused with the limit in the detail', () => {
    expect(refusal(terms(101, (i) => `userName eq "u${i}"`))).toMatch(/more than the limit of 100 comparisons/);
  });

  it('100 index lookups are fine: they are lookups, not a scan', () => {
    const compiled = compileFilter(terms(100, (i) => `externalId eq "e${i}"`), 'User');
    expect(compiled.indexed).toBe(true);
    expect(compiled.unindexedComparisons).toBe(0);
    expect(scans(plan(terms(100, (i) => `externalId eq "e${i}"`), 'User'))).toEqual([]);
  });

  it('an or of case-insensitive lookups is a scan (SQLite will not combine indexes under COLLATE NOCASE), so it counts', () => {
    const or = terms(3, (i) => `userName eq "u${i}"`);
    expect(compileFilter(or, 'User')).toMatchObject({ indexed: false, unindexedComparisons: 3 });
    expect(plan(or, 'User')).toContain('SCAN u');
  });

  it(`more than ${FILTER_LIMITS.maxUnindexedComparisons} comparisons that no index serves are refused, naming both numbers and the lookups`, () => {
    const max = FILTER_LIMITS.maxUnindexedComparisons;
    expect(compileFilter(terms(max, (i) => `addresses.locality co "c${i}"`), 'User').unindexedComparisons).toBe(max);
    const message = refusal(terms(max + 1, (i) => `addresses.locality co "c${i}"`));
    expect(message).toContain(`${max + 1} comparisons that no index serves, over the limit of ${max}`);
    expect(message).toMatch(/userName.*emails\.value/);
    expect(refusal(terms(max + 1, (i) => `members.display co "m${i}"`), 'Group')).toMatch(/members\.value/);
  });

  it('a scan counts every comparison in it, even the ones on indexed attributes', () => {
    const scan = `title pr or ${terms(FILTER_LIMITS.maxUnindexedComparisons, (i) => `userName eq "u${i}"`)}`;
    expect(refusal(scan)).toContain(`${FILTER_LIMITS.maxUnindexedComparisons + 1} comparisons that no index serves`);
    expect(refusal(`not (${terms(FILTER_LIMITS.maxUnindexedComparisons + 1, (i) => `userName eq "u${i}"`)})`)).toMatch(/no index serves/);
  });

  it('beside a lookup, only the other comparisons count', () => {
    const max = FILTER_LIMITS.maxUnindexedComparisons;
    const ok = `userName eq "bob" and (${terms(max, (i) => `title eq "t${i}"`)})`;
    expect(compileFilter(ok, 'User')).toMatchObject({ indexed: true, unindexedComparisons: max });
    expect(refusal(`userName eq "bob" and (${terms(max + 1, (i) => `title eq "t${i}"`)})`)).toMatch(/no index serves/);
  });
});
