import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, USER_SCHEMA, patch, startHarness, userBody, type ScimHarness, TRANSPORTS } from '../support/scim-harness';

describe.each(TRANSPORTS)('SCIM PATCH /Users (RFC 7644 §3.5.2, as Entra and Okta send it) — over %s', (transport) => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness({ transport })));
  afterAll(async () => h.close());

  let n = 0;
  const newUser = async (extra: Record<string, unknown> = {}) => {
    const res = await h.scim('POST', '/Users', userBody(`patch.u${++n}`, extra));
    expect(res.status).toBe(201);
    return res.body as { id: string; userName: string; [k: string]: unknown };
  };
  const cloudsso = (id: string) => h.server.tenant.users.get(id);

  it('replace on a simple attribute, with op capitalised as Entra sends it', async () => {
    const u = await newUser();
    const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'Replace', path: 'displayName', value: 'Renamed' }));
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('Renamed');
    expect(cloudsso(u.id).DisplayName).toBe('Renamed');
    expect((await h.scim('GET', `/Users/${u.id}`)).body.displayName).toBe('Renamed');
  });

  it('add, replace and remove on sub-attribute paths (name.givenName, name.familyName)', async () => {
    const u = await newUser();
    let res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'Add', path: 'name.middleName', value: 'M' }, { op: 'replace', path: 'name.familyName', value: 'Newfamily' }));
    expect(res.status).toBe(200);
    expect(res.body.name).toEqual({ givenName: 'Given', familyName: 'Newfamily', middleName: 'M' });
    expect(cloudsso(u.id).LastName).toBe('Newfamily');
    res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'Remove', path: 'name.givenName' }));
    expect(res.status).toBe(200);
    expect(res.body.name).toEqual({ familyName: 'Newfamily', middleName: 'M' });
    expect(cloudsso(u.id).FirstName).toBeNull();
  });

  it('value-filter path emails[type eq "work"].value changes CloudSSO Email', async () => {
    const u = await newUser();
    const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'changed.work@example.com' }));
    expect(res.status).toBe(200);
    expect(res.body.emails).toEqual([{ value: 'changed.work@example.com', type: 'work', primary: true }]);
    expect(cloudsso(u.id).Email).toBe('changed.work@example.com');
  });

  it('remove with a value filter removes only the matching element', async () => {
    const u = await newUser({ phoneNumbers: [{ value: '111', type: 'work' }, { value: '222', type: 'mobile' }] });
    const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'remove', path: 'phoneNumbers[type eq "mobile"]' }));
    expect(res.status).toBe(200);
    expect(res.body.phoneNumbers).toEqual([{ value: '111', type: 'work' }]);
  });

  it('add on a multi-valued attribute appends', async () => {
    const u = await newUser({ phoneNumbers: [{ value: '111', type: 'work' }] });
    const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'add', path: 'phoneNumbers', value: [{ value: '333', type: 'home' }] }));
    expect(res.status).toBe(200);
    expect(res.body.phoneNumbers).toEqual([{ value: '111', type: 'work' }, { value: '333', type: 'home' }]);
  });

  it('enterprise extension attributes by full URN path, including the manager', async () => {
    const u = await newUser();
    const res = await h.scim(
      'PATCH',
      `/Users/${u.id}`,
      patch(
        { op: 'Add', path: `${ENTERPRISE}:employeeNumber`, value: '42' },
        { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Finance' },
        { op: 'Add', path: `${ENTERPRISE}:manager`, value: { value: 'u-manager-id' } },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body.schemas).toContain(ENTERPRISE);
    expect(res.body[ENTERPRISE]).toMatchObject({ employeeNumber: '42', department: 'Finance', manager: { value: 'u-manager-id' } });
    const got = (await h.scim('GET', `/Users/${u.id}`)).body;
    expect(got[ENTERPRISE]).toEqual(res.body[ENTERPRISE]);
    const removed = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'Remove', path: `${ENTERPRISE}:department` }));
    expect(removed.body[ENTERPRISE]).not.toHaveProperty('department');
    expect(removed.body[ENTERPRISE].employeeNumber).toBe('42');
  });

  it('Entra\'s manager add, an array of one {$ref: null, value}, becomes the single manager the schema declares', async () => {
    const u = await newUser();
    const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'Add', path: `${ENTERPRISE}:manager`, value: [{ $ref: null, value: 'u-entraboss' }] }));
    expect(res.status).toBe(200);
    expect(res.body[ENTERPRISE].manager).toEqual({ value: 'u-entraboss' });
    const found = await h.scim('GET', `/Users?filter=${encodeURIComponent(`${ENTERPRISE}:manager.value eq "u-entraboss"`)}`);
    expect(found.body.Resources.map((r: { id: string }) => r.id)).toEqual([u.id]);
  });

  it('no-path replace with a value object (Okta), including active: false', async () => {
    const u = await newUser();
    const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', value: { active: false, title: 'Lead' } }));
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect(res.body.title).toBe('Lead');
    expect(cloudsso(u.id).Status).toBe('Disabled');
  });

  it('no-path replace with dotted keys and URN keys (Entra aadOptscim062020)', async () => {
    const u = await newUser();
    const res = await h.scim(
      'PATCH',
      `/Users/${u.id}`,
      patch({ op: 'replace', value: { 'name.givenName': 'Dotted', 'name.familyName': 'Keys', displayName: 'Dotted Keys', [`${ENTERPRISE}:employeeNumber`]: '7' } }),
    );
    expect(res.status).toBe(200);
    expect(res.body.name).toMatchObject({ givenName: 'Dotted', familyName: 'Keys' });
    expect(res.body).not.toHaveProperty(['name.givenName']);
    expect(res.body[ENTERPRISE]).toMatchObject({ employeeNumber: '7' });
    expect(res.body).not.toHaveProperty([`${ENTERPRISE}:employeeNumber`]);
    expect(cloudsso(u.id)).toMatchObject({ FirstName: 'Dotted', LastName: 'Keys', DisplayName: 'Dotted Keys' });
  });

  it('"False"/"True" strings for active (Entra without the flag) disable and re-enable', async () => {
    const u = await newUser();
    let res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'Replace', path: 'active', value: 'False' }));
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect(cloudsso(u.id).Status).toBe('Disabled');
    res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'Replace', path: 'active', value: 'True' }));
    expect(res.body.active).toBe(true);
    expect(cloudsso(u.id).Status).toBe('Enabled');
  });

  it('a "True"/"False" string for a primary sub-attribute is stored as a boolean', async () => {
    const u = await newUser();
    const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'Add', path: 'emails', value: [{ value: 'second@example.com', type: 'home', primary: 'False' }] }));
    expect(res.status).toBe(200);
    const home = res.body.emails.find((e: { type: string }) => e.type === 'home');
    expect(home.primary).toBe(false);
  });

  it('making a value primary makes every other value non-primary (RFC 7644 §3.5.2) and moves CloudSSO Email', async () => {
    const u = await newUser();
    let res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'Add', path: 'emails', value: [{ value: 'newprimary@example.com', type: 'home', primary: true }] }));
    expect(res.status).toBe(200);
    expect(res.body.emails.filter((e: { primary?: boolean }) => e.primary === true).map((e: { value: string }) => e.value)).toEqual(['newprimary@example.com']);
    expect(cloudsso(u.id).Email).toBe('newprimary@example.com');
    res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', path: `emails[value eq "${u.userName.replace('.', '')}@example.com"].primary`, value: 'True' }));
    expect(res.status).toBe(200);
    expect(res.body.emails.filter((e: { primary?: boolean }) => e.primary === true).map((e: { value: string }) => e.value)).toEqual([`${u.userName.replace('.', '')}@example.com`]);
    expect(cloudsso(u.id).Email).toBe(`${u.userName.replace('.', '')}@example.com`);
  });

  it('op is case-insensitive (ADD, rEpLaCe, Remove)', async () => {
    const u = await newUser();
    const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'ADD', path: 'nickName', value: 'Nick' }, { op: 'rEpLaCe', path: 'title', value: 'T' }, { op: 'Remove', path: 'displayName' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ nickName: 'Nick', title: 'T' });
    expect(res.body).not.toHaveProperty('displayName');
    expect(cloudsso(u.id).DisplayName).toBeNull();
  });

  it('a password PATCH is applied as a hash and never echoed', async () => {
    const u = await newUser();
    const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', path: 'password', value: 'Patched-Secret-3' }));
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('Patched-Secret-3');
    const row = h.server.tenant.db.prepare('SELECT password_hash, scim FROM users WHERE id = ?').get(u.id) as { password_hash: string; scim: string };
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.scim).not.toContain('Patched-Secret-3');
  });

  it('refuses a userName change by PATCH with 400 mutability', async () => {
    const u = await newUser();
    const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', path: 'userName', value: 'someone.else' }));
    expect(res.status).toBe(400);
    expect(res.body.scimType).toBe('mutability');
    expect(cloudsso(u.id).UserName).toBe(u.userName);
  });

  it('refuses malformed PatchOp bodies with 400 and a SCIM error', async () => {
    const u = await newUser();
    const cases: [unknown, string][] = [
      [{ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] }, 'invalidSyntax'],
      [patch({ op: 'move', path: 'title', value: 'x' }), 'invalidSyntax'],
      [patch({ op: 'remove' }), 'noTarget'],
      [patch({ op: 'replace', path: 'active', value: 'maybe' }), 'invalidValue'],
      [{ schemas: [USER_SCHEMA], Operations: [{ op: 'add', path: 'title', value: 'x' }] }, 'invalidSyntax'],
    ];
    for (const [body, scimType] of cases) {
      const res = await h.scim('PATCH', `/Users/${u.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ status: '400', scimType });
    }
  });

  it('PATCH on an unknown id is 404', async () => {
    const res = await h.scim('PATCH', '/Users/u-cccccccccccccccccccc', patch({ op: 'replace', path: 'title', value: 'x' }));
    expect(res.status).toBe(404);
  });

  it('updates meta.lastModified', async () => {
    const u = await newUser();
    await new Promise((r) => setTimeout(r, 5));
    const res = await h.scim('PATCH', `/Users/${u.id}`, patch({ op: 'replace', path: 'title', value: 'Later' }));
    expect(Date.parse(res.body.meta.lastModified)).toBeGreaterThan(Date.parse((u.meta as { created: string }).created));
  });
});
