// With --json every failure is one JSON object on stdout ({"Code":"…","Message":"…"}) and a non-zero exit, so a
// script can branch on Code; and every message speaks the CLI's language (options and commands, not console menus).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tenant } from '../../src-main/core/tenant';
import { cli, useTenantHome, type CliResult } from './cli-support';

/** Exactly one JSON object on stdout, nothing on stderr, a non-zero exit: what a script relies on. */
function expectJsonFailure(res: CliResult, code: string, what: string) {
  expect(res.status, what).not.toBe(0);
  expect(res.status, what).not.toBeNull();
  expect(res.stdout.trim().split('\n'), what).toHaveLength(1);
  expect(res.json, `${what}: ${res.stdout}`).toMatchObject({ Code: code, Message: expect.any(String) });
  expect(res.json.Message.length, what).toBeGreaterThan(10);
  expect(res.stderr, what).toBe('');
}

describe('CLI failures', () => {
  const sandbox = useTenantHome();
  const { run } = sandbox;

  it('usage errors (commander) are JSON with --json', () => {
    const cases: [string, string[]][] = [
      ['an unknown option', ['user', 'list', '--colour', 'red']],
      ['a missing argument', ['user', 'get']],
      ['a missing required option', ['user', 'create']],
      ['an unknown command', ['user', 'frobnicate']],
      ['a bad option value', ['user', 'list', '--limit', 'many']],
    ];
    for (const [what, args] of cases) {
      const res = run(...args, '--json');
      expectJsonFailure(res, 'InvalidUsage', what);
      expect(res.status, what).toBe(2);
    }
    expect(run('user', 'list', '--colour', 'red', '--json').json.Message).toContain('--colour');
  });

  it('a rule, a missing object, a lock and a bad --data file are JSON with --json, each with its own Code and exit code', () => {
    const rule = run('user', 'create', '--user-name', '张 三', '--json');
    expectJsonFailure(rule, 'InvalidValue', 'rule');
    expect(rule.status).toBe(3);
    expect(rule.json).toMatchObject({ MessageCode: 'UserNameCharacters', Attribute: 'UserName' });
    expect(rule.json.Message).toContain('--user-name');

    const missing = run('user', 'get', 'u-doesnotexist0000000', '--json');
    expectJsonFailure(missing, 'NotFound', 'not found');
    expect(missing.status).toBe(4);

    const t = Tenant.open(sandbox.data);
    const id = t.users.scimCreate({ UserName: 'synced.json', FirstName: null, LastName: null, DisplayName: null, Email: null, Status: 'Enabled', ExternalId: null, Emails: [], Scim: {} }).user.UserId;
    t.settings.setSync('Enabled');
    t.close();
    const lock = run('user', 'update', id, '--display-name', 'X', '--json');
    expectJsonFailure(lock, 'Locked', 'lock');
    expect(lock.json.MessageCode).toBe('SynchronizedUser');

    const notes = path.join(sandbox.home, 'notes.txt');
    fs.writeFileSync(notes, 'not a database');
    const badFile = cli(sandbox.home, 'user', 'list', '--data', notes, '--json');
    expectJsonFailure(badFile, 'NotATenant', 'bad --data file');
    expect(badFile.json.Message).toContain('--data');
    expect(fs.readFileSync(notes, 'utf8')).toBe('not a database');

    const nothing = run('user', 'update', id, '--json');
    expectJsonFailure(nothing, 'InvalidArgument', 'nothing to update');
  });

  it('a lock tells a CLI user the command that lifts it, not a console menu', () => {
    const t = Tenant.open(sandbox.data);
    const gid = t.groups.scimCreate({ GroupName: 'synced-words', ExternalId: null, Scim: {} }).GroupId;
    t.settings.setSync('Enabled');
    t.close();
    const res = run('group', 'delete', gid);
    expect(res.status).toBe(3);
    expect(res.stderr).toContain('`cloudsso-local sync disable`');
    expect(res.stderr).not.toMatch(/Settings >|click/i);
  });

  it('fault rates are typed in percent, as the console shows them, and a bad one names the option', () => {
    const set = run('faults', 'set', '--error-rate', '5', '--throttle-rate', '12.5', '--json');
    expect(set.status, set.stderr).toBe(0);
    expect(set.json).toMatchObject({ ServerErrorRate: 0.05, ThrottleRate: 0.125 });
    expect(run('faults', 'show').stdout).toMatch(/ServerErrorRate\s+5%/);

    const tooMuch = run('faults', 'set', '--error-rate', '150');
    expect(tooMuch.status).toBe(2);
    expect(tooMuch.stderr).toContain('--error-rate');
    expect(tooMuch.stderr).toMatch(/percentage from 0 to 100/);
    expect(tooMuch.stderr).not.toContain('ServerErrorRate');
    expect(run('faults', 'off').status).toBe(0);
  });

  it('the table view marks a value it cuts with an ellipsis', () => {
    const long = `${'Very long display name '.repeat(4)}END`;
    expect(run('user', 'create', '--user-name', 'long.display', '--display-name', long).status).toBe(0);
    const row = run('user', 'list', '--user-name', 'long.display').stdout.split('\n').find((line) => line.includes('long.display'))!;
    expect(row).toContain('…');
    expect(row).not.toContain('END');
    expect(row).toContain(long.slice(0, 40));
  });
});
