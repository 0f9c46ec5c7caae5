import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../src-main/core/ids';
import { Tenant } from '../../../src-main/core/tenant';

describe('CloudSSO id formats', () => {
  let dir: string;
  let t: Tenant;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-ids-'));
    t = Tenant.open(path.join(dir, 't.sqlite'));
  });
  afterAll(() => {
    t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('users are u-, groups g-, credentials scimcred-, directories d- followed by 20 lowercase alphanumerics', () => {
    expect(t.users.create({ UserName: 'id.user' }).UserId).toMatch(/^u-[a-z0-9]{20}$/);
    expect(t.groups.create({ GroupName: 'id-group' }).GroupId).toMatch(/^g-[a-z0-9]{20}$/);
    const c = t.credentials.create();
    expect(c.CredentialId).toMatch(/^scimcred-[a-z0-9]{20}$/);
    expect(t.settings.directory().DirectoryId).toMatch(/^d-[a-z0-9]{20}$/);
  });

  it('are random: 2,000 ids are distinct and use the whole alphabet', () => {
    const ids = Array.from({ length: 2000 }, () => newId('u-'));
    expect(new Set(ids).size).toBe(ids.length);
    const chars = new Set(ids.join('').replace(/u-/g, ''));
    expect(chars.size).toBe(36);
  });
});
