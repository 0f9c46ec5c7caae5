import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Command } from 'commander';
import Database from 'better-sqlite3';
import { defaultTenantPath } from '../app-paths';
import { assertRegularFile } from '../core/store/open-database';
import { openReadOnly } from '../core/store/read-only-open';
import { exportTenant, importTenant, validateTenantFile } from '../core/tenant-file';
import { CliError, EXIT } from './failure';
import { fields, print } from './output';

type DataOpts = { data?: string; json?: boolean };

/** What a person compares between two copies of a tenant: row counts and one digest over every row. */
export interface TenantSummary {
  File: string;
  Integrity: string;
  SchemaVersion: number;
  UserCount: number;
  GroupCount: number;
  MembershipCount: number;
  CredentialCount: number;
  ActivityCount: number;
  /** sha256 over every row of every table, in a fixed order: equal digests mean equal content. */
  ContentChecksum: string;
}

export function summarizeTenant(file: string): TenantSummary {
  validateTenantFile(file);
  const db = openReadOnly(file);
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    const hash = crypto.createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    for (const table of tables) {
      const columns = (db.prepare(`SELECT count(*) AS n FROM pragma_table_info(?)`).get(table) as { n: number }).n;
      const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
      hash.update(`table ${table}\n`);
      for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().iterate()) hash.update(`${JSON.stringify(row)}\n`);
    }
    return {
      File: file,
      Integrity: String(db.pragma('integrity_check', { simple: true })),
      SchemaVersion: db.pragma('user_version', { simple: true }) as number,
      UserCount: count('users'),
      GroupCount: count('groups'),
      MembershipCount: count('memberships'),
      CredentialCount: count('credentials'),
      ActivityCount: count('activity'),
      ContentChecksum: hash.digest('hex'),
    };
  } finally {
    db.close();
  }
}

/** True while another process (a running serve, the desktop app) has the tenant open. */
function inUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw e;
  } finally {
    db.close();
  }
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

export function registerDataCommands(program: Command): void {
  const common = (c: Command) => c.option('--data <file>', 'tenant file (default: the per-user data folder)').option('--json', 'print JSON');
  const run = <T extends DataOpts>(action: (file: string, opts: T) => Promise<void>) => async (opts: T) => {
    const file = opts.data ?? defaultTenantPath();
    assertRegularFile(file); // a folder or a named pipe as --data: one line, before anything opens it
    await action(file, opts);
  };

  common(program.command('export').description('copy the tenant to a file (consistent even while serve is writing)').requiredOption('--out <file>', 'where to write the copy')).action(
    run<DataOpts & { out: string }>(async (file, o) => {
      if (!fs.existsSync(file)) throw new CliError(`${file} does not exist (check --data).`, 'NotFound', EXIT.notFound);
      await exportTenant(file, o.out);
      const s = summarizeTenant(o.out);
      print(s, o, () => `Exported ${file} to ${o.out}.\n${fields(s)}`);
    }),
  );

  common(program.command('backup').description('online backup of the tenant, safe while serve is running').option('--out <file>', 'backup file (default: <tenant>.backup-<time>)')).action(
    run<DataOpts & { out?: string }>(async (file, o) => {
      if (!fs.existsSync(file)) throw new CliError(`${file} does not exist (check --data).`, 'NotFound', EXIT.notFound);
      const out = o.out ?? `${file}.backup-${stamp()}`;
      await exportTenant(file, out);
      const s = summarizeTenant(out);
      print(s, o, () => `Backed up ${file} to ${out}.\n${fields(s)}`);
    }),
  );

  common(program.command('import').description('replace the tenant with a file; the current tenant is kept as a backup').requiredOption('--from <file>', 'tenant file to import')).action(
    run<DataOpts & { from: string }>(async (file, o) => {
      if (inUse(file)) throw new CliError(`${file} is open in a running CloudSSO Local (serve or the desktop app). Stop it, then import again.`, 'TenantInUse', EXIT.failed);
      const result = await importTenant(o.from, file);
      const s = summarizeTenant(file);
      print({ ...s, BackupFile: result.backupFile }, o, () => `Imported ${o.from} into ${file}.${result.backupFile ? `\nThe previous tenant was kept as ${result.backupFile}.` : ''}\n${fields(s)}`);
    }),
  );

  common(program.command('verify').description('integrity check, counts and a content checksum of a tenant file')).action(
    run<DataOpts>(async (file, o) => {
      const s = summarizeTenant(file);
      print(s, o, () => fields(s));
    }),
  );
}
