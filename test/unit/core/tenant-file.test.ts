import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../../src-main/core/errors';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src-main/core/store/migrations';
import { schemaDifferences } from '../../../src-main/core/store/schema-check';
import { TENANT_APPLICATION_ID } from '../../../src-main/core/store/open-database';
import { Tenant } from '../../../src-main/core/tenant';

describe('the tenant file', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudsso-store-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string) => path.join(dir, name);
  const refusal = (f: string): CoreError => {
    try {
      Tenant.open(f).close();
    } catch (e) {
      return e as CoreError;
    }
    throw new Error(`${f} was opened`);
  };

  it('a new file becomes a tenant at the current version, marked as ours, in WAL mode, with every table', () => {
    const t = Tenant.open(file('new.sqlite'));
    try {
      expect(t.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(t.db.pragma('application_id', { simple: true })).toBe(TENANT_APPLICATION_ID);
      expect(t.db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = (t.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['directory', 'settings', 'credentials', 'users', 'groups', 'memberships', 'activity', 'drift']));
      const dirInfo = t.settings.directory();
      expect(dirInfo.DirectoryId).toMatch(/^d-[a-z0-9]{20}$/);
      expect(dirInfo.Region).toBe('cn-shanghai');
    } finally {
      t.close();
    }
  });

  it('opens again with its data (migrations are not re-applied)', () => {
    const f = file('again.sqlite');
    const t = Tenant.open(f);
    const u = t.users.create({ UserName: 'persisted' });
    const d = t.settings.directory().DirectoryId;
    t.close();
    const again = Tenant.open(f);
    try {
      expect(again.users.get(u.UserId).UserName).toBe('persisted');
      expect(again.settings.directory().DirectoryId).toBe(d);
    } finally {
      again.close();
    }
  });

  it('has indexes for every lookup an IdP makes', () => {
    const t = Tenant.open(file('idx.sqlite'));
    try {
      const plan = (sql: string, ...p: unknown[]) => (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan('SELECT * FROM users WHERE user_name = ?', 'x')).toMatch(/USING INDEX/);
      expect(plan('SELECT * FROM users WHERE email = ?', 'x')).toMatch(/USING INDEX/);
      expect(plan('SELECT * FROM users WHERE external_id = ?', 'x')).toMatch(/USING INDEX/);
      expect(plan('SELECT * FROM users WHERE id = ?', 'x')).toMatch(/USING INDEX/);
      expect(plan('SELECT * FROM groups WHERE name = ?', 'x')).toMatch(/USING INDEX/);
      expect(plan('SELECT * FROM memberships WHERE group_seq = ?', 1)).toMatch(/USING (PRIMARY KEY|INDEX|COVERING INDEX)/);
      expect(plan('SELECT * FROM memberships WHERE user_seq = ?', 1)).toMatch(/USING (COVERING )?INDEX memberships_by_user/);
    } finally {
      t.close();
    }
  });

  it('refuses a file from a newer version with a message saying so, and leaves it untouched', () => {
    const f = file('future.sqlite');
    Tenant.open(f).close();
    const db = new Database(f);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = fs.readFileSync(f);
    const e = refusal(f);
    expect(e).toBeInstanceOf(CoreError);
    expect(e.code).toBe('TenantTooNew');
    expect(e.message).toMatch(/newer/);
    expect(e.message).toContain(String(SCHEMA_VERSION + 1));
    expect(fs.readFileSync(f).equals(before)).toBe(true);
  });

  it('refuses a file that is not SQLite, byte-identical afterwards, with no side files', () => {
    const f = file('notes.txt');
    const content = Buffer.from('These are my notes, not a database.\n'.repeat(200));
    fs.writeFileSync(f, content);
    const e = refusal(f);
    expect(e.code).toBe('NotATenant');
    expect(e.message).toMatch(/not a CloudSSO Local tenant/);
    expect(fs.readFileSync(f).equals(content)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('refuses a foreign SQLite database, byte-identical afterwards', () => {
    const f = file('foreign.db');
    const db = new Database(f);
    db.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices (amount) VALUES (12.5), (99);");
    db.close();
    const before = fs.readFileSync(f);
    const e = refusal(f);
    expect(e.code).toBe('NotATenant');
    expect(e.message).toMatch(/SQLite database but not a CloudSSO Local tenant/);
    expect(fs.readFileSync(f).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['foreign.db']);
  });

  it('refuses a foreign SQLite database in WAL mode, its main file byte-identical afterwards', () => {
    const f = file('foreign-wal.db');
    const db = new Database(f);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = fs.readFileSync(f);
    expect(refusal(f).code).toBe('NotATenant');
    expect(fs.readFileSync(f).equals(before)).toBe(true);
  });

  it('a foreign database with a version but no tables is still not migrated', () => {
    const f = file('versioned.db');
    const db = new Database(f);
    db.pragma('user_version = 7');
    db.close();
    const before = fs.readFileSync(f);
    expect(refusal(f).code).toBe('NotATenant');
    expect(fs.readFileSync(f).equals(before)).toBe(true);
  });

  it('a foreign file holding only a view is not empty: refused, left as it was', () => {
    const f = file('view-only.sqlite');
    const db = new Database(f);
    db.exec('CREATE VIEW v AS SELECT 1');
    db.close();
    const before = fs.readFileSync(f);
    expect(refusal(f).code).toBe('NotATenant');
    expect(fs.readFileSync(f).equals(before)).toBe(true);
  });

  it('opening a tenant whose schema has anything extra refuses it, naming the object', () => {
    const f = file('tampered.sqlite');
    Tenant.open(f).close();
    const db = new Database(f);
    db.exec("CREATE TRIGGER revive AFTER DELETE ON credentials BEGIN SELECT 1; END; CREATE TABLE aside (x)");
    db.close();
    const e = refusal(f);
    expect(e.code).toBe('NotATenant');
    expect(e.message).toMatch(/unexpected table "aside"; unexpected trigger "revive" on credentials/);
  });

  it('a tenant of an older format is checked against that format\'s schema, then migrated', () => {
    const f = file('format-1.sqlite');
    const db = new Database(f);
    db.exec(MIGRATIONS[0]!);
    db.pragma(`application_id = ${TENANT_APPLICATION_ID}`);
    db.pragma('user_version = 1');
    db.close();
    const t = Tenant.open(f);
    try {
      expect(t.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(schemaDifferences(t.db, SCHEMA_VERSION)).toEqual([]);
    } finally {
      t.close();
    }
  });
});
