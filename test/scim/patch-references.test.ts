// Every way a PATCH can name an attribute reaches the same attribute, and every operation either changes what it
// names or is refused with the RFC 7644 scimType that fits and a detail naming the attribute (never a silent 200).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, USER_SCHEMA, patch, startHarness, userBody, type ScimHarness } from '../support/scim-harness';

describe('PATCH attribute references: one resolver for paths, URNs and value keys', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  let n = 0;
  const newUser = async (extra: Record<string, unknown> = {}) => {
    const res = await h.scim('POST', '/Users', userBody(`ref.u${++n}`, extra));
    expect(res.status).toBe(201);
    return res.body as { id: string; userName: string };
  };
  const stored = async (id: string) => (await h.scim('GET', `/Users/${id}`)).body;

  describe('the whole enterprise extension', () => {
    for (const op of ['add', 'replace']) {
      it(`${op} with the bare extension URN as path stores its attributes`, async () => {
        const u = await newUser();
        const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op, path: ENTERPRISE, value: { department: 'X', manager: { value: 'u-boss' } } }));
        expect(res.status, res.text).toBe(200);
        const after = await stored(u.id);
        expect(after[ENTERPRISE]).toEqual({ department: 'X', manager: { value: 'u-boss' } });
        expect(after.schemas).toContain(ENTERPRISE);
      });

      it(`${op} without a path, value keyed by the extension URN, stores its attributes`, async () => {
        const u = await newUser();
        const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op, value: { [ENTERPRISE]: { department: 'Y', employeeNumber: '12' } } }));
        expect(res.status, res.text).toBe(200);
        expect((await stored(u.id))[ENTERPRISE]).toEqual({ department: 'Y', employeeNumber: '12' });
      });
    }

    it('add and replace merge into what the extension holds; remove of the bare URN drops the extension', async () => {
      const u = await newUser({ schemas: [USER_SCHEMA, ENTERPRISE], [ENTERPRISE]: { department: 'Old', costCenter: 'CC' } });
      expect((await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', path: ENTERPRISE, value: { department: 'New' } }))).status).toBe(200);
      expect((await stored(u.id))[ENTERPRISE]).toEqual({ department: 'New', costCenter: 'CC' });
      const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'remove', path: ENTERPRISE }));
      expect(res.status, res.text).toBe(200);
      const after = await stored(u.id);
      expect(after[ENTERPRISE]).toBeUndefined();
      expect(after.schemas).toEqual([USER_SCHEMA]);
    });

    it('the URN in any case, and attr.sub behind it (urn:…:User:manager.value)', async () => {
      const u = await newUser();
      let res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'add', path: ENTERPRISE.toUpperCase(), value: { Department: 'Z' } }));
      expect(res.status, res.text).toBe(200);
      res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'add', path: `${ENTERPRISE}:manager.value`, value: 'u-mgr' }));
      expect(res.status, res.text).toBe(200);
      expect((await stored(u.id))[ENTERPRISE]).toEqual({ department: 'Z', manager: { value: 'u-mgr' } });
      res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'remove', path: `${ENTERPRISE}:manager.value` }));
      expect((await stored(u.id))[ENTERPRISE]).toEqual({ department: 'Z' });
    });

    it('Entra\'s dotted and URN keys in a path-less value, and the core URN before a core attribute', async () => {
      const u = await newUser();
      const res = await h.scim('PATCH', `/Users/${u.id}`, patch(
        { op: 'Add', value: { 'name.middleName': 'Mid', [`${ENTERPRISE}:manager.value`]: 'u-m2', [`${USER_SCHEMA}:title`]: 'Chief' } },
        { op: 'Replace', path: `${USER_SCHEMA}:name.familyName`, value: 'Fam' },
      ));
      expect(res.status, res.text).toBe(200);
      const after = await stored(u.id);
      expect(after.name).toMatchObject({ middleName: 'Mid', familyName: 'Fam' });
      expect(after.title).toBe('Chief');
      expect(after[ENTERPRISE]).toEqual({ manager: { value: 'u-m2' } });
    });
  });

  describe('never a silent 200', () => {
    const refused = async (id: string, op: unknown, status: number, scimType: string, names: string) => {
      const before = await stored(id);
      const res = await h.scim('PATCH', `/Users/${id}`, patch(op));
      expect(res.status, res.text).toBe(status);
      expect(res.body.scimType).toBe(scimType);
      expect(res.body.detail).toContain(names);
      const after = await stored(id);
      expect({ ...after, meta: null }).toEqual({ ...before, meta: null });
    };

    it('remove active → 400 invalidValue (CloudSSO\'s Status has no unassigned state), and the user stays enabled', async () => {
      const u = await newUser();
      await refused(u.id, { op: 'remove', path: 'active' }, 400, 'invalidValue', 'active');
      expect((await stored(u.id)).active).toBe(true);
    });

    it('read-only id and meta → 400 mutability; immutable userName: remove or change → 400 mutability', async () => {
      const u = await newUser();
      await refused(u.id, { op: 'replace', path: 'id', value: 'u-other' }, 400, 'mutability', 'id');
      await refused(u.id, { op: 'remove', path: 'id' }, 400, 'mutability', 'id');
      await refused(u.id, { op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }, 400, 'mutability', 'meta.created');
      await refused(u.id, { op: 'replace', path: 'meta', value: { created: 'x' } }, 400, 'mutability', 'meta');
      await refused(u.id, { op: 'remove', path: 'userName' }, 400, 'mutability', 'userName');
      await refused(u.id, { op: 'replace', path: 'userName', value: 'someone.else' }, 400, 'mutability', 'userName');
      await refused(u.id, { op: 'replace', value: { id: 'u-different' } }, 400, 'mutability', 'id');
    });

    it('a replace of userName with its current value (Okta, Entra) succeeds, as does an echoed id', async () => {
      const u = await newUser();
      let res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'Replace', path: 'userName', value: u.userName }));
      expect(res.status, res.text).toBe(200);
      res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', value: { id: u.id, userName: u.userName, displayName: 'Echo' } }));
      expect(res.status, res.text).toBe(200);
      expect((await stored(u.id)).displayName).toBe('Echo');
    });

    it('a replace whose filter matches nothing → 400 noTarget naming the path', async () => {
      const u = await newUser();
      await refused(u.id, { op: 'replace', path: 'emails[type eq "home"].value', value: 'h@example.com' }, 400, 'noTarget', 'emails[type eq "home"].value');
      await refused(u.id, { op: 'replace', path: 'phoneNumbers[type eq "work"]', value: { value: '1' } }, 400, 'noTarget', 'phoneNumbers');
    });

    it('an add through a filter that matches nothing creates the value it describes (Entra adds a work e-mail this way)', async () => {
      const u = await newUser({ emails: [] });
      const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'Add', path: 'emails[type eq "work"].value', value: 'new.work@example.com' }));
      expect(res.status, res.text).toBe(200);
      expect((await stored(u.id)).emails).toEqual([expect.objectContaining({ type: 'work', value: 'new.work@example.com' })]);
    });

    it('unknown attributes, sub-attributes and schemas → 400 invalidPath naming them, by path and by value key', async () => {
      const u = await newUser();
      await refused(u.id, { op: 'add', path: 'favouriteColour', value: 'blue' }, 400, 'invalidPath', 'favouriteColour');
      await refused(u.id, { op: 'add', path: 'name.nickname', value: 'x' }, 400, 'invalidPath', 'nickname');
      await refused(u.id, { op: 'replace', value: { favouriteColour: 'blue', title: 'T' } }, 400, 'invalidPath', 'favouriteColour');
      await refused(u.id, { op: 'add', path: `${ENTERPRISE}:shoeSize`, value: '9' }, 400, 'invalidPath', 'shoeSize');
      await refused(u.id, { op: 'add', path: 'urn:example:unknown:2.0:User:x', value: '9' }, 400, 'invalidPath', 'urn:example:unknown:2.0:User:x');
      await refused(u.id, { op: 'remove', path: 'groups' }, 400, 'invalidPath', 'groups');
    });

    it('a value of the wrong type → 400 invalidValue naming the attribute', async () => {
      const u = await newUser();
      await refused(u.id, { op: 'replace', path: 'title', value: { not: 'a string' } }, 400, 'invalidValue', 'title');
      await refused(u.id, { op: 'replace', path: 'emails', value: ['plain@example.com'] }, 400, 'invalidValue', 'emails');
    });
  });
});
