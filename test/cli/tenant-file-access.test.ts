// --data pointing at something that is not a writable tenant file: a folder, a named pipe, a read-only tenant.
// Every command answers one clear line and a non-zero exit (never a raw SQLite message, never a hang); the commands
// that only read (verify, user list, credential list, export) still work on a valid tenant in a read-only folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildMain, cli, cliEnv, tempDir } from './cli-support';

/** Every kind of command, each of which opens the tenant its own way. */
const COMMANDS: string[][] = [
  ['verify'],
  ['user', 'list'],
  ['user', 'create', '--user-name', 'alice'],
  ['credential', 'create'],
  ['sync', 'status'],
  ['export', '--out', 'copy.sqlite'],
  ['backup'],
  ['import', '--from', 'valid.sqlite'],
  ['serve', '--port', '0', '--accelerated-port', '0', '--no-console'],
];

function expectOneLineRefusal(r: { status: number | null; stderr: string; signal?: NodeJS.Signals | null }, what: RegExp, label: string): void {
  expect(r.status, `${label}: must exit non-zero on its own (not be killed by the timeout); stderr: ${r.stderr}`).not.toBe(0);
  expect(r.status, label).not.toBeNull();
  const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('Warning'));
  expect(lines, label).toHaveLength(1);
  expect(lines[0], label).toMatch(what);
  expect(lines[0], label).not.toMatch(/SQLITE_|SqliteError|unable to open|at .*\.js:\d+/);
}

describe('--data that cannot be a writable tenant', () => {
  const home = tempDir();
  beforeAll(() => {
    buildMain();
    expect(cli(home, 'credential', 'create', '--data', path.join(home, 'valid.sqlite')).status).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it('a folder: every command refuses it in one line naming it as a folder', () => {
    const folder = path.join(home, 'a-folder');
    fs.mkdirSync(folder);
    for (const command of COMMANDS) expectOneLineRefusal(cli(home, ...command, '--data', folder), /a-folder is a folder, not a tenant file/, command.join(' '));
    expectOneLineRefusal(cli(home, 'import', '--from', folder, '--data', path.join(home, 'target.sqlite')), /is a folder/, 'import --from a folder');
  });

  it('a named pipe: every command refuses it at once instead of blocking on open', () => {
    const fifo = path.join(home, 'a-fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const command of COMMANDS) {
      const t0 = Date.now();
      expectOneLineRefusal(cli(home, ...command, '--data', fifo), /a-fifo is a named pipe, not a tenant file/, command.join(' '));
      expect(Date.now() - t0, command.join(' ')).toBeLessThan(10_000);
    }
  });

  it('a read-only tenant folder: reading commands work, writing ones refuse in one line', () => {
    const folder = path.join(home, 'read-only');
    fs.mkdirSync(folder);
    const file = path.join(folder, 'tenant.sqlite');
    expect(cli(home, 'user', 'create', '--user-name', 'alice', '--data', file).status).toBe(0);
    const outDir = path.join(home, 'out');
    fs.mkdirSync(outDir, { mode: 0o777 });
    fs.chmodSync(outDir, 0o777);
    // Root ignores file modes, so as root the commands run as `nobody` (setpriv), for whom a root-owned 755 folder
    // and 644 file really are read-only. Without root, modes 555/444 make them read-only for this user.
    const asRoot = process.getuid?.() === 0;
    const setpriv = asRoot ? spawnSync('setpriv', ['--version']).status === 0 : false;
    if (asRoot && !setpriv) {
      process.stdout.write('skipped: running as root without setpriv, so no way to make the folder read-only for the CLI; the error mapping is tested in test/unit/core/store-errors.test.ts\n');
      return;
    }
    for (let d = home; ; d = path.dirname(d)) {
      if (asRoot) fs.chmodSync(d, fs.statSync(d).mode | 0o005); // let nobody reach the folder (mkdtemp made it 700)
      if (d === path.dirname(d) || d === path.dirname(home)) break;
    }
    fs.chmodSync(folder, asRoot ? 0o755 : 0o555);
    fs.chmodSync(file, asRoot ? 0o644 : 0o444);
    const run = (...args: string[]) => {
      const argv = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
      const r = spawnSync(argv[0]!, argv.slice(1), { cwd: home, encoding: 'utf8', env: cliEnv(home), timeout: 20_000 });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    try {
      const verified = run('verify', '--json', '--data', file);
      expect(verified.status, verified.stderr).toBe(0);
      expect(JSON.parse(verified.stdout)).toMatchObject({ Integrity: 'ok', UserCount: 1 });
      const listed = run('user', 'list', '--json', '--data', file);
      expect(listed.status, listed.stderr).toBe(0);
      expect(JSON.parse(listed.stdout).Items.map((u: { UserName: string }) => u.UserName)).toEqual(['alice']);
      expect(run('credential', 'list', '--data', file).status).toBe(0);
      const exported = run('export', '--out', path.join(outDir, 'copy.sqlite'), '--data', file);
      expect(exported.status, exported.stderr).toBe(0);
      for (const command of [['user', 'create', '--user-name', 'bob'], ['sync', 'enable'], ['credential', 'create'], ['serve', '--port', '0', '--accelerated-port', '0', '--no-console']]) {
        expectOneLineRefusal(run(...command, '--data', file), /tenant\.sqlite cannot be written: the file or its folder is read-only/, command.join(' '));
      }
      expect(fs.readdirSync(folder)).toEqual(['tenant.sqlite']);
    } finally {
      fs.chmodSync(folder, 0o755);
      fs.chmodSync(file, 0o644);
    }
  }, 60_000);
});
