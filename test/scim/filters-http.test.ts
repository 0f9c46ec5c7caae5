import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, GROUP_SCHEMA, USER_SCHEMA, startHarness, type ScimHarness, TRANSPORTS } from '../support/scim-harness';

// A small fixed directory; each filter's expected result is worked out by hand from it.
const PEOPLE = [
  { userName: 'alice', displayName: 'Alice Liddell', title: 'Engineer', active: true, externalId: 'ext-A1', emails: [{ value: 'alice@work.example', type: 'work', primary: true }, { value: 'alice@home.example', type: 'home' }], dept: 'R&D' },
  { userName: 'bob', displayName: 'Bob Builder', title: 'Manager', active: false, externalId: 'ext-B2', emails: [{ value: 'bob@work.example', type: 'work', primary: true }], dept: 'Ops' },
  { userName: 'Carol.Jones', displayName: 'Carol Jones', active: true, externalId: 'ext-C3', emails: [{ value: 'carol@home.example', type: 'home', primary: true }], dept: 'R&D' },
  { userName: 'dave', displayName: 'Dave', title: 'engineer', active: true, emails: [] as { value: string; type: string; primary?: boolean }[], dept: null },
];

describe.each(TRANSPORTS)('SCIM filters (RFC 7644 §3.4.2.2) — over %s', (transport) => {
  let h: ScimHarness;
  const id: Record<string, string> = {};
  let createdBetween = '';
  let engineers = '';
  beforeAll(async () => {
    h = await startHarness({ transport });
    for (const [i, p] of PEOPLE.entries()) {
      const body: Record<string, unknown> = { schemas: [USER_SCHEMA, ENTERPRISE], userName: p.userName, displayName: p.displayName, active: p.active, emails: p.emails };
      if (p.title) body.title = p.title;
      if (p.externalId) body.externalId = p.externalId;
      if (p.dept) body[ENTERPRISE] = { department: p.dept };
      const res = await h.scim('POST', '/Users', body);
      expect(res.status).toBe(201);
      id[p.userName] = res.body.id;
      if (i === 1) createdBetween = res.body.meta.created;
      await new Promise((r) => setTimeout(r, 15));
    }
    engineers = (await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineers', externalId: 'grp-ext-1', members: [{ value: id.alice }, { value: id.dave }] })).body.id;
    await h.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Managers', members: [{ value: id.bob }] });
  });
  afterAll(async () => h.close());

  const users = async (filter: string) => {
    const res = await h.scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
    expect(res.status, `${filter}: ${res.text}`).toBe(200);
    expect(res.body.totalResults).toBe(res.body.Resources.length);
    return res.body.Resources.map((u: { userName: string }) => u.userName).sort();
  };

  const cases: [string, string[]][] = [
    ['userName eq "alice"', ['alice']],
    ['USERNAME eq "ALICE"', ['alice']],
    ['userName eq "carol.jones"', ['Carol.Jones']],
    ['userName ne "alice"', ['Carol.Jones', 'bob', 'dave']],
    ['userName co "o"', ['Carol.Jones', 'bob']],
    ['userName sw "CA"', ['Carol.Jones']],
    ['userName ew "e"', ['alice', 'dave']],
    ['userName gt "c"', ['Carol.Jones', 'dave']],
    ['userName ge "carol.jones"', ['Carol.Jones', 'dave']],
    ['userName lt "bob"', ['alice']],
    ['userName le "bob"', ['alice', 'bob']],
    ['title pr', ['alice', 'bob', 'dave']],
    ['not (title pr)', ['Carol.Jones']],
    ['externalId eq "ext-B2"', ['bob']],
    ['active eq false', ['bob']],
    ['active eq true and title co "engineer"', ['alice', 'dave']],
    ['userName eq "alice" or userName eq "bob"', ['alice', 'bob']],
    ['(userName eq "alice" or userName eq "bob") and active eq true', ['alice']],
    ['userName eq "alice" or userName eq "bob" and active eq true', ['alice']],
    ['emails[type eq "work"].value eq "bob@work.example"', ['bob']],
    ['emails[type eq "work" and value co "alice"]', ['alice']],
    ['emails.value eq "ALICE@HOME.EXAMPLE"', ['alice']],
    ['emails.type eq "home"', ['Carol.Jones', 'alice']],
    ['emails pr', ['Carol.Jones', 'alice', 'bob']],
    ['name.givenName pr', []],
    ['displayName sw "bob"', ['bob']],
    [`${ENTERPRISE}:department eq "R&D"`, ['Carol.Jones', 'alice']],
    ['id eq "__ID_BOB__"', ['bob']],
    ['meta.resourceType eq "User" and userName eq "dave"', ['dave']],
  ];
  for (const [filter, expected] of cases) {
    it(`${filter} → ${expected.join(', ') || '(none)'}`, async () => {
      expect(await users(filter.replace('__ID_BOB__', id.bob!))).toEqual([...expected].sort());
    });
  }

  it('compares meta.created and meta.lastModified as times', async () => {
    expect(await users(`meta.created gt "${createdBetween}"`)).toEqual(['Carol.Jones', 'dave']);
    expect(await users(`meta.created le "${createdBetween}"`)).toEqual(['alice', 'bob']);
    expect(await users(`meta.lastModified ge "${createdBetween}" and meta.lastModified lt "2999-01-01T00:00:00Z"`)).toEqual(['Carol.Jones', 'bob', 'dave']);
  });

  it('Entra\'s unquoted externalId value is read as a string', async () => {
    expect(await users('externalId eq ext-A1')).toEqual(['alice']);
  });

  it('an IdP test connection with a random GUID returns 200 and an empty list', async () => {
    const res = await h.scim('GET', '/Users?filter=' + encodeURIComponent('userName eq "7d1a6a4e-8f1e-4f0e-9a3b-5e2d1c0b9a87"'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('filters groups by displayName (case-insensitive), externalId and members.value', async () => {
    const groups = async (filter: string) => {
      const res = await h.scim('GET', `/Groups?filter=${encodeURIComponent(filter)}`);
      expect(res.status, filter).toBe(200);
      return res.body.Resources.map((g: { displayName: string }) => g.displayName).sort();
    };
    expect(await groups('displayName eq "engineers"')).toEqual(['Engineers']);
    expect(await groups('externalId eq "grp-ext-1"')).toEqual(['Engineers']);
    expect(await groups(`members.value eq "${id.bob}"`)).toEqual(['Managers']);
    expect(await groups(`members[value eq "${id.dave}"]`)).toEqual(['Engineers']);
    expect(await groups('displayName sw "M" or displayName sw "E"')).toEqual(['Engineers', 'Managers']);
    const filtered = await h.scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Engineers"')}`);
    expect(filtered.body.Resources[0].members.map((m: { value: string }) => m.value).sort()).toEqual([id.alice, id.dave].sort());
    expect(filtered.body.Resources[0].id).toBe(engineers);
  });

  it('combines a filter with paging', async () => {
    const res = await h.scim('GET', `/Users?filter=${encodeURIComponent('active eq true')}&startIndex=2&count=1`);
    expect(res.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(res.body.Resources[0].userName).toBe('Carol.Jones');
  });

  it('refuses invalid filters with 400 invalidFilter', async () => {
    for (const bad of ['userName', 'userName eq', 'userName xx "a"', '(userName eq "a"', 'userName eq "a" and', 'emails[type eq "work"', 'userName eq "unterminated']) {
      const res = await h.scim('GET', `/Users?filter=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body, bad).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    }
  });

  it('a filter on an attribute outside the schema matches nothing (such attributes are never stored)', async () => {
    const res = await h.scim('GET', `/Users?filter=${encodeURIComponent('nosuchattribute eq "x"')}`);
    expect([200, 400]).toContain(res.status);
    if (res.status === 200) expect(res.body.Resources).toEqual([]);
    else expect(res.body.scimType).toBe('invalidFilter');
  });

  it('treats a filter value as data, never as SQL', async () => {
    expect(await users('userName eq "x\\" or 1=1 --"')).toEqual([]);
    expect(await users("userName eq \"alice' OR '1'='1\"")).toEqual([]);
    expect(await users('userName co "%"')).toEqual([]);
    expect(await users('userName co "_"')).toEqual([]);
  });
});
