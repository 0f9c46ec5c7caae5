import { afterAll, describe, expect, it } from 'vitest';
import { compileFilter, ScimFilterError } from '../../../src-main/scim/filter';
import { ALL_USERS, select, tenant } from './fixture';

const db = tenant();
afterAll(() => db.close());
const users = (filter: string) => select(db, filter, 'User');
const groups = (filter: string) => select(db, filter, 'Group');
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function rejects(filter: string, message: RegExp, resource: 'User' | 'Group' = 'User') {
  let error: unknown;
  try {
    compileFilter(filter, resource);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ScimFilterError);
  expect((error as Error).message).toMatch(message);
}

describe('what Microsoft Entra ID sends', () => {
  it('finds a user by userName in any case, and nobody for the test-connection GUID', () => {
    expect(users('userName eq "alice@EXAMPLE.com"')).toEqual(['u-alice']);
    expect(users('userName eq "6c2b1a4e-0f9d-4e7a-9a51-3c1d2e8f7b60"')).toEqual([]);
  });

  it('accepts the unquoted externalId of its documentation sample, compared case-exactly', () => {
    expect(users('externalId eq 4a3c-9f1e-alice')).toEqual(['u-alice']);
    expect(users('externalId eq "EXT-BOB"')).toEqual(['u-bob']);
    expect(users('externalId eq "ext-bob"')).toEqual([]);
  });

  it('requires the same e-mail to be the work one and to have the value', () => {
    // bob's home address is a@x.com and his work address is another: he must not match
    expect(users('emails[type eq "work"].value eq "a@x.com"')).toEqual(['u-carol']);
    expect(users('emails[type eq "WORK"].value eq "A@X.COM"')).toEqual(['u-carol']);
    expect(users('emails[type eq "home"].value eq "a@x.com"')).toEqual(['u-bob']);
    expect(users('emails.value eq "a@x.com"')).toEqual(['u-bob', 'u-carol']);
    expect(users('emails eq "alice@home.example"')).toEqual(['u-alice']);
  });

  it('checks group references with members.value and finds groups by displayName', () => {
    expect(groups('members.value eq "u-alice"')).toEqual(['g-admins']);
    expect(groups('members[value eq "u-carol"]')).toEqual(['g-devs']);
    expect(groups('members.value eq "U-ALICE"')).toEqual([]); // ids are case-exact
    expect(groups('displayName eq "admins"')).toEqual(['g-admins']);
    expect(groups('externalId eq "x" and displayName eq "Devs"')).toEqual([]);
  });

  it('reads the enterprise extension by full URN, and by bare name', () => {
    expect(users(`${ENTERPRISE}:employeeNumber eq "1001"`)).toEqual(['u-alice']);
    expect(users(`${ENTERPRISE}:employeeNumber eq 1002`)).toEqual(['u-bob']); // stored as a JSON number
    expect(users(`${ENTERPRISE}:employeeNumber eq 1001`)).toEqual(['u-alice']); // unquoted digits, stored as a string
    expect(users(`${ENTERPRISE}:department co "&"`)).toEqual(['u-alice']);
    expect(users(`${ENTERPRISE}:manager.value eq "u-bob"`)).toEqual(['u-alice']);
    expect(users('employeeNumber eq "1001"')).toEqual(['u-alice']);
    expect(users('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bob"')).toEqual(['u-bob']);
  });
});

describe('what Okta sends', () => {
  it('looks users up by userName, case-insensitively', () => {
    expect(users('userName eq "BOB"')).toEqual(['u-bob']);
    expect(users('USERNAME EQ "carol_x"')).toEqual(['u-carol']);
  });
});

describe('operators', () => {
  it('treats % and _ in co/sw/ew values as plain characters', () => {
    expect(users('displayName co "100%_"')).toEqual(['u-bob']);
    expect(users('displayName co "100%"')).toEqual(['u-bob']);
    expect(users('displayName co "100"')).toEqual(['u-bob', 'u-carol']);
    expect(users('userName sw "carol_"')).toEqual(['u-carol']);
    expect(users('userName sw "CAROL"')).toEqual(['u-carol', 'u-dave']);
    expect(users('userName ew "_x"')).toEqual(['u-carol']);
    expect(users('externalId sw "ext"')).toEqual([]); // caseExact: GLOB
    expect(users('externalId sw "EXT-"')).toEqual(['u-bob']);
    expect(users('externalId co "*"')).toEqual([]);
  });

  it('gives "and" precedence over "or", and "not" negates its group', () => {
    // Engineer, or (Manager and active): bob is a Manager but disabled
    expect(users('title eq "Engineer" or title eq "Manager" and active eq true')).toEqual(['u-alice']);
    expect(users('(title eq "Engineer" or title eq "Manager") and active eq true')).toEqual(['u-alice']);
    expect(users('not (active eq true) or userName eq "carolax"')).toEqual(['u-bob', 'u-dave']);
    expect(users('not (title eq "Engineer" or title eq "Manager")')).toEqual(['u-carol', 'u-dave']);
    expect(users('active eq "False"')).toEqual(['u-bob']);
  });

  it('matches absent attributes with ne and not, and treats eq null as absent', () => {
    expect(users('title ne "Engineer"')).toEqual(['u-bob', 'u-carol', 'u-dave']);
    expect(users('displayName ne "Alice Liddell"')).toEqual(['u-bob', 'u-carol', 'u-dave']);
    expect(users('emails.value ne "a@x.com"')).toEqual(['u-alice', 'u-dave']);
    expect(users('title pr')).toEqual(['u-alice', 'u-bob']); // carol's title is ""
    expect(users('title eq null')).toEqual(['u-carol', 'u-dave']);
    expect(users('externalId ne null')).toEqual(['u-alice', 'u-bob']);
    expect(users('emails pr')).toEqual(['u-alice', 'u-bob', 'u-carol']);
    expect(groups('members pr')).toEqual(['g-admins', 'g-devs']);
  });

  it('compares meta dates chronologically, whatever ISO form the client wrote', () => {
    expect(users('meta.lastModified gt "2026-02-01T00:00:00Z"')).toEqual(['u-alice', 'u-carol']);
    expect(users('meta.lastModified gt "2026-02-01T08:00:00+08:00"')).toEqual(['u-alice', 'u-carol']);
    expect(users('meta.lastModified ge "2026-02-20"')).toEqual(['u-alice', 'u-carol']);
    expect(users('meta.lastModified lt "2026-01-01T00:00:00"')).toEqual(['u-dave']);
    expect(users('meta.lastModified eq "2026-01-15T08:30:00Z"')).toEqual(['u-bob']);
    expect(users('meta.created le "2025-06-01T00:00:00.000Z"')).toEqual(ALL_USERS);
    expect(users('meta.resourceType eq "User"')).toEqual(ALL_USERS);
    rejects('meta.lastModified gt "yesterday"', /meta\.lastModified.*date-time/);
    rejects('meta.lastModified gt "2026-13-45T00:00:00Z"', /date-time/);
    rejects('meta.lastModified co "2026"', /date-time/);
  });

  it('falls back to the stored SCIM JSON for other attributes, case-insensitively', () => {
    expect(users('title eq "engineer"')).toEqual(['u-alice']);
    expect(users('TITLE sw "MAN"')).toEqual(['u-bob']);
    expect(users('title gt "F"')).toEqual(['u-bob']);
    expect(users('phoneNumbers[type eq "work"].value sw "+86"')).toEqual(['u-alice']);
    expect(users('phoneNumbers co "0199"')).toEqual(['u-carol']); // a primitive element is its own value
    expect(users('emails[type eq "work" and display pr]')).toEqual([]); // display is only in the JSON
    expect(users('name[givenName eq "x"] or nickName pr')).toEqual([]);
  });

  it('uses membership rows for a user\'s groups and a group\'s member names', () => {
    expect(users('groups.value eq "g-admins"')).toEqual(['u-alice', 'u-bob']);
    expect(users('groups[display eq "devs"]')).toEqual(['u-carol']);
    expect(groups('members.display co "liddell"')).toEqual(['g-admins']);
    expect(groups('members.display eq "carol_x"')).toEqual([]); // carol shows her display name
  });

  it('binds every value as a parameter', () => {
    const { sql, params } = compileFilter('userName eq "x\' OR 1=1 --" or title co "\\"; DROP TABLE users"', 'User');
    expect(sql).not.toContain('OR 1=1');
    expect(sql).not.toContain('DROP');
    expect(params).toEqual(["x' OR 1=1 --", '%"; DROP TABLE users%']);
    expect(users('userName eq "x\' OR 1=1 --"')).toEqual([]);
  });
});

describe('errors', () => {
  it('says what is wrong and where', () => {
    rejects('userName eqq "x"', /^Unknown operator "eqq" at position 9$/);
    rejects('userName eq', /Expected a value after "eq" at the end of the filter/);
    rejects('userName eq "x" "y"', /Expected "and", "or" or the end of the filter at position 16/);
    rejects('(userName eq "x"', /Missing "\)" for the "\(" at position 0/);
    rejects('userName eq "x")', /Unexpected "\)" at position 15/);
    rejects('userName eq "x', /Unterminated string starting at position 12/);
    rejects('emails[type eq "work"', /Missing "\]"/);
    rejects('emails[type[value eq "x"]]', /cannot be nested/);
    rejects('', /empty/);
    rejects('userName eq bob smith', /position 16/);
  });

  it('refuses type mismatches and what cannot be filtered', () => {
    rejects('active gt true', /boolean/);
    rejects('active eq "maybe"', /boolean/);
    rejects('userName eq true', /string attribute/);
    rejects('userName gt null', /null only goes with eq and ne/);
    rejects('password eq "x"', /password/);
    rejects('urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "x"', /belongs to the Group schema/);
    rejects('members.$ref eq "x"', /\$ref.*cannot be used/, 'Group');
    rejects('title[value eq "x"]', /single-valued/);
  });

  it('enforces the length, depth and comparison limits, naming them', () => {
    rejects(`userName eq "${'x'.repeat(4090)}"`, /longer than the limit of 4096 characters/);
    expect(() => compileFilter(`${'('.repeat(32)}title pr${')'.repeat(32)}`, 'User')).not.toThrow();
    rejects(`${'('.repeat(33)}title pr${')'.repeat(33)}`, /nested deeper than the limit of 32 levels/);
    rejects(`${'not '.repeat(40)}title pr`, /nested deeper than the limit of 32 levels/);
    // 100 comparisons pass when an index serves them (title pr, which none does, has a lower limit: cost.test.ts)
    expect(() => compileFilter(Array(100).fill('externalId eq "x"').join(' or '), 'User')).not.toThrow();
    rejects(Array(101).fill('title pr').join(' or '), /more than the limit of 100 comparisons/);
  });
});
