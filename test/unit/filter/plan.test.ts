import { afterAll, describe, expect, it } from 'vitest';
import { compileFilter, type FilterResource } from '../../../src-main/scim/filter';
import { tenant } from './fixture';

const db = tenant();
afterAll(() => db.close());

function plan(filter: string, resource: FilterResource): string[] {
  const { sql, params } = compileFilter(filter, resource);
  const table = resource === 'User' ? 'users u' : 'groups g';
  const rows = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM ${table} WHERE (${sql})`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail);
}

// The lookups IdPs make on every sync must stay index lookups at 100,000 users.
describe('the lookups IdPs repeat use an index, never a table scan', () => {
  it.each([
    ['userName eq "bob"', 'User', /SEARCH u USING (?:COVERING )?INDEX sqlite_autoindex_users_\d \(user_name=\?\)/],
    ['externalId eq 4a3c-9f1e-alice', 'User', /SEARCH u USING (?:COVERING )?INDEX users_external_id \(external_id=\?\)/],
    ['id eq "u-bob"', 'User', /SEARCH u USING (?:COVERING )?INDEX sqlite_autoindex_users_\d \(id=\?\)/],
    ['emails.value eq "a@x.com"', 'User', /SEARCH ue USING (?:COVERING )?INDEX user_emails_value \(value=\?\)/],
    ['emails[type eq "work"].value eq "a@x.com"', 'User', /SEARCH ue USING (?:COVERING )?INDEX user_emails_value \(value=\? AND type=\?\)/],
    ['displayName eq "Alice Liddell"', 'User', /SEARCH u USING (?:COVERING )?INDEX users_display_name \(display_name=\?\)/],
    ['members.value eq "u-alice"', 'Group', /SEARCH mu USING .*INDEX sqlite_autoindex_users_\d \(id=\?\)/],
    ['displayName eq "Admins"', 'Group', /SEARCH g USING (?:COVERING )?INDEX sqlite_autoindex_groups_\d \(name=\?\)/],
    ['id eq "g-admins"', 'Group', /SEARCH g USING (?:COVERING )?INDEX sqlite_autoindex_groups_\d \(id=\?\)/],
  ] as const)('%s (%s)', (filter, resource, expected) => {
    const steps = plan(filter, resource);
    expect(steps.some((s) => expected.test(s)), steps.join('\n')).toBe(true);
    expect(steps.filter((s) => s.startsWith('SCAN')), steps.join('\n')).toEqual([]);
  });

  it('members.value eq reaches the group through the membership index', () => {
    expect(plan('members.value eq "u-alice"', 'Group')).toEqual(
      expect.arrayContaining([expect.stringMatching(/SEARCH m USING COVERING INDEX memberships_by_user \(user_seq=\?\)/)]),
    );
  });

  it('a rare attribute is a scan, which the plan shows (so the assertions above can fail)', () => {
    expect(plan('title eq "Engineer"', 'User')).toContain('SCAN u');
  });
});
