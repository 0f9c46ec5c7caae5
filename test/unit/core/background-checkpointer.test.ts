import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundCheckpointer } from '../../../src-main/core/store/background-checkpointer';
import { scimUser, tempTenant } from './fixtures';

/** What the database file itself holds, ignoring the WAL: a copy of the file alone, opened on its own. The copy
 *  can catch the worker mid-checkpoint (a torn copy, "malformed"): that counts as -1 and the caller looks again. */
function usersInMainFile(file: string): number {
  const copy = `${file}.main-only`;
  fs.copyFileSync(file, copy);
  const db = new Database(copy);
  try {
    // before the first checkpoint even the schema is only in the WAL
    const hasUsers = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'users'").get();
    return hasUsers ? db.prepare<[], number>('SELECT count(*) FROM users').pluck().get()! : 0;
  } catch (e) {
    if (e instanceof Database.SqliteError && /malformed|not a database/i.test(e.message)) return -1;
    throw e;
  } finally {
    db.close();
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  }
}

describe('WAL checkpoints from a worker thread while serving', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => cleanup?.());

  it('copies committed writes into the database file without the serving connection checkpointing', async () => {
    const { tenant, file, dispose } = tempTenant();
    cleanup = dispose;
    const checkpointer = BackgroundCheckpointer.start(tenant.db, file);
    expect(checkpointer).not.toBeNull();
    // the serving connection now leaves checkpoints to the worker (far fewer pages than its threshold are written)
    expect(tenant.db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(1000);
    for (let i = 0; i < 200; i++) tenant.users.scimCreate(scimUser(`user${i}`));
    let inFile = usersInMainFile(file);
    for (const deadline = Date.now() + 3000; inFile < 200 && Date.now() < deadline; await sleep(20)) inFile = usersInMainFile(file);
    expect(inFile).toBe(200);
    await checkpointer!.stop();
    expect(tenant.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('carries on through another process holding the write lock (its checkpoints never wait and ignore a busy answer)', async () => {
    const { tenant, file, dispose } = tempTenant();
    cleanup = dispose;
    const checkpointer = BackgroundCheckpointer.start(tenant.db, file)!;
    for (let i = 0; i < 100; i++) tenant.users.scimCreate(scimUser(`before${i}`));
    const holder = new Database(file, { fileMustExist: true });
    holder.exec('BEGIN IMMEDIATE');
    await sleep(1_500);
    holder.exec('ROLLBACK');
    holder.close();
    for (let i = 0; i < 100; i++) tenant.users.scimCreate(scimUser(`after${i}`));
    let inFile = usersInMainFile(file);
    for (const deadline = Date.now() + 3000; inFile < 200 && Date.now() < deadline; await sleep(20)) inFile = usersInMainFile(file);
    expect(inFile).toBe(200);
    // the worker is still the one checkpointing: an 'error' event would have put SQLite's own threshold back
    expect(tenant.db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(1000);
    await checkpointer.stop();
  });

  it('stops cleanly: the tenant closes afterwards, keeps every write and passes an integrity check', async () => {
    const { tenant, file, dispose } = tempTenant();
    cleanup = dispose;
    const checkpointer = BackgroundCheckpointer.start(tenant.db, file)!;
    for (let i = 0; i < 500; i++) tenant.users.scimCreate(scimUser(`user${i}`));
    await checkpointer.stop();
    await checkpointer.stop(); // a second stop (a second shutdown signal) is harmless
    tenant.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(500);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('loads the addon it is given (the desktop app passes its Electron build) and still checkpoints', async () => {
    const { tenant, file, dispose } = tempTenant();
    cleanup = dispose;
    const addon = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    const checkpointer = BackgroundCheckpointer.start(tenant.db, file, addon)!;
    for (let i = 0; i < 50; i++) tenant.users.scimCreate(scimUser(`user${i}`));
    let inFile = usersInMainFile(file);
    for (const deadline = Date.now() + 3000; inFile < 50 && Date.now() < deadline; await sleep(20)) inFile = usersInMainFile(file);
    expect(inFile).toBe(50);
    await checkpointer.stop();
  });

  it('when the worker cannot open the driver, the serving connection checkpoints by itself again', async () => {
    const { tenant, file, dispose } = tempTenant();
    cleanup = dispose;
    const checkpointer = BackgroundCheckpointer.start(tenant.db, file, path.join(path.dirname(file), 'no-such-addon.node'))!;
    for (const deadline = Date.now() + 3000; tenant.db.pragma('wal_autocheckpoint', { simple: true }) !== 1000 && Date.now() < deadline; ) await sleep(20);
    expect(tenant.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.stop();
    tenant.users.scimCreate(scimUser('still.writable'));
    expect(tenant.users.findByUserName('still.writable')).not.toBeNull();
  });
});
