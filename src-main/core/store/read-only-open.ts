import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Opens a tenant file only to read it. A WAL-mode database needs its -shm file even to be read, and SQLite must
 *  create that next to the file; in a folder this user may not write it refuses (SQLITE_READONLY_DIRECTORY or
 *  SQLITE_CANTOPEN). SQLite's way around that, the `immutable` URI parameter, is not accepted by this build of the
 *  driver (URI filenames are off), so the file (and its -wal, if a crash left one) is copied into a private temporary
 *  folder and read there. Only commands that read take this path, and only when the plain open fails. */
export function openReadOnly(file: string): Database.Database {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('schema_version'); // the first read is where a missing -shm shows
    return db;
  } catch (e) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (!code.startsWith('SQLITE_READONLY') && !code.startsWith('SQLITE_CANTOPEN')) throw e;
    return openCopy(file, e);
  }
}

function openCopy(file: string, original: unknown): Database.Database {
  let copyDir: string;
  try {
    fs.accessSync(file, fs.constants.R_OK);
    copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-read-'));
  } catch {
    throw original;
  }
  process.once('exit', () => fs.rmSync(copyDir, { recursive: true, force: true }));
  const copy = path.join(copyDir, path.basename(file));
  fs.copyFileSync(file, copy);
  fs.chmodSync(copy, 0o600);
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  return new Database(copy, { readonly: true, fileMustExist: true });
}
