import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { coreError } from '../errors';
import { COMMAND_BUSY_TIMEOUT_MS } from './lock-wait';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { openReadOnly } from './read-only-open';
import { assertExpectedSchema } from './schema-check';
import { asCoreError } from './store-errors';

/** 'CSSL' — marks a SQLite file as a CloudSSO Local tenant, so we never migrate someone else's database. */
export const TENANT_APPLICATION_ID = 0x4353534c;

/** The tenant holds password and secret hashes and the provisioning log: only its owner may read it (or list the
 *  folder). SQLite gives the -wal and -shm files the mode of the database file. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type SqliteDatabase = Database.Database;

export interface OpenOptions {
  /** Only read: nothing is written, so a tenant in a read-only folder still opens. A file that does not exist yet
   *  or is of an older format is still created or migrated first (which needs a writable folder). */
  readonly?: boolean;
}

/** A path that is not a regular file (a folder, a FIFO, a device) is refused before anything opens it: opening a
 *  FIFO would block until a writer appears. */
export function assertRegularFile(file: string): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw asCoreError(e, file);
  }
  if (!stat.isFile()) {
    throw coreError('NotATenant', 'NotATenantFile', { file, kind: stat.isDirectory() ? 'folder' : stat.isFIFO() ? 'fifo' : 'other' });
  }
  return true;
}

/** Returns the file's tenant format, 0 for a file still to be created. */
function assertLooksLikeTenant(file: string): number {
  if (!assertRegularFile(file) || fs.statSync(file).size === 0) return 0; // a new tenant
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    if (!head.equals(SQLITE_HEADER)) {
      throw coreError('NotATenant', 'NotSQLite', { file });
    }
  } finally {
    fs.closeSync(fd);
  }
  const probe = openReadOnly(file);
  try {
    const appId = probe.pragma('application_id', { simple: true }) as number;
    const version = probe.pragma('user_version', { simple: true }) as number;
    // Any object counts: a file holding only a view or a trigger is someone's database, not an empty one.
    const objects = probe.prepare<[], number>('SELECT count(*) FROM sqlite_schema').pluck().get()!;
    if (appId !== TENANT_APPLICATION_ID && !(appId === 0 && version === 0 && objects === 0)) {
      throw coreError('NotATenant', 'NotATenant', { file });
    }
    if (version > SCHEMA_VERSION) {
      throw coreError('TenantTooNew', 'TenantTooNew', { file, version, supported: SCHEMA_VERSION });
    }
    if (appId === TENANT_APPLICATION_ID) assertExpectedSchema(probe, version, file);
    return version;
  } finally {
    probe.close();
  }
}

/** Creates the folder (owner only) and an empty file (owner only) for a new tenant, so SQLite never creates it
 *  with the umask's world-readable mode. */
function createPrivately(file: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: PRIVATE_FOLDER_MODE });
  try {
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

/** Opens (creating if needed) a tenant file: checks it is ours and has exactly our schema, applies pending
 *  migrations in one transaction. Storage errors come out as the core's own ('CannotWrite', 'Busy'). */
export function openDatabase(file: string, options: OpenOptions = {}): SqliteDatabase {
  try {
    if (file === ':memory:') return openForWriting(file);
    const version = assertLooksLikeTenant(file);
    if (options.readonly && version === SCHEMA_VERSION) return openForReading(file);
    createPrivately(file);
    return openForWriting(file);
  } catch (e) {
    throw asCoreError(e, file);
  }
}

function openForWriting(file: string): SqliteDatabase {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across process crashes, which is what we promise
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${COMMAND_BUSY_TIMEOUT_MS}`); // while migrating; the Tenant then sets its own (LockWait)
    // 16 MB of page cache per connection: at 100,000 users 32 MB added ~24 MB to the server's peak RSS for no
    // measurable speed (GET by id and the deep page within noise at 8 MB); pages beyond it come from the OS cache.
    db.pragma('cache_size = -16000');
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function openForReading(file: string): SqliteDatabase {
  const db = openReadOnly(file);
  try {
    db.pragma(`busy_timeout = ${COMMAND_BUSY_TIMEOUT_MS}`);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function migrate(db: SqliteDatabase): void {
  const apply = db.transaction(() => {
    // Re-read inside the write transaction: another process may have migrated meanwhile.
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw coreError('TenantTooNew', 'TenantTooNew', { file: db.name, version: current, supported: SCHEMA_VERSION });
    }
    for (let v = current; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    if (current < SCHEMA_VERSION) {
      db.pragma(`application_id = ${TENANT_APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
  });
  apply.immediate();
}
