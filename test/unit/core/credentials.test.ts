import Database from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialStore, MAX_CREDENTIALS } from '../../../src-main/core/credentials/credential-store';
import { CoreError } from '../../../src-main/core/errors';
import type { Tenant } from '../../../src-main/core/tenant';
import { tempTenant } from './fixtures';

describe('SCIM credentials', () => {
  let t: Tenant;
  let dispose: () => void;
  beforeEach(() => ({ tenant: t, dispose } = tempTenant()));
  afterEach(() => dispose());

  const at = (iso: string) => new CredentialStore(t.db, () => t.settings.directory().DirectoryId, () => new Date(iso));

  it('a new credential is an Enabled BearerToken of this directory; the secret is shown once and stored only as a hash', () => {
    const c = t.credentials.create();
    expect(c).toMatchObject({ CredentialType: 'BearerToken', Status: 'Enabled', DirectoryId: t.settings.directory().DirectoryId, Expired: false });
    expect(c.CredentialId).toMatch(/^scimcred-[a-z0-9]{20}$/);
    expect(c.CredentialSecret.length).toBeGreaterThanOrEqual(32);
    const listed = t.credentials.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('CredentialSecret');
    expect(JSON.stringify(t.db.prepare('SELECT * FROM credentials').all())).not.toContain(c.CredentialSecret);
  });

  it('allows at most 2 per directory; a third is refused with the emulator\'s LimitExceeded.SCIMCredential', () => {
    expect(MAX_CREDENTIALS).toBe(2);
    const a = t.credentials.create();
    t.credentials.create();
    let err: unknown;
    try {
      t.credentials.create();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe('LimitExceeded');
    expect((err as CoreError).message).toContain('LimitExceeded.SCIMCredential');
    expect(t.credentials.list()).toHaveLength(2);
    // a disabled one still counts; deleting one frees a slot
    t.credentials.setStatus(a.CredentialId, 'Disabled');
    expect(() => t.credentials.create()).toThrow(/at most 2/);
    t.credentials.delete(a.CredentialId);
    expect(t.credentials.create().Status).toBe('Enabled');
  });

  it('expires exactly one year after creation', () => {
    const c = at('2026-03-15T10:20:30.456Z').create();
    expect(c.CreateTime).toBe('2026-03-15T10:20:30.456Z');
    expect(c.ExpireTime).toBe('2027-03-15T10:20:30.456Z');
    expect(c.DaysToExpire).toBe(365);
    expect(c.ExpiryWarning).toBe(false);
  });

  it('warns from 90 days before expiry and reports expiry', () => {
    const c = at('2026-01-01T00:00:00.000Z').create();
    const view = (iso: string) => at(iso).list().find((x) => x.CredentialId === c.CredentialId)!;
    expect(view('2026-10-01T00:00:00.000Z').ExpiryWarning).toBe(false);
    expect(view('2026-10-05T00:00:00.000Z')).toMatchObject({ ExpiryWarning: true, Expired: false });
    expect(view('2027-01-01T00:00:00.000Z')).toMatchObject({ Expired: true, ExpiryWarning: false });
  });

  it('authenticates an enabled, unexpired secret; refuses unknown, disabled and expired ones', () => {
    const c = at('2026-01-01T00:00:00.000Z').create();
    expect(at('2026-06-01T00:00:00.000Z').authenticate(c.CredentialSecret)).toEqual({ ok: true, credentialId: c.CredentialId });
    expect(at('2026-06-01T00:00:00.000Z').authenticate(null)).toMatchObject({ ok: false, reason: 'missing' });
    expect(at('2026-06-01T00:00:00.000Z').authenticate(`${c.CredentialSecret}x`)).toMatchObject({ ok: false, reason: 'unknown' });
    expect(at('2027-01-01T00:00:00.000Z').authenticate(c.CredentialSecret)).toMatchObject({ ok: false, reason: 'expired', credentialId: c.CredentialId });
    expect(at('2026-12-31T23:59:59.999Z').authenticate(c.CredentialSecret).ok).toBe(true);
    t.credentials.setStatus(c.CredentialId, 'Disabled');
    expect(at('2026-06-01T00:00:00.000Z').authenticate(c.CredentialSecret)).toMatchObject({ ok: false, reason: 'disabled', credentialId: c.CredentialId });
    t.credentials.setStatus(c.CredentialId, 'Enabled');
    expect(at('2026-06-01T00:00:00.000Z').authenticate(c.CredentialSecret).ok).toBe(true);
  });

  it('an expired row (expires_at edited in SQL by another process) is refused by the tenant\'s own store', async () => {
    const c = t.credentials.create();
    expect(t.credentials.authenticate(c.CredentialSecret).ok).toBe(true);
    // another connection, as the CLI or a hand edit would be: the store keeps credentials in memory and must notice
    const other = new Database(t.file);
    other.prepare('UPDATE credentials SET expires_at = ? WHERE id = ?').run('2000-01-01T00:00:00.000Z', c.CredentialId);
    other.close();
    await nextTurn();
    expect(t.credentials.authenticate(c.CredentialSecret)).toMatchObject({ ok: false, reason: 'expired' });
    expect(t.statistics().EnabledCredentialCount).toBe(0);
  });

  it('an expiry time that does not parse counts as expired, never as never-expiring', () => {
    const c = t.credentials.create();
    for (const unreadable of ['never', '', '9999-99-99T00:00:00.000Z', 'NaN']) {
      t.db.prepare('UPDATE credentials SET expires_at = ? WHERE id = ?').run(unreadable, c.CredentialId);
      expect(at('2026-01-01T00:00:00.000Z').authenticate(c.CredentialSecret), unreadable).toEqual({ ok: false, reason: 'expired', credentialId: c.CredentialId });
      const listed = at('2026-01-01T00:00:00.000Z').list()[0]!;
      expect(listed.Expired, unreadable).toBe(true);
      expect(Number.isFinite(listed.DaysToExpire)).toBe(true);
    }
  });

  it('a demo IdP credential is marked; one whose process is gone is removed, one of a live process is kept', () => {
    const mine = t.credentials.create();
    const leftover = t.credentials.create({ demoOwnerPid: 999_999_001 });
    expect(t.credentials.list().map((c) => [c.CredentialId, c.DemoIdP])).toEqual(expect.arrayContaining([[mine.CredentialId, false], [leftover.CredentialId, true]]));
    expect(t.credentials.removeLeftoverDemo(() => true)).toEqual([]);
    expect(t.credentials.removeLeftoverDemo((pid) => pid !== 999_999_001)).toEqual([leftover.CredentialId]);
    expect(t.credentials.list().map((c) => c.CredentialId)).toEqual([mine.CredentialId]);
  });

  it('unknown ids are NotFound for enable, disable and delete; Status must be Enabled or Disabled', () => {
    expect(() => t.credentials.setStatus('scimcred-nope', 'Disabled')).toThrow(/does not exist/);
    expect(() => t.credentials.delete('scimcred-nope')).toThrow(/does not exist/);
    const c = t.credentials.create();
    expect(() => t.credentials.setStatus(c.CredentialId, 'On' as never)).toThrow(/Enabled or Disabled/);
  });

  it('can be managed while the sync switch is off', () => {
    expect(t.settings.syncEnabled()).toBe(false);
    const c = t.credentials.create();
    expect(t.credentials.setStatus(c.CredentialId, 'Disabled').Status).toBe('Disabled');
  });
});
