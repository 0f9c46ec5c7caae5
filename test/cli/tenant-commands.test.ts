import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tenant } from '../../src-main/core/tenant';
import { cli, useTenantHome } from './cli-support';

describe('cloudsso-local tenant commands', () => {
  const sandbox = useTenantHome();
  const { run } = sandbox;

  it('sync status|enable|disable, with CloudSSO field names in --json', () => {
    expect(run('sync', 'status', '--json').json).toMatchObject({ SCIMSynchronizationStatus: 'Disabled' });
    const on = run('sync', 'enable', '--json');
    expect(on.status).toBe(0);
    expect(on.json).toMatchObject({ SCIMSynchronizationStatus: 'Enabled' });
    expect(run('sync', 'status').stdout).toMatch(/SCIM synchronization: Enabled/);
    expect(run('sync', 'disable', '--json').json.SCIMSynchronizationStatus).toBe('Disabled');
  });

  it('accelerated enable|disable', () => {
    expect(run('accelerated', 'enable', '--json').json).toMatchObject({ AcceleratedEndpointStatus: 'Enabled' });
    expect(run('accelerated', 'disable', '--json').json).toMatchObject({ AcceleratedEndpointStatus: 'Disabled' });
  });

  it('credential create prints the secret once; list never shows it; enable/disable/delete; a third is refused', () => {
    const created = run('credential', 'create', '--json');
    expect(created.status).toBe(0);
    const c = created.json;
    expect(c.CredentialId).toMatch(/^scimcred-[a-z0-9]{20}$/);
    expect(typeof c.CredentialSecret).toBe('string');
    expect(c.Status).toBe('Enabled');
    const year = new Date(c.CreateTime);
    year.setUTCFullYear(year.getUTCFullYear() + 1);
    expect(c.ExpireTime).toBe(year.toISOString());
    const human = run('credential', 'create');
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/not be shown again/);
    const list = run('credential', 'list', '--json');
    expect(list.json).toHaveLength(2);
    expect(list.stdout).not.toContain(c.CredentialSecret);
    expect(list.json[0]).not.toHaveProperty('CredentialSecret');
    const third = run('credential', 'create', '--json');
    expect(third.status).not.toBe(0);
    expect(third.json).toMatchObject({ Code: 'LimitExceeded', Message: expect.stringMatching(/LimitExceeded\.SCIMCredential/) });
    expect(run('credential', 'disable', c.CredentialId, '--json').json).toMatchObject({ CredentialId: c.CredentialId, Status: 'Disabled' });
    expect(run('credential', 'enable', c.CredentialId, '--json').json.Status).toBe('Enabled');
    const del = run('credential', 'delete', c.CredentialId, '--json');
    expect(del.status).toBe(0);
    expect(run('credential', 'list', '--json').json.map((x: { CredentialId: string }) => x.CredentialId)).not.toContain(c.CredentialId);
    const missing = run('credential', 'delete', c.CredentialId);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/does not exist/);
  });

  it('user create|list|get|update|disable|enable|delete', () => {
    const created = run('user', 'create', '--user-name', 'cli.user', '--display-name', 'CLI User', '--email', 'cli.user@example.com', '--first-name', 'Cli', '--last-name', 'User', '--description', 'made by the CLI', '--json');
    expect(created.status).toBe(0);
    const u = created.json;
    expect(u).toMatchObject({ UserName: 'cli.user', DisplayName: 'CLI User', Email: 'cli.user@example.com', FirstName: 'Cli', LastName: 'User', Description: 'made by the CLI', Status: 'Enabled', ProvisionType: 'Manual' });
    expect(u.UserId).toMatch(/^u-[a-z0-9]{20}$/);
    const list = run('user', 'list', '--json');
    expect(list.json.TotalCount).toBe(1);
    expect(list.json.Items[0]).toMatchObject({ UserId: u.UserId, UserName: 'cli.user', ProvisionType: 'Manual' });
    expect(run('user', 'list', '--user-name', 'CLI.USER', '--json').json.TotalCount).toBe(1);
    expect(run('user', 'list').stdout).toMatch(/UserId\s+UserName/);
    expect(run('user', 'get', u.UserId, '--json').json).toMatchObject({ UserId: u.UserId, UserName: 'cli.user', Groups: [] });
    expect(run('user', 'update', u.UserId, '--display-name', 'Renamed', '--json').json.DisplayName).toBe('Renamed');
    expect(run('user', 'disable', u.UserId, '--json').json.Status).toBe('Disabled');
    expect(run('user', 'enable', u.UserId, '--json').json.Status).toBe('Enabled');
    const dup = run('user', 'create', '--user-name', 'CLI.User');
    expect(dup.status).not.toBe(0);
    expect(dup.stderr).toMatch(/already exists/);
    const bad = run('user', 'create', '--user-name', 'has space');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--user-name may contain only/);
    expect(run('user', 'delete', u.UserId, '--json').status).toBe(0);
    const gone = run('user', 'get', u.UserId);
    expect(gone.status).not.toBe(0);
    expect(gone.stderr).toMatch(/does not exist/);
  });

  it('group create|list|get|update|add-member|remove-member|delete', () => {
    const u = run('user', 'create', '--user-name', 'grp.member', '--json').json;
    const created = run('group', 'create', '--name', 'cli-group', '--description', 'd', '--json');
    expect(created.status).toBe(0);
    const g = created.json;
    expect(g).toMatchObject({ GroupName: 'cli-group', Description: 'd', ProvisionType: 'Manual', MemberCount: 0 });
    expect(g.GroupId).toMatch(/^g-[a-z0-9]{20}$/);
    expect(run('group', 'list', '--json').json.Items.map((x: { GroupName: string }) => x.GroupName)).toContain('cli-group');
    expect(run('group', 'update', g.GroupId, '--name', 'cli-group-2', '--json').json.GroupName).toBe('cli-group-2');
    expect(run('group', 'add-member', g.GroupId, u.UserId, '--json').json.MemberCount).toBe(1);
    const got = run('group', 'get', g.GroupId, '--json').json;
    expect(got).toMatchObject({ GroupId: g.GroupId, GroupName: 'cli-group-2' });
    expect(got.Members.map((m: { UserId: string; UserName: string }) => [m.UserId, m.UserName])).toEqual([[u.UserId, 'grp.member']]);
    const blocked = run('group', 'delete', g.GroupId);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toMatch(/still has 1 member/);
    expect(run('group', 'remove-member', g.GroupId, u.UserId, '--json').json.MemberCount).toBe(0);
    expect(run('group', 'delete', g.GroupId, '--json').status).toBe(0);
    expect(run('group', 'get', g.GroupId).status).not.toBe(0);
  });

  it('with sync on, editing a synchronized user or group fails with a non-zero exit naming the lock; Status stays switchable', () => {
    const t = Tenant.open(sandbox.data);
    const id = t.users.scimCreate({ UserName: 'synced.cli', FirstName: null, LastName: null, DisplayName: 'Synced', Email: null, Status: 'Enabled', ExternalId: null, Emails: [], Scim: {} }).user.UserId;
    const gid = t.groups.scimCreate({ GroupName: 'synced-cli-group', ExternalId: null, Scim: {} }).GroupId;
    const other = t.users.create({ UserName: 'plain.cli' }).UserId;
    t.close();
    expect(run('sync', 'enable').status).toBe(0);
    for (const args of [['user', 'update', id, '--display-name', 'X'], ['user', 'delete', id], ['group', 'update', gid, '--description', 'x'], ['group', 'add-member', gid, other], ['group', 'delete', gid]]) {
      const res = run(...args);
      expect(res.status, args.join(' ')).not.toBe(0);
      expect(res.stderr, args.join(' ')).toMatch(/synchronized from your identity provider by SCIM/);
      expect(res.stderr, args.join(' ')).toContain('run `cloudsso-local sync disable`');
      expect(res.stderr, args.join(' ')).not.toMatch(/Settings >/);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(run('user', 'disable', id, '--json').json.Status).toBe('Disabled');
    expect(run('user', 'get', id, '--json').json).toMatchObject({ Locked: true, ProvisionType: 'Synchronized' });
    expect(run('sync', 'disable').status).toBe(0);
    expect(run('user', 'update', id, '--display-name', 'Now editable', '--json').json.DisplayName).toBe('Now editable');
    const status = run('sync', 'enable');
    expect(status.stdout).toMatch(/roll them back|re-create/);
    run('sync', 'disable');
  });

  it('refuses a file that is not a tenant with one line, leaving it untouched', () => {
    const notes = path.join(sandbox.home, 'notes.txt');
    fs.writeFileSync(notes, 'not a database');
    const res = cli(sandbox.home, 'user', 'list', '--data', notes);
    expect(res.status).not.toBe(0);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/not a CloudSSO Local tenant/);
    expect(fs.readFileSync(notes, 'utf8')).toBe('not a database');
  });

  it('wrong arguments give usage and a non-zero exit, never a stack trace', () => {
    const cases: [string, string[]][] = [
      ['an unknown command', ['frobnicate']],
      ['a missing required option', ['user', 'create']],
      ['a missing argument', ['user', 'get']],
      ['an unknown option', ['user', 'list', '--colour', 'red']],
      ['a bad choice', ['user', 'list', '--source', 'Imported']],
      ['a bad number', ['user', 'list', '--limit', 'many']],
      ['a bad port', ['serve', '--port', 'http']],
    ];
    const unshown: string[] = [];
    for (const [what, args] of cases) {
      const res = cli(sandbox.home, ...args, '--data', sandbox.data);
      if (!/Usage: cloudsso-local/.test(res.stderr)) unshown.push(what);
      expect(res.status, what).not.toBe(0);
      expect(res.status, what).not.toBeNull();
      expect(res.stderr, what).toMatch(/^error: /m);
      expect(res.stderr, what).not.toMatch(/\n\s+at /);
    }
    // usage: the command's own Usage line, not only a hint to run --help
    expect(unshown, 'cases that print no usage').toEqual([]);
  });
});
