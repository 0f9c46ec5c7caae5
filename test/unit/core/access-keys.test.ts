import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ACCESS_KEYS } from '../../../src-main/core/accesskeys/access-key-store';
import { FileKeyVault } from '../../../src-main/core/accesskeys/key-vault';
import { CoreError } from '../../../src-main/core/errors';
import { exportTenant } from '../../../src-main/core/tenant-file';
import { Tenant } from '../../../src-main/core/tenant';
import { tempTenant } from './fixtures';

describe('AccessKeys of the local account', () => {
  let t: Tenant;
  let dir: string;
  let file: string;
  let dispose: () => void;
  beforeEach(() => ({ tenant: t, dir, file, dispose } = tempTenant()));
  afterEach(() => dispose());

  it('a new key looks like Alibaba Cloud\'s, is Enabled, and its secret is shown once', () => {
    const k = t.accessKeys.create();
    expect(k.AccessKeyId).toMatch(/^LTAI5t[A-Za-z0-9]{18}$/);
    expect(k.AccessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(k).toMatchObject({ Status: 'Enabled', Usable: true, LastUsedTime: null });
    const listed = t.accessKeys.list();
    expect(listed).toEqual([{ AccessKeyId: k.AccessKeyId, Status: 'Enabled', CreateTime: k.CreateTime, LastUsedTime: null, Usable: true }]);
    expect(t.accessKeys.signingKey(k.AccessKeyId)).toEqual({ ok: true, accessKeyId: k.AccessKeyId, secret: k.AccessKeySecret });
  });

  it('at most two pairs; a third is refused with LimitExceeded', () => {
    expect(MAX_ACCESS_KEYS).toBe(2);
    t.accessKeys.create();
    t.accessKeys.create();
    expect(() => t.accessKeys.create()).toThrow(CoreError);
    expect(t.accessKeys.list()).toHaveLength(2);
  });

  it('a disabled key cannot sign; enabled again it can; a deleted one is unknown', () => {
    const k = t.accessKeys.create();
    t.accessKeys.setStatus(k.AccessKeyId, 'Disabled');
    expect(t.accessKeys.signingKey(k.AccessKeyId)).toEqual({ ok: false, reason: 'disabled' });
    t.accessKeys.setStatus(k.AccessKeyId, 'Enabled');
    expect(t.accessKeys.signingKey(k.AccessKeyId).ok).toBe(true);
    t.accessKeys.delete(k.AccessKeyId);
    expect(t.accessKeys.signingKey(k.AccessKeyId)).toEqual({ ok: false, reason: 'unknown' });
    expect(() => t.accessKeys.delete(k.AccessKeyId)).toThrow(/does not exist/);
    expect(() => t.accessKeys.setStatus('LTAI5tnope', 'Enabled')).toThrow(/does not exist/);
  });

  it('the secret is kept sealed under a key file beside the tenant (mode 600), never in the tenant file', async () => {
    const k = t.accessKeys.create();
    const keyFile = `${file}.accesskeys.key`;
    expect(fs.existsSync(keyFile)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const exported = path.join(dir, 'shared.sqlite');
    await exportTenant(t, exported);
    const bytes = fs.readFileSync(exported);
    expect(bytes.includes(Buffer.from(k.AccessKeySecret))).toBe(false);
    expect(bytes.includes(Buffer.from(k.AccessKeyId))).toBe(true); // the row travels; its secret does not

    // Opened elsewhere (no key file beside it), the key is listed but cannot sign.
    const elsewhere = Tenant.open(exported);
    try {
      expect(elsewhere.accessKeys.list()[0]).toMatchObject({ AccessKeyId: k.AccessKeyId, Usable: false });
      expect(elsewhere.accessKeys.signingKey(k.AccessKeyId)).toEqual({ ok: false, reason: 'unsealable' });
    } finally {
      elsewhere.close();
    }
  });

  it('a sealed secret does not open under another AccessKeyId or when altered', () => {
    const vault = new FileKeyVault(path.join(dir, 'vault.key'));
    const sealed = vault.seal('the-secret', 'LTAI5tA');
    expect(vault.open(sealed, 'LTAI5tA')).toBe('the-secret');
    expect(vault.open(sealed, 'LTAI5tB')).toBeNull();
    const flipped = `${sealed.slice(0, -4)}${sealed.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(vault.open(flipped, 'LTAI5tA')).toBeNull();
  });

  it('two processes racing to create the vault key end up with the same key', () => {
    const keyFile = path.join(dir, 'race.key');
    const a = new FileKeyVault(keyFile);
    const b = new FileKeyVault(keyFile);
    const sealed = a.seal('x', 'id');
    expect(b.open(sealed, 'id')).toBe('x');
  });
});
