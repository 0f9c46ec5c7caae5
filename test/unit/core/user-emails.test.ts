import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tenant } from '../../../src-main/core/tenant';
import { scimUser, tempTenant } from './fixtures';

describe('the e-mail rows behind filters on emails', () => {
  let t: Tenant;
  let dispose: () => void;
  beforeEach(() => ({ tenant: t, dispose } = tempTenant()));
  afterEach(() => dispose());

  const rows = (id: string) =>
    t.db
      .prepare<[string], { rowid: number; value: string; type: string | null; is_primary: number }>(
        'SELECT e.rowid, e.value, e.type, e.is_primary FROM user_emails e JOIN users u ON u.seq = e.user_seq WHERE u.id = ? ORDER BY e.rowid',
      )
      .all(id);

  const twoEmails = (primaryWork: boolean) => [
    { value: 'ann@example.com', type: 'work', primary: primaryWork },
    { value: 'ann@home.example', type: 'home', primary: !primaryWork },
  ];

  it('a write that resends the same e-mails leaves their rows as they are', () => {
    const id = t.users.scimCreate(scimUser('ann', { Email: 'ann@example.com', Emails: twoEmails(true) })).user.UserId;
    const before = rows(id);
    t.users.scimReplace(id, scimUser('ann', { DisplayName: 'Ann (renamed)', Email: 'ann@example.com', Emails: twoEmails(true) }));
    expect(rows(id)).toEqual(before);
  });

  it('a changed primary flag, type, value or count replaces them', () => {
    const id = t.users.scimCreate(scimUser('ann', { Email: 'ann@example.com', Emails: twoEmails(true) })).user.UserId;
    t.users.scimReplace(id, scimUser('ann', { Email: 'ann@home.example', Emails: twoEmails(false) }));
    expect(rows(id).map(({ value, is_primary }) => [value, is_primary])).toEqual([['ann@example.com', 0], ['ann@home.example', 1]]);
    t.users.scimReplace(id, scimUser('ann', { Email: 'ann@example.com', Emails: [{ value: 'ann@example.com', type: 'other', primary: true }] }));
    expect(rows(id).map(({ value, type }) => [value, type])).toEqual([['ann@example.com', 'other']]);
    t.users.scimReplace(id, scimUser('ann', { Email: null, Emails: [] }));
    expect(rows(id)).toEqual([]);
  });
});
