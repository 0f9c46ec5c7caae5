import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_SCHEMA, USER_SCHEMA, patch, startHarness, userBody, type ScimHarness } from '../support/scim-harness';

describe('CloudSSO fidelity over SCIM', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  const expectInvalid = (res: { status: number; body: { status: string; scimType: string; detail: string } }, attribute: RegExp, rule: RegExp) => {
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(res.body.detail).toMatch(attribute);
    expect(res.body.detail).toMatch(rule);
  };

  describe('name rules → 400 invalidValue naming the attribute and the rule', () => {
    it('userName: only A–Z a–z 0–9 @ _ - .', async () => {
      for (const bad of ['has space', 'ünïcode', 'plus+sign', 'slash/name', 'comma,name']) {
        const res = await h.scim('POST', '/Users', userBody(bad));
        expectInvalid(res, /userName/, /letters, digits and the characters @ _ - \./);
        expect(h.server.tenant.users.findByUserName(bad)).toBeNull();
      }
    });

    it('userName: at most 64 characters (64 accepted, 65 refused)', async () => {
      expect((await h.scim('POST', '/Users', userBody('a'.repeat(64)))).status).toBe(201);
      expectInvalid(await h.scim('POST', '/Users', userBody('b'.repeat(65))), /userName/, /at most 64/);
    });

    it('userName is required', async () => {
      const res = await h.scim('POST', '/Users', { schemas: [USER_SCHEMA], displayName: 'No Name' });
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/userName/);
    });

    it('name.givenName and name.familyName: at most 64; displayName: at most 256', async () => {
      expectInvalid(await h.scim('POST', '/Users', userBody('rule.given', { name: { givenName: 'g'.repeat(65) } })), /name\.givenName/, /at most 64/);
      expectInvalid(await h.scim('POST', '/Users', userBody('rule.family', { name: { familyName: 'f'.repeat(65) } })), /name\.familyName/, /at most 64/);
      expectInvalid(await h.scim('POST', '/Users', userBody('rule.display', { displayName: 'd'.repeat(257) })), /displayName/, /at most 256/);
      expect((await h.scim('POST', '/Users', userBody('rule.display.ok', { displayName: 'd'.repeat(256), name: { givenName: 'g'.repeat(64), familyName: 'f'.repeat(64) } }))).status).toBe(201);
    });

    it('email: at most 128 characters and an address', async () => {
      const long = `${'e'.repeat(120)}@example.com`;
      expectInvalid(await h.scim('POST', '/Users', userBody('rule.longmail', { emails: [{ value: long, type: 'work', primary: true }] })), /emails/, /at most 128/);
      expectInvalid(await h.scim('POST', '/Users', userBody('rule.notmail', { emails: [{ value: 'not-an-address', type: 'work', primary: true }] })), /emails/, /e-mail address/);
    });

    it('the same rules hold on PATCH and PUT', async () => {
      const u = (await h.scim('POST', '/Users', userBody('rule.later'))).body;
      expectInvalid(await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', path: 'displayName', value: 'x'.repeat(257) })), /displayName/, /at most 256/);
      expectInvalid(await h.scim('PUT', `/Users/${u.id}`, userBody('rule.later', { name: { givenName: 'g'.repeat(65) } })), /givenName/, /at most 64/);
      expect(h.server.tenant.users.get(u.id).DisplayName).toBe('Display rule.later');
    });

    it('group displayName: at most 128 of A–Z a–z 0–9 _ - . with no spaces', async () => {
      expectInvalid(await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Has Space' }), /displayName/, /no spaces/);
      expectInvalid(await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'at@sign' }), /displayName/, /letters, digits/);
      expectInvalid(await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'g'.repeat(129) }), /displayName/, /at most 128/);
      expect((await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'g'.repeat(128) })).status).toBe(201);
    });
  });

  describe('uniqueness → 409 uniqueness', () => {
    it('userName is unique regardless of case', async () => {
      expect((await h.scim('POST', '/Users', userBody('Unique.Case'))).status).toBe(201);
      const dup = await h.scim('POST', '/Users', userBody('UNIQUE.case', { emails: [{ value: 'other.unique@example.com', primary: true }] }));
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
      expect(dup.body.detail).toMatch(/userName/);
    });

    it('userName lookups are case-insensitive (Okta\'s lookup before create)', async () => {
      const found = await h.scim('GET', '/Users?filter=' + encodeURIComponent('userName eq "unique.CASE"') + '&startIndex=1&count=100');
      expect(found.body.totalResults).toBe(1);
      expect(found.body.Resources[0].userName).toBe('Unique.Case');
    });

    it('email is unique in the directory (regardless of case), on create and on update', async () => {
      await h.scim('POST', '/Users', userBody('mail.owner', { emails: [{ value: 'Shared@Example.com', type: 'work', primary: true }] }));
      const dup = await h.scim('POST', '/Users', userBody('mail.thief', { emails: [{ value: 'shared@example.com', type: 'work', primary: true }] }));
      expect(dup.status).toBe(409);
      expect(dup.body.scimType).toBe('uniqueness');
      expect(dup.body.detail).toMatch(/email/i);
      const other = (await h.scim('POST', '/Users', userBody('mail.other'))).body;
      const patched = await h.scim('PATCH', `/Users/${other.id}`, patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'shared@example.com' }));
      expect(patched.status).toBe(409);
      expect(h.server.tenant.users.get(other.id).Email).toBe('mailother@example.com');
    });
  });

  describe('takeover of a manually created user', () => {
    it('SCIM POST with the userName of a Manual user converts it to Synchronized: same UserId, 201, SCIM values applied', async () => {
      const manual = h.server.tenant.users.create({ UserName: 'Takeover.Me', DisplayName: 'Typed By Admin', Email: 'takeover@example.com', Description: 'kept' });
      expect(manual.ProvisionType).toBe('Manual');
      const res = await h.scim('POST', '/Users', userBody('takeover.me', { externalId: 'idp-42', emails: [{ value: 'takeover@example.com', type: 'work', primary: true }] }));
      expect(res.status).toBe(201);
      expect(res.body.id).toBe(manual.UserId);
      expect(res.body.userName).toBe('Takeover.Me');
      const after = h.server.tenant.users.get(manual.UserId);
      expect(after).toMatchObject({ ProvisionType: 'Synchronized', DisplayName: 'Display takeover.me', ExternalId: { Id: 'idp-42', Issuer: 'SCIM' }, Locked: true });
      expect(h.server.tenant.users.list({ UserNameEq: 'takeover.me' }).TotalCount).toBe(1);
    });

    it('a second POST of the now synchronized user is 409 uniqueness', async () => {
      const res = await h.scim('POST', '/Users', userBody('takeover.me'));
      expect(res.status).toBe(409);
      expect(res.body.scimType).toBe('uniqueness');
    });

    it('a Manual group of the same name is not taken over: 409', async () => {
      h.server.tenant.groups.create({ GroupName: 'manual-group' });
      const res = await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'manual-group' });
      expect(res.status).toBe(409);
    });
  });

  describe('active ↔ Status', () => {
    it('active=false on create makes a Disabled user; active omitted means Enabled', async () => {
      const off = (await h.scim('POST', '/Users', userBody('status.off', { active: false }))).body;
      expect(off.active).toBe(false);
      expect(h.server.tenant.users.get(off.id).Status).toBe('Disabled');
      const { active: _omit, ...noActive } = userBody('status.default');
      const on = (await h.scim('POST', '/Users', noActive)).body;
      expect(on.active).toBe(true);
      expect(h.server.tenant.users.get(on.id).Status).toBe('Enabled');
    });

    it('a Status switch in the console shows in the next SCIM GET', async () => {
      const u = (await h.scim('POST', '/Users', userBody('status.console'))).body;
      h.server.tenant.users.setStatus(u.id, 'Disabled');
      expect((await h.scim('GET', `/Users/${u.id}`)).body.active).toBe(false);
    });

    it('active given as a non-boolean is 400 invalidValue', async () => {
      const res = await h.scim('POST', '/Users', userBody('status.bad', { active: 'sometimes' }));
      expect(res.status).toBe(400);
      expect(res.body.scimType).toBe('invalidValue');
      expect(res.body.detail).toMatch(/active/);
    });
  });

  describe('the edit lock does not stop the IdP', () => {
    it('a synchronized user is locked for the admin but the IdP may change and delete it', async () => {
      const u = (await h.scim('POST', '/Users', userBody('lock.idp'))).body;
      expect(() => h.server.tenant.users.update(u.id, { DisplayName: 'admin edit' })).toThrow(/SCIM synchronization/);
      expect((await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', path: 'displayName', value: 'IdP edit' }))).status).toBe(200);
      expect((await h.scim('DELETE', `/Users/${u.id}`)).status).toBe(204);
    });
  });

  describe('ids', () => {
    it('users are u- and groups g- followed by 20 lowercase alphanumerics', async () => {
      const u = (await h.scim('POST', '/Users', userBody('id.format'))).body;
      const g = (await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'id-format' })).body;
      expect(u.id).toMatch(/^u-[a-z0-9]{20}$/);
      expect(g.id).toMatch(/^g-[a-z0-9]{20}$/);
    });
  });
});
