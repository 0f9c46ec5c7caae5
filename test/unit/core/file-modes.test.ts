// The tenant holds password and secret hashes and the provisioning log: the tenant file, its -wal and -shm, its
// exports, backups and import staging, and the data folder are created for their owner only, whatever the umask.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportTenant, importTenant } from '../../../src-main/core/tenant-file';
import { Tenant } from '../../../src-main/core/tenant';

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

describe('file modes under umask 022', () => {
  let dir: string;
  let previousUmask: number;
  beforeEach(() => {
    previousUmask = process.umask(0o022);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-modes-'));
  });
  afterEach(() => {
    process.umask(previousUmask);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a new tenant, its WAL and shared-memory files and the folders created for it are owner-only (600 / 700)', () => {
    const file = path.join(dir, 'data', 'CloudSSO Local', 'tenant.sqlite');
    const tenant = Tenant.open(file);
    try {
      tenant.credentials.create();
      expect(modeOf(path.join(dir, 'data'))).toBe(0o700);
      expect(modeOf(path.dirname(file))).toBe(0o700);
      expect(modeOf(file)).toBe(0o600);
      expect(modeOf(`${file}-wal`)).toBe(0o600);
      expect(modeOf(`${file}-shm`)).toBe(0o600);
    } finally {
      tenant.close();
    }
  });

  it('exports (from a file and from the open tenant), backups kept by import, and the imported tenant are 600', async () => {
    const source = path.join(dir, 'source.sqlite');
    const tenant = Tenant.open(source);
    tenant.credentials.create();
    await exportTenant(tenant, path.join(dir, 'live-export.sqlite'));
    tenant.close();
    await exportTenant(source, path.join(dir, 'export.sqlite'));
    const active = path.join(dir, 'active.sqlite');
    Tenant.open(active).close();
    const { backupFile } = await importTenant(path.join(dir, 'export.sqlite'), active);
    for (const f of ['live-export.sqlite', 'export.sqlite', 'active.sqlite']) expect(modeOf(path.join(dir, f)), f).toBe(0o600);
    expect(modeOf(backupFile!)).toBe(0o600);
  });
});
