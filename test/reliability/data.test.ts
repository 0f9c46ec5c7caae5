// Data: export → import round-trips a tenant (counts and a content checksum), an import is validated before it
// replaces anything and keeps the replaced tenant as a backup, online backup works while serve writes, and a kill
// during an import or a migration leaves the old tenant or the new one, never half.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { TenantSummary } from '../../src-main/cli/data-commands';
import { Tenant } from '../../src-main/core/tenant';
import { recordFigures, SCALE } from './support/scale';
import { allUsers, GROUP_SCHEMA, patchOp, scimClient, userDoc } from './support/scim-client';
import { BIN, cli, cliAsync, ROOT, startServe, tempDir, type ServeProcess } from './support/serve-process';
import { prepareTenant } from './support/tenant-setup';
import { rng } from './support/rng';

/** What `verify --json` prints (the CLI's own type), plus the backup `import --json` reports. */
type Summary = TenantSummary & { BackupFile?: string | null };

function summary(file: string): Summary {
  const r = cli(['verify', '--json', '--data', file]);
  if (r.status !== 0) throw new Error(`verify ${file} → exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Summary;
}

/** Runs the CLI; once `marker()` turns true (the work has begun: a staged file, a WAL), kills it with SIGKILL after
 *  `delay()` ms. Reports when the marker appeared, when `done()` first held and when the process ended (calibration). */
function cliKilledAfterMarker(
  args: string[],
  marker: () => boolean,
  delay: (() => number) | null,
  done: () => boolean = () => false,
): Promise<{ killed: boolean; code: number | null; markerAt: number | null; doneAt: number | null; endedAt: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: 'ignore' });
    let markerAt: number | null = null;
    let doneAt: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    const poll = setInterval(() => {
      if (markerAt !== null && doneAt === null && done()) doneAt = Date.now() - started;
      if (markerAt !== null || !marker()) return;
      markerAt = Date.now() - started;
      if (delay) timer = setTimeout(() => child.kill('SIGKILL'), delay());
    }, 1);
    child.once('exit', (code, signal) => {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code, markerAt, doneAt, endedAt: Date.now() - started });
    });
  });
}

function copyTenant(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    fs.rmSync(`${to}${suffix}`, { force: true });
    if (fs.existsSync(`${from}${suffix}`)) fs.copyFileSync(`${from}${suffix}`, `${to}${suffix}`);
  }
}

describe('data', () => {
  const dir = tempDir();
  let server: ServeProcess | null = null;
  afterAll(async () => {
    await server?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('export → import round-trips a tenant with nothing lost; online backup works while serve writes', async () => {
    const { dataFile: source, secret } = prepareTenant(dir, 'source.sqlite');
    server = await startServe(source);
    const call = scimClient(server.info.scimEndpoint, secret);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const u = await call('POST', '/Users', userDoc(`round.trip${i}`, { displayName: `Round ${i} ✓ مرحبا 😀`, password: i % 10 === 0 ? `Pw-${i}-x!` : undefined, title: `T${i}` }));
      expect(u.status, u.text).toBe(201);
      ids.push(u.body.id);
    }
    for (let g = 0; g < 4; g++) {
      const res = await call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: `round-group-${g}`, members: ids.slice(g * 5, g * 5 + 12).map((value) => ({ value })) });
      expect(res.status).toBe(201);
    }
    expect(cli(['user', 'create', '--user-name', 'manual.one', '--data', source]).status).toBe(0);

    // Online backup while an IdP keeps writing.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const r = await call('PATCH', `/Users/${ids[i % ids.length]}`, patchOp({ op: 'replace', path: 'displayName', value: `Busy ${i}` }));
        if (r.status === 200) written++;
      }
    })();
    const backup = await cliAsync(['backup', '--json', '--out', path.join(dir, 'online.sqlite'), '--data', source]);
    writing = false;
    await writer;
    expect(backup.status, backup.stderr).toBe(0);
    const online = JSON.parse(backup.stdout) as Summary;
    expect(online.Integrity).toBe('ok');
    expect(online.UserCount).toBe(41);
    expect(online.MembershipCount).toBe(4 * 12);
    expect(written).toBeGreaterThan(0);

    await server.kill('SIGTERM');
    server = null;
    const original = summary(source);
    expect(original).toMatchObject({ Integrity: 'ok', UserCount: 41, GroupCount: 4, MembershipCount: 48, CredentialCount: 1 });

    const exported = path.join(dir, 'export.sqlite');
    const ex = cli(['export', '--json', '--out', exported, '--data', source]);
    expect(ex.status, ex.stderr).toBe(0);
    expect(JSON.parse(ex.stdout)).toMatchObject({ ContentChecksum: original.ContentChecksum, UserCount: 41, MembershipCount: 48 });

    // Import into a different, smaller tenant: replaced, and the old one kept as a backup.
    const { dataFile: target } = prepareTenant(dir, 'target.sqlite');
    const t = Tenant.open(target);
    t.users.create({ UserName: 'only.here' });
    t.close();
    const before = summary(target);
    const im = cli(['import', '--json', '--from', exported, '--data', target]);
    expect(im.status, im.stderr).toBe(0);
    const imported = JSON.parse(im.stdout) as Summary;
    expect(imported.ContentChecksum).toBe(original.ContentChecksum);
    expect(imported).toMatchObject({ UserCount: 41, GroupCount: 4, MembershipCount: 48, CredentialCount: 1 });
    expect(imported.BackupFile).toBeTruthy();
    expect(summary(imported.BackupFile!).ContentChecksum).toBe(before.ContentChecksum);

    // The imported tenant serves: the source's credential, users and memberships.
    server = await startServe(target);
    const after = scimClient(server.info.scimEndpoint, secret);
    expect((await allUsers(after)).length).toBe(41);
    const grp = await after('GET', `/Groups?filter=${encodeURIComponent('displayName eq "round-group-0"')}`);
    expect(grp.body.Resources[0].members).toHaveLength(12);
    const user = await after('GET', `/Users?filter=${encodeURIComponent('userName eq "round.trip3"')}`);
    expect(user.body.Resources[0].title).toBe('T3');
    await server.kill('SIGTERM');
    server = null;
    recordFigures('data', { integrityChecks: 5, roundTripUsers: imported.UserCount, roundTripMemberships: imported.MembershipCount, checksumEqual: 1, onlineBackupWritesDuring: written });
  });

  it('an import is validated before it replaces anything: junk, a foreign database, a damaged copy and a future format are refused', () => {
    const { dataFile: target } = prepareTenant(dir, 'guarded.sqlite');
    const before = summary(target);
    const junk = path.join(dir, 'junk.bin');
    fs.writeFileSync(junk, Buffer.from('not a database at all '.repeat(100)));
    const foreign = path.join(dir, 'foreign.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (1)');
    f.close();
    const future = path.join(dir, 'future.sqlite');
    fs.copyFileSync(target, future);
    const fu = new Database(future);
    fu.pragma('user_version = 99');
    fu.close();
    const damaged = path.join(dir, 'damaged.sqlite');
    const bytes = fs.readFileSync(path.join(dir, 'export.sqlite'));
    fs.writeFileSync(damaged, Buffer.concat([bytes.subarray(0, 4096 * 3), Buffer.alloc(4096, 0x5a), bytes.subarray(4096 * 4)]));

    for (const [file, message] of [
      [junk, /not a (readable )?CloudSSO Local tenant/i],
      [foreign, /not a (readable )?CloudSSO Local tenant/i],
      [future, /newer CloudSSO Local/i],
      [damaged, /damaged|malformed|not a .*tenant/i],
      [path.join(dir, 'missing.sqlite'), /does not exist/i],
    ] as const) {
      const r = cli(['import', '--from', file, '--data', target]);
      expect(r.status, `${path.basename(file)}: ${r.stdout}`).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    }
    expect(summary(target).ContentChecksum).toBe(before.ContentChecksum);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('guarded.sqlite.backup-'))).toEqual([]);
  });

  it('import refuses to replace a tenant that a running server has open', async () => {
    const { dataFile: target } = prepareTenant(dir, 'busy.sqlite');
    const before = summary(target);
    server = await startServe(target);
    const r = cli(['import', '--from', path.join(dir, 'export.sqlite'), '--data', target]);
    expect(r.status).toBe(1); // the machine refused, not the command line (README: exit codes)
    expect(r.stderr).toMatch(/open in a running CloudSSO Local/);
    await server.kill('SIGTERM');
    server = null;
    expect(summary(target).ContentChecksum).toBe(before.ContentChecksum);
  });

  it(`killed during an import (${SCALE.importKills}×) the tenant is the old one or the new one, never half`, async () => {
    // A larger import so a kill lands inside it.
    const big = path.join(dir, 'big.sqlite');
    const t = Tenant.open(big);
    t.db.transaction(() => {
      for (let i = 0; i < 8000; i++) t.users.create({ UserName: `bulk${i}`, DisplayName: `Bulk user ${i}`, Email: `bulk${i}@example.com` });
    })();
    t.close();
    const newSum = summary(big);
    const { dataFile: target } = prepareTenant(dir, 'victim.sqlite');
    const pristine = path.join(dir, 'victim-pristine.sqlite');
    copyTenant(target, pristine);
    const oldSum = summary(target);

    // The import's own work begins when its staged copy appears next to the tenant.
    // It is over once the tenant file is another inode (the swap is a rename).
    const staged = () => fs.readdirSync(dir).some((n) => n.startsWith('.import-'));
    const inode = fs.statSync(target).ino;
    const swapped = () => fs.existsSync(target) && fs.statSync(target).ino !== inode;
    const full = await cliKilledAfterMarker(['import', '--from', big, '--data', target], staged, null, swapped);
    expect(full.code).toBe(0);
    expect(full.markerAt).not.toBeNull();
    const window = Math.max(5, (full.doneAt ?? full.endedAt) - full.markerAt!);
    expect(summary(target).ContentChecksum).toBe(newSum.ContentChecksum);

    const random = rng(Number(process.env.RELIABILITY_SEED ?? 4242));
    const outcomes = { old: 0, new: 0, half: 0 };
    let brokenBackups = 0;
    let leftovers = 0;
    for (let k = 0; k < SCALE.importKills; k++) {
      copyTenant(pristine, target);
      for (const n of fs.readdirSync(dir)) if (n.startsWith('victim.sqlite.backup-')) fs.rmSync(path.join(dir, n));
      // Spread over the copy, the migration check, the backup of the old tenant and the swap (and just after it).
      for (const n of fs.readdirSync(dir)) if (n.startsWith('.import-')) fs.rmSync(path.join(dir, n), { force: true });
      await cliKilledAfterMarker(['import', '--from', big, '--data', target], staged, () => Math.floor(window * 1.3 * random()));
      let now: Summary | null = null;
      try {
        now = summary(target);
      } catch {
        now = null;
      }
      for (const n of fs.readdirSync(dir).filter((f) => f.startsWith('victim.sqlite.backup-'))) {
        try {
          if (summary(path.join(dir, n)).ContentChecksum !== oldSum.ContentChecksum) brokenBackups++;
        } catch {
          brokenBackups++;
        }
      }
      leftovers += fs.readdirSync(dir).filter((n) => n.startsWith('.import-')).length;
      if (now?.ContentChecksum === oldSum.ContentChecksum) outcomes.old++;
      else if (now?.ContentChecksum === newSum.ContentChecksum) outcomes.new++;
      else outcomes.half++;
    }
    // The next import clears the staged copies that killed imports left behind.
    copyTenant(pristine, target);
    expect((await cliKilledAfterMarker(['import', '--from', big, '--data', target], staged, null)).code).toBe(0);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.import-'))).toEqual([]);
    recordFigures('import-kill', { integrityChecks: SCALE.importKills + 1, kills: SCALE.importKills, oldTenant: outcomes.old, newTenant: outcomes.new, half: outcomes.half, windowMs: window, stagedLeftovers: leftovers, brokenBackups });
    expect(outcomes.half).toBe(0);
  });

  it(`killed during a migration (${SCALE.migrationKills}×) the file is the old format or the new one, never half`, async () => {
    // Opening a file at format 0 (empty) migrates it to the current format in one transaction.
    const file = path.join(dir, 'migrating.sqlite');
    const fresh = () => {
      for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${s}`, { force: true });
      fs.writeFileSync(file, '');
    };
    // The open begins when SQLite creates the WAL next to the file; the migration runs right after.
    // It has committed once the WAL holds frames.
    const opened = () => fs.existsSync(`${file}-wal`);
    const committed = () => fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0;
    fresh();
    const full = await cliKilledAfterMarker(['credential', 'list', '--data', file], opened, null, committed);
    expect(full.code).toBe(0);
    const window = Math.max(3, (full.doneAt ?? full.endedAt) - (full.markerAt ?? full.endedAt));
    const complete = summary(file);
    const random = rng(Number(process.env.RELIABILITY_SEED ?? 99));
    const outcomes = { old: 0, new: 0, half: 0 };
    for (let k = 0; k < SCALE.migrationKills; k++) {
      fresh();
      await cliKilledAfterMarker(['credential', 'list', '--data', file], opened, () => Math.floor(window * 1.5 * random()));
      const db = new Database(file);
      try {
        const version = db.pragma('user_version', { simple: true }) as number;
        const tables = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() as number;
        const ok = db.pragma('integrity_check', { simple: true }) === 'ok';
        if (ok && version === 0 && tables === 0) outcomes.old++;
        else if (ok && version === complete.SchemaVersion && summary(file).Integrity === 'ok') outcomes.new++;
        else outcomes.half++;
      } finally {
        db.close();
      }
    }
    recordFigures('migration-kill', { integrityChecks: SCALE.migrationKills + 1, kills: SCALE.migrationKills, windowMs: window, oldFormat: outcomes.old, newFormat: outcomes.new, half: outcomes.half });
    expect(outcomes.half).toBe(0);
  });
});
