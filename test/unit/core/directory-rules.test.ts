import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../../src-main/core/errors';
import type { Tenant } from '../../../src-main/core/tenant';
import { scimUser, tempTenant } from './fixtures';

const refused = (fn: () => unknown): CoreError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CoreError);
    return e as CoreError;
  }
  throw new Error('expected a refusal');
};

describe('CloudSSO directory rules in the core', () => {
  let t: Tenant;
  let dispose: () => void;
  beforeEach(() => ({ tenant: t, dispose } = tempTenant()));
  afterEach(() => dispose());

  describe('names and lengths', () => {
    it('UserName: 1–64 of A–Z a–z 0–9 @ _ - .', () => {
      expect(t.users.create({ UserName: 'Ok.name_1-2@x' }).UserName).toBe('Ok.name_1-2@x');
      expect(t.users.create({ UserName: 'x'.repeat(64) }).UserName).toHaveLength(64);
      for (const bad of ['', 'x'.repeat(65), 'with space', 'é', 'a+b', 'a/b']) {
        const e = refused(() => t.users.create({ UserName: bad }));
        expect(e.code, bad).toBe('InvalidValue');
        expect(e.attribute).toBe('UserName');
      }
    });

    it('FirstName/LastName ≤ 64, DisplayName ≤ 256, Email ≤ 128, Description ≤ 1024', () => {
      const limits: [string, number][] = [['FirstName', 64], ['LastName', 64], ['DisplayName', 256], ['Description', 1024]];
      for (const [field, max] of limits) {
        expect(t.users.create({ UserName: `ok.${field}`, [field]: 'a'.repeat(max) })).toBeTruthy();
        const e = refused(() => t.users.create({ UserName: `bad.${field}`, [field]: 'a'.repeat(max + 1) }));
        expect(e.attribute).toBe(field);
        expect(e.message).toMatch(new RegExp(`at most ${max}`));
      }
      const email = `${'e'.repeat(116)}@example.com`;
      expect(email).toHaveLength(128);
      expect(t.users.create({ UserName: 'ok.mail', Email: email }).Email).toBe(email);
      expect(refused(() => t.users.create({ UserName: 'bad.mail', Email: `e${email}` })).attribute).toBe('Email');
    });

    it('GroupName: 1–128 of A–Z a–z 0–9 _ - . and no spaces; Description ≤ 1024', () => {
      expect(t.groups.create({ GroupName: 'g'.repeat(128) }).GroupName).toHaveLength(128);
      for (const bad of ['', 'g'.repeat(129), 'two words', 'a@b']) expect(refused(() => t.groups.create({ GroupName: bad })).attribute, bad).toBe('GroupName');
      expect(refused(() => t.groups.create({ GroupName: 'desc', Description: 'd'.repeat(1025) })).attribute).toBe('Description');
    });

    it('the SCIM path obeys the same rules', () => {
      expect(refused(() => t.users.scimCreate(scimUser('bad name'))).attribute).toBe('UserName');
      expect(refused(() => t.users.scimCreate(scimUser('long.display', { DisplayName: 'd'.repeat(257) }))).attribute).toBe('DisplayName');
      expect(refused(() => t.groups.scimCreate({ GroupName: 'bad group', ExternalId: null, Scim: {} })).attribute).toBe('GroupName');
    });
  });

  describe('uniqueness', () => {
    it('UserName is unique regardless of case', () => {
      t.users.create({ UserName: 'Alice' });
      const e = refused(() => t.users.create({ UserName: 'aLICE' }));
      expect(e.code).toBe('Conflict');
      expect(e.attribute).toBe('UserName');
      expect(t.users.findByUserName('ALICE')?.UserName).toBe('Alice');
    });

    it('Email is unique regardless of case, on create and on update', () => {
      t.users.create({ UserName: 'one', Email: 'Same@Example.com' });
      expect(refused(() => t.users.create({ UserName: 'two', Email: 'same@example.com' })).code).toBe('Conflict');
      const three = t.users.create({ UserName: 'three' }).UserId;
      expect(refused(() => t.users.update(three, { Email: 'SAME@example.com' })).attribute).toBe('Email');
      expect(refused(() => t.users.scimCreate(scimUser('four', { Email: 'same@EXAMPLE.com' }))).attribute).toBe('Email');
    });

    it('GroupName is unique regardless of case, on create and rename', () => {
      t.groups.create({ GroupName: 'Team' });
      expect(refused(() => t.groups.create({ GroupName: 'team' })).code).toBe('Conflict');
      const other = t.groups.create({ GroupName: 'Other' }).GroupId;
      expect(refused(() => t.groups.update(other, { GroupName: 'TEAM' })).code).toBe('Conflict');
    });
  });

  describe('userName is immutable', () => {
    it('a SCIM replace with another userName is refused; the same name in another case is not a change', () => {
      const id = t.users.scimCreate(scimUser('fixed')).user.UserId;
      const e = refused(() => t.users.scimReplace(id, scimUser('changed')));
      expect(e.code).toBe('Immutable');
      expect(t.users.scimReplace(id, scimUser('FIXED', { Email: 'fixed@example.com' })).user.UserName).toBe('fixed');
    });

    it('the admin update has no way to change it', () => {
      const id = t.users.create({ UserName: 'admin.fixed' }).UserId;
      t.users.update(id, { UserName: 'other' } as never);
      expect(t.users.get(id).UserName).toBe('admin.fixed');
    });
  });

  describe('takeover of a Manual user by SCIM POST', () => {
    it('converts the Manual user to Synchronized, keeping its UserId and memberships', () => {
      const manual = t.users.create({ UserName: 'Manual.User', Email: 'manual.user@example.com', Description: 'note' });
      const g = t.groups.create({ GroupName: 'kept' }).GroupId;
      t.groups.addMembers(g, [manual.UserId]);
      const { user, takenOver } = t.users.scimCreate(scimUser('manual.user'));
      expect(takenOver).toBe(true);
      expect(user.UserId).toBe(manual.UserId);
      expect(t.users.get(user.UserId)).toMatchObject({ ProvisionType: 'Synchronized', UserName: 'Manual.User', DisplayName: 'Display manual.user', ExternalId: { Id: 'ext-manual.user', Issuer: 'SCIM' } });
      expect(t.groups.groupsOfUser(manual.UserId).map((j) => j.GroupId)).toEqual([g]);
      expect(t.statistics()).toMatchObject({ ManualUserCount: 0, SynchronizedUserCount: 1 });
    });

    it('a second POST of a synchronized user is a conflict', () => {
      t.users.scimCreate(scimUser('twice'));
      const e = refused(() => t.users.scimCreate(scimUser('TWICE', { Email: 'other@example.com' })));
      expect(e.code).toBe('Conflict');
    });
  });

  describe('Status', () => {
    it('new users are Enabled unless said otherwise; only Enabled/Disabled are accepted', () => {
      expect(t.users.create({ UserName: 'on' }).Status).toBe('Enabled');
      expect(t.users.create({ UserName: 'off', Status: 'Disabled' }).Status).toBe('Disabled');
      expect(refused(() => t.users.create({ UserName: 'odd', Status: 'Sleeping' as never })).attribute).toBe('Status');
      expect(t.users.scimCreate(scimUser('scim.off', { Status: 'Disabled' })).user.Status).toBe('Disabled');
    });
  });

  describe('memberships', () => {
    it('are rows with a join time; SCIM delete of a user or a group removes them', () => {
      const u = t.users.scimCreate(scimUser('member')).user.UserId;
      const g1 = t.groups.scimCreate({ GroupName: 'g1', ExternalId: null, Scim: {}, Members: [u] }).GroupId;
      const g2 = t.groups.scimCreate({ GroupName: 'g2', ExternalId: null, Scim: {}, Members: [u] }).GroupId;
      const m = t.groups.members(g1).Items[0]!;
      expect(m.UserId).toBe(u);
      expect(Date.parse(m.JoinTime)).not.toBeNaN();
      t.groups.scimDelete(g1);
      expect(t.groups.groupsOfUser(u).map((j) => j.GroupId)).toEqual([g2]);
      t.users.scimDelete(u);
      expect(t.groups.get(g2).MemberCount).toBe(0);
      expect((t.db.prepare('SELECT count(*) AS n FROM memberships').get() as { n: number }).n).toBe(0);
    });

    it('a member that is not a user of the directory is refused and nothing changes', () => {
      const u = t.users.scimCreate(scimUser('real')).user.UserId;
      const g = t.groups.scimCreate({ GroupName: 'g', ExternalId: null, Scim: {}, Members: [u] }).GroupId;
      expect(refused(() => t.groups.scimChangeMembers(g, [{ remove: [u] }, { add: ['u-ghost00000000000000'] }])).attribute).toBe('members');
      expect(t.groups.get(g).MemberCount).toBe(1);
    });
  });
});
