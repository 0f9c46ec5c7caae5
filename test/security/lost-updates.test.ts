// No acknowledged write is lost: a PATCH that carries a password must not write back a copy of the user it read
// before hashing (scrypt takes ~40 ms), over a change another request made meanwhile. Each trial starts the
// password request first and the other one while the hash is running, then checks that both changes are stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src-main/core/directory/password';
import { patch, startHarness, userBody, type ScimHarness } from '../support/scim-harness';

const TRIALS = 10;
const HEAD_START_MS = 8;

interface Stored {
  displayName: string;
  active: boolean;
  passwordHash: string;
}

describe('concurrent writes around password hashing', () => {
  let h: ScimHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(async () => h.close());

  const stored = (id: string): Stored => {
    const row = h.server.tenant.db.prepare('SELECT display_name, status, password_hash FROM users WHERE id = ?').get(id) as { display_name: string; status: string; password_hash: string };
    return { displayName: row.display_name, active: row.status === 'Enabled', passwordHash: row.password_hash };
  };

  /** Starts `first`, then `second` while the first one's hash is running; both must be acknowledged. */
  async function race(first: () => ReturnType<ScimHarness['scim']>, second: () => ReturnType<ScimHarness['scim']>): Promise<void> {
    const a = first();
    await new Promise((r) => setTimeout(r, HEAD_START_MS));
    const [ra, rb] = await Promise.all([a, second()]);
    expect(ra.status, ra.text).toBeLessThan(300);
    expect(rb.status, rb.text).toBeLessThan(300);
  }

  let n = 0;
  async function freshUser(): Promise<string> {
    const created = await h.scim('POST', '/Users', userBody(`race.${++n}`, { password: 'Initial-Pw-1!' }));
    expect(created.status, created.text).toBe(201);
    return created.body.id as string;
  }

  const passwordWays = {
    'PATCH password by path': (pw: string) => patch({ op: 'replace', path: 'password', value: pw }),
    'PATCH password in a value object (Entra capitalisation)': (pw: string) => patch({ op: 'Replace', value: { password: pw } }),
  };

  it.each(Object.entries(passwordWays))('%s ‖ PATCH displayName and PATCH active:false: every change is stored', async (_way, body) => {
    const lost: string[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const id = await freshUser();
      const pw = `Race-Pw-${i}-x!`;
      const name = `Renamed ${i}`;
      await race(
        () => h.scim('PATCH', `/Users/${id}`, body(pw)),
        async () => {
          const renamed = await h.scim('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'displayName', value: name }));
          return renamed.status < 300 ? h.scim('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'active', value: false })) : renamed;
        },
      );
      const after = stored(id);
      if (after.displayName !== name) lost.push(`trial ${i}: displayName is ${after.displayName}`);
      if (after.active) lost.push(`trial ${i}: active:false was lost (the user is still enabled)`);
      if (!(await verifyPassword(pw, after.passwordHash))) lost.push(`trial ${i}: the new password was lost`);
    }
    expect(lost).toEqual([]);
  });

  it('PATCH password ‖ PUT without a password: the PUT is kept and so is the password', async () => {
    const lost: string[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const id = await freshUser();
      const pw = `Race-Put-${i}-x!`;
      await race(
        () => h.scim('PATCH', `/Users/${id}`, passwordWays['PATCH password by path'](pw)),
        () => h.scim('PUT', `/Users/${id}`, userBody(`race.${n}`, { displayName: `Put ${i}`, active: false })),
      );
      const after = stored(id);
      if (after.displayName !== `Put ${i}` || after.active) lost.push(`trial ${i}: the PUT was lost (${after.displayName}, active ${after.active})`);
      if (!(await verifyPassword(pw, after.passwordHash))) lost.push(`trial ${i}: the new password was lost`);
    }
    expect(lost).toEqual([]);
  });

  it('PUT with a password ‖ PATCH active:false: the result is one of the two orders, and the password is stored', async () => {
    const wrong: string[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const id = await freshUser();
      const pw = `Race-PutPw-${i}-x!`;
      await race(
        () => h.scim('PUT', `/Users/${id}`, userBody(`race.${n}`, { displayName: `PutPw ${i}`, password: pw })),
        () => h.scim('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'active', value: false })),
      );
      const after = stored(id);
      // PUT replaces the whole user, so "PATCH, then PUT" legitimately ends enabled; either way the PUT's name is kept.
      if (after.displayName !== `PutPw ${i}`) wrong.push(`trial ${i}: the PUT's displayName was lost`);
      if (!(await verifyPassword(pw, after.passwordHash))) wrong.push(`trial ${i}: the PUT's password was lost`);
    }
    expect(wrong).toEqual([]);
  });

  it('group PATCH of attributes ‖ membership PATCH: both are stored', async () => {
    const users = await Promise.all([freshUser(), freshUser()]);
    const lost: string[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const group = await h.scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `race-group-${i}` });
      expect(group.status, group.text).toBe(201);
      const [r1, r2] = await Promise.all([
        h.scim('PATCH', `/Groups/${group.body.id}`, patch({ op: 'replace', path: 'externalId', value: `ext-${i}` }, { op: 'add', path: 'members', value: [{ value: users[0] }] })),
        h.scim('PATCH', `/Groups/${group.body.id}`, patch({ op: 'add', path: 'members', value: [{ value: users[1] }] })),
      ]);
      expect(r1.status, r1.text).toBe(204);
      expect(r2.status, r2.text).toBe(204);
      const back = await h.scim('GET', `/Groups/${group.body.id}`);
      const members = (back.body.members as { value: string }[]).map((m) => m.value).sort();
      if (back.body.externalId !== `ext-${i}` || members.join() !== [...users].sort().join()) lost.push(`trial ${i}: ${back.text}`);
    }
    expect(lost).toEqual([]);
  });
});
