import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { coreError, isCoreError } from './errors';
import { processAlive } from './process-alive';
import { assertRegularFile, openDatabase, PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE, TENANT_APPLICATION_ID } from './store/open-database';
import { SCHEMA_VERSION } from './store/migrations';
import { openReadOnly } from './store/read-only-open';
import { assertExpectedSchema, contentProblems } from './store/schema-check';
import { asCoreError } from './store/store-errors';
import type { Tenant } from './tenant';

/** Export = an online backup: a consistent copy even while the IdP is writing. Takes the open tenant, or a
 *  tenant file (which may be open in another process). */
export async function exportTenant(from: Tenant | string, toFile: string): Promise<void> {
  const tmp = `${toFile}.partial-${process.pid}`;
  try {
    createPrivateFile(tmp);
    if (typeof from === 'string') {
      validateTenantFile(from);
      const source = openReadOnly(from);
      try {
        await source.backup(tmp);
      } finally {
        source.close();
      }
    } else await from.backup(tmp);
    fs.renameSync(tmp, toFile);
  } catch (e) {
    throw asCoreError(e, toFile);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** A copy of the tenant (export, backup, import staging) holds the same secrets: owner-only from the start, since
 *  SQLite would create it with the umask's mode. */
function createPrivateFile(file: string): void {
  fs.rmSync(file, { force: true });
  fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
}

/** Checks a file is a whole, readable tenant of a version this build can open, without changing it: ours, with
 *  exactly the schema of its version (nothing extra, missing or altered), intact, and with values a tenant can hold. */
export function validateTenantFile(file: string): { users: number; groups: number } {
  if (!fs.existsSync(file)) throw coreError('NotFound', 'FileNotFound', { file });
  assertRegularFile(file);
  let db: Database.Database;
  try {
    db = openReadOnly(file);
  } catch {
    throw coreError('NotATenant', 'NotSQLite', { file });
  }
  try {
    const appId = db.pragma('application_id', { simple: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== TENANT_APPLICATION_ID) throw coreError('NotATenant', 'NotATenant', { file });
    if (version > SCHEMA_VERSION) throw coreError('TenantTooNew', 'TenantTooNew', { file, version, supported: SCHEMA_VERSION });
    assertExpectedSchema(db, version, file);
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw coreError('NotATenant', 'TenantDamaged', { file, check: String(check) });
    const problems = contentProblems(db);
    if (problems.length) throw coreError('NotATenant', 'TenantBadValues', { file, problems: problems.join('; ') });
    const users = (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
    const groups = (db.prepare('SELECT count(*) AS n FROM groups').get() as { n: number }).n;
    return { users, groups };
  } catch (e) {
    if (isCoreError(e)) throw e;
    const stored = asCoreError(e, file);
    if (isCoreError(stored)) throw stored;
    throw coreError('NotATenant', 'TenantUnreadable', { file, reason: (e as Error).message });
  } finally {
    db.close();
  }
}

/** Replaces the (closed) active tenant with `fromFile`. The import is validated and migrated on a copy first;
 *  the swap is a rename, so a crash leaves either the old tenant or the new one. The old one is kept as a backup. */
export async function importTenant(fromFile: string, activeFile: string): Promise<{ backupFile: string | null; users: number; groups: number }> {
  const counts = validateTenantFile(fromFile);
  const dir = path.dirname(path.resolve(activeFile));
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  removeStaleStaging(dir);
  const staged = path.join(dir, `.import-${process.pid}-${Date.now()}.sqlite`);
  try {
    createPrivateFile(staged);
    const source = openReadOnly(fromFile);
    try {
      await source.backup(staged);
    } finally {
      source.close();
    }
    openDatabase(staged).close(); // migrates the copy to this version before it goes live
    fs.rmSync(`${staged}-wal`, { force: true });
    fs.rmSync(`${staged}-shm`, { force: true });
    let backupFile: string | null = null;
    if (fs.existsSync(activeFile)) {
      backupFile = `${activeFile}.backup-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      const current = new Database(activeFile, { fileMustExist: true });
      try {
        createPrivateFile(backupFile);
        await current.backup(backupFile);
        current.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        current.close();
      }
    }
    fs.renameSync(staged, activeFile);
    fs.rmSync(`${activeFile}-wal`, { force: true });
    fs.rmSync(`${activeFile}-shm`, { force: true });
    return { backupFile, ...counts };
  } catch (e) {
    throw asCoreError(e, activeFile);
  } finally {
    fs.rmSync(staged, { force: true });
  }
}

/** A killed import leaves its staged copy (as large as the imported tenant) behind: remove those whose process is
 *  gone before staging a new one. */
function removeStaleStaging(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const m = /^\.import-(\d+)-\d+\.sqlite(-wal|-shm|-journal)?$/.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}
