// A conformance matrix generated from what GET /Schemas serves: add, replace and remove on every attribute and
// sub-attribute of the core User, enterprise User and Group schemas, through every path form (attr, attr.sub,
// attr[filter].sub, urn:…:attr, the bare extension URN, path-less value keys), then a GET that must show exactly
// the change — or a refusal whose scimType matches the attribute's mutability / required flag. And the reverse:
// everything a GET returns is described in /Schemas, with the mutability, returned and uniqueness it really has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, GROUP_SCHEMA, USER_SCHEMA, patch, startHarness, type ScimHarness } from '../support/scim-harness';

interface SchemaAttr {
  name: string;
  type: string;
  multiValued: boolean;
  required: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: string;
  subAttributes?: SchemaAttr[];
}
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- SCIM JSON under test
type Op = 'add' | 'replace' | 'remove';

interface Case {
  title: string;
  resource: 'User' | 'Group';
  op: Op;
  body: unknown;
  /** A refusal the attribute's definition calls for, or a check of the stored resource. */
  expected: { refused: string } | { check: (after: Doc, before: Doc) => void };
}

let counter = 0;
const unique = () => ++counter;

/** What CloudSSO's rules accept for this attribute (a name, an e-mail address…), else a value of its SCIM type. */
function sampleValue(schema: string, attr: SchemaAttr, sub?: SchemaAttr): unknown {
  const n = unique();
  const named = sub ?? attr;
  if (schema === GROUP_SCHEMA && attr.name === 'displayName') return `matrix-group-${n}`;
  if (attr.name === 'emails' && named.name === 'value') return `matrix${n}@example.com`;
  if (attr.name === 'password') return `Matrix-Passw0rd-${n}!`;
  if (named.type === 'boolean') return named.name === 'active' ? false : true;
  if (named.type === 'reference') return `https://example.com/ref/${n}`;
  if (named.type === 'complex') {
    return Object.fromEntries((named.subAttributes ?? []).filter((s) => s.mutability !== 'readOnly').map((s) => [s.name, sampleValue(schema, attr, s)]));
  }
  return `v${n}`;
}

/** The location a reference names, read from a GET of the resource. */
const locate = (doc: Doc, schema: string, attr: string): unknown => (schema === ENTERPRISE ? doc[ENTERPRISE]?.[attr] : doc[attr]);

/** Every path form that reaches `attr` (or `attr.sub`) of `schema`: [title, PatchOp operation for a value]. */
function forms(schema: string, attr: SchemaAttr, sub: SchemaAttr | undefined, op: Op): [string, (value: unknown) => Doc][] {
  const rel = sub ? `${attr.name}.${sub.name}` : attr.name;
  const withValue = (value: unknown) => (op === 'remove' ? {} : { value });
  const out: [string, (value: unknown) => Doc][] = [[`path ${rel}`, (v) => ({ op, path: schema === ENTERPRISE ? `${ENTERPRISE}:${rel}` : rel, ...withValue(v) })]];
  if (schema !== ENTERPRISE) out.push([`path urn:…:${rel}`, (v) => ({ op, path: `${schema}:${rel}`, ...withValue(v) })]);
  if (op !== 'remove') {
    out.push([`value key "${schema === ENTERPRISE ? 'urn:…:' : ''}${rel}"`, (v) => ({ op, value: { [schema === ENTERPRISE ? `${ENTERPRISE}:${rel}` : rel]: v } })]);
    if (schema === ENTERPRISE && !sub) {
      out.push([`bare extension URN path, {${rel}}`, (v) => ({ op, path: ENTERPRISE, value: { [attr.name]: v } })]);
      out.push([`value keyed by the extension URN, {${rel}}`, (v) => ({ op, value: { [ENTERPRISE]: { [attr.name]: v } } })]);
    }
  }
  if (attr.multiValued && sub && attr.name !== 'members') {
    out.push([`path ${attr.name}[type eq "work"].${sub.name}`, (v) => ({ op, path: `${schema === ENTERPRISE ? `${ENTERPRISE}:` : ''}${attr.name}[type eq "work"].${sub.name}`, ...withValue(v) })]);
  }
  return out;
}

/** What the definition says must happen, for a resource that already holds a value of every attribute. */
function expectation(schema: string, attr: SchemaAttr, sub: SchemaAttr | undefined, op: Op, value: unknown, path: string): Case['expected'] {
  const named = sub ?? attr;
  if (attr.mutability === 'readOnly' || named.mutability === 'readOnly') return { refused: 'mutability' };
  if (attr.name === 'members') {
    if (sub) return { refused: 'mutability' }; // a member's value/$ref/type are immutable: members are added or removed whole
    return { check: (after) => (op === 'remove' ? expect(after.members ?? []).toEqual([]) : expect(after.members.map((m: Doc) => m.value)).toContain((value as Doc[])[0]!.value)) };
  }
  if (attr.mutability === 'immutable') return { refused: 'mutability' }; // userName: a different value, or a remove
  if (op === 'remove' && !sub && (attr.required || attr.name === 'active' || attr.name === 'password')) return { refused: 'invalidValue' };
  // CloudSSO keeps one e-mail column: an e-mail without its address cannot be stored
  if (op === 'remove' && attr.name === 'emails' && sub?.name === 'value') return { refused: 'invalidValue' };
  if (named.returned === 'never') return { check: (after) => expect(JSON.stringify(after)).not.toContain(String(value)) };
  const filtered = path.includes('[type eq "work"]');
  return {
    check: (after, before) => {
      const got = locate(after, schema, attr.name) as Doc | Doc[] | undefined;
      if (!sub) {
        if (op === 'remove') return expect(got).toBeUndefined();
        if (!attr.multiValued) return attr.type === 'complex' ? expect(got).toMatchObject(value as Doc) : expect(got).toEqual(value);
        const element = expect.objectContaining(Array.isArray(value) ? value[0] : value);
        if (op === 'add') expect((got as Doc[]).length).toBe((locate(before, schema, attr.name) as Doc[]).length + 1);
        else expect(got).toHaveLength(1);
        return expect(got).toContainEqual(element);
      }
      if (!attr.multiValued) return op === 'remove' ? expect((got as Doc | undefined)?.[sub.name]).toBeUndefined() : expect((got as Doc)[sub.name]).toEqual(value);
      const elements = (got ?? []) as Doc[];
      // the work value (with a filter) or every value (without one) now has / no longer has the sub-attribute
      const touched = filtered ? elements.filter((e, i) => (locate(before, schema, attr.name) as Doc[])[i]?.type === 'work') : elements;
      expect(touched.length).toBeGreaterThan(0);
      for (const e of touched) {
        if (op === 'remove') expect(e[sub.name]).toBeUndefined();
        else expect(e[sub.name]).toEqual(value);
      }
    },
  };
}

/** A user holding a value of every writable attribute, multi-valued ones with a "work" value to filter on. */
function fullUser(): Doc {
  const n = unique();
  const work = (value: string) => [{ value, type: 'work', display: 'Work', primary: true }];
  return {
    schemas: [USER_SCHEMA, ENTERPRISE],
    userName: `matrix.user${n}`, externalId: `ext-${n}`, displayName: 'Matrix User', nickName: 'M', profileUrl: 'https://example.com/p', title: 'T', userType: 'Employee',
    preferredLanguage: 'en', locale: 'en-US', timezone: 'Europe/Paris', active: true,
    name: { formatted: 'M U', familyName: 'User', givenName: 'Matrix', middleName: 'X', honorificPrefix: 'Dr', honorificSuffix: 'III' },
    emails: work(`matrix.user${n}@example.com`), phoneNumbers: work('+1 555'), ims: work('im'), photos: work('https://example.com/a.png'),
    addresses: [{ type: 'work', formatted: 'F', streetAddress: 'S', locality: 'L', region: 'R', postalCode: 'P', country: 'C', primary: true }],
    entitlements: work('e'), roles: work('r'), x509Certificates: work('MIIC'),
    [ENTERPRISE]: { employeeNumber: '1', costCenter: 'cc', organization: 'o', division: 'd', department: 'dep', manager: { value: 'u-boss', $ref: 'https://example.com/boss' } },
  };
}

describe('conformance matrix generated from /Schemas', () => {
  let h: ScimHarness;
  let served: Record<string, SchemaAttr[]>;
  let memberId: string;
  beforeAll(async () => {
    h = await startHarness();
    const list = (await h.scim('GET', '/Schemas')).body.Resources as { id: string; attributes: SchemaAttr[] }[];
    served = Object.fromEntries(list.map((s) => [s.id, s.attributes]));
    memberId = (await h.scim('POST', '/Users', fullUser())).body.id;
  });
  afterAll(async () => h.close());

  function cases(): Case[] {
    const all: Case[] = [];
    for (const [schema, resource] of [[USER_SCHEMA, 'User'], [ENTERPRISE, 'User'], [GROUP_SCHEMA, 'Group']] as const) {
      for (const attr of served[schema]!) {
        for (const sub of [undefined, ...(attr.subAttributes ?? [])]) {
          for (const op of ['add', 'replace', 'remove'] as const) {
            for (const [form, operation] of forms(schema, attr, sub, op)) {
              // a fresh value per case: e-mail addresses and group names must be unique in the directory
              let value = sampleValue(schema, attr, sub);
              if (attr.name === 'members' && !sub) value = [{ value: memberId }];
              else if (attr.multiValued && !sub) value = [{ ...(value as Doc), type: 'home', primary: false }];
              const body = operation(value);
              all.push({ title: `${resource} ${op} ${sub ? `${attr.name}.${sub.name}` : attr.name} by ${form}`, resource, op, body: patch(body), expected: expectation(schema, attr, sub, op, value, body.path ?? '') });
            }
          }
        }
      }
    }
    return all;
  }

  it('every generated case is stored exactly, or refused as the attribute\'s definition says', async () => {
    const all = cases();
    expect(all.length).toBeGreaterThan(300);
    const failures: string[] = [];
    for (const c of all) {
      const created = c.resource === 'User'
        ? await h.scim('POST', '/Users', fullUser())
        : await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `matrix-g${unique()}`, externalId: 'ext-g', members: [{ value: memberId }] });
      const url = `/${c.resource}s/${created.body.id}`;
      const before = created.body;
      const res = await h.scim('PATCH', url, c.body);
      const after = (await h.scim('GET', url)).body;
      try {
        if ('refused' in c.expected) {
          expect(res.status, res.text).toBe(400);
          expect(res.body.scimType).toBe(c.expected.refused);
          expect({ ...after, meta: null }).toEqual({ ...before, meta: null });
        } else {
          expect(res.status, res.text).toBe(c.resource === 'User' ? 200 : 204);
          c.expected.check(after, before);
        }
      } catch (e) {
        failures.push(`${c.title}: ${(e as Error).message.split('\n')[0]} — ${JSON.stringify(c.body).slice(0, 200)}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('a replace of the immutable userName with its current value succeeds (Okta and Entra send it)', async () => {
    const user = (await h.scim('POST', '/Users', fullUser())).body;
    for (const body of [patch({ op: 'replace', path: 'userName', value: user.userName }), patch({ op: 'Replace', value: { userName: user.userName } })]) {
      expect((await h.scim('PATCH', `/Users/${user.id}`, body)).status).toBe(200);
    }
  });

  describe('the reverse: what a GET returns is what /Schemas describes', () => {
    const described = (schema: string, key: string) => served[schema]!.find((a) => a.name === key);

    it('every attribute and sub-attribute of a full User and Group is declared, and none declared "never" is returned', async () => {
      const user = (await h.scim('GET', `/Users/${memberId}`)).body;
      const g = (await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `matrix-rev${unique()}`, externalId: 'x', members: [{ value: memberId }] })).body;
      const group = (await h.scim('GET', `/Groups/${g.id}`)).body;
      const check = (doc: Doc, schema: string) => {
        for (const [key, value] of Object.entries(doc)) {
          if (key === 'schemas' || key === 'meta' || key === ENTERPRISE) continue;
          const attr = described(schema, key);
          expect(attr, `${schema} ${key}`).toBeDefined();
          expect(attr!.returned).not.toBe('never');
          for (const element of (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'object')) {
            for (const subKey of Object.keys(element)) expect(attr!.subAttributes?.some((s) => s.name === subKey), `${key}.${subKey}`).toBe(true);
          }
        }
      };
      check(user, USER_SCHEMA);
      check(user[ENTERPRISE], ENTERPRISE);
      check(group, GROUP_SCHEMA);
      expect(user.password).toBeUndefined();
      expect(described(USER_SCHEMA, 'password')!.returned).toBe('never');
    });

    it('"returned: always" attributes come back even when other attributes are asked for', async () => {
      for (const [schema, url] of [[USER_SCHEMA, `/Users/${memberId}`]] as const) {
        const body = (await h.scim('GET', `${url}?attributes=title`)).body;
        for (const attr of served[schema]!.filter((a) => a.returned === 'always')) expect(body[attr.name], attr.name).toBeDefined();
      }
    });

    it('"uniqueness: server" attributes are refused when taken (409 uniqueness); the declared mutability is what PATCH enforces (the matrix above)', async () => {
      const taken = (await h.scim('GET', `/Users/${memberId}`)).body;
      for (const attr of served[USER_SCHEMA]!.filter((a) => a.uniqueness === 'server' && a.mutability !== 'readOnly')) {
        const res = await h.scim('POST', '/Users', { ...fullUser(), [attr.name]: taken[attr.name].toUpperCase() });
        expect(res.status, attr.name).toBe(409);
        expect(res.body.scimType).toBe('uniqueness');
      }
      const group = (await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `matrix-uniq${unique()}` })).body;
      for (const attr of served[GROUP_SCHEMA]!.filter((a) => a.uniqueness === 'server' && a.mutability !== 'readOnly')) {
        const res = await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], [attr.name]: group[attr.name] });
        expect(res.status, attr.name).toBe(409);
        expect(res.body.scimType).toBe('uniqueness');
      }
      expect(served[USER_SCHEMA]!.find((a) => a.name === 'id')).toMatchObject({ mutability: 'readOnly', returned: 'always', uniqueness: 'server' });
    });
  });
});
