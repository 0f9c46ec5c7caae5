// Import schema tampering: a crafted tenant with our application id and user_version but a schema or values of its
// own (a trigger that re-inserts a deleted credential, a view, a side table for password hashes, a users table
// without its case-insensitive unique index, a bogus Status, an expiry that does not parse) must be refused by
// import, verify, and every command or server that opens it, naming what is wrong, and the current tenant stays
// exactly as it was.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src-main/core/store/migrations';
import { TENANT_APPLICATION_ID } from '../../src-main/core/store/open-database';
import { Tenant } from '../../src-main/core/tenant';
import { recordFigures } from './support/scale';
import { cli, startServe, tempDir } from './support/serve-process';
import { prepareTenant } from './support/tenant-setup';

interface Variant {
  name: string;
  /** Changes a copy of a valid tenant (through its own connection, as an attacker's tool would). */
  tamper: (db: Database.Database) => void;
  /** What the refusal must name. */
  named: RegExp;
  /** Schema intact, values broken: import and verify check values; opening a file checks its schema only (a scan of
   *  every row at each command's start would cost seconds at 100,000 users). */
  valuesOnly?: boolean;
}

/** Rewrites a stored CREATE statement, as a crafted file can: lets rows in that the real schema refuses. */
function rewriteSchemaSql(db: Database.Database, name: string, from: string, to: string): void {
  db.unsafeMode(true); // lifts SQLite's defensive mode, as any other tool may
  db.pragma('writable_schema = ON');
  const changed = db.prepare('UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE name = ?').run(from, to, name).changes;
  db.pragma('writable_schema = OFF');
  if (changed !== 1) throw new Error(`${name}: nothing to rewrite`);
}

const VARIANTS: Variant[] = [
  {
    name: 'extra trigger (a deleted credential comes back)',
    tamper: (db) => db.exec('CREATE TRIGGER keep_credential AFTER DELETE ON credentials BEGIN INSERT INTO credentials SELECT OLD.*; END'),
    named: /unexpected trigger "keep_credential" on credentials/,
  },
  {
    name: 'extra trigger (a disable reverted)',
    tamper: (db) => db.exec("CREATE TRIGGER stay_enabled AFTER UPDATE OF status ON users BEGIN UPDATE users SET status = 'Enabled' WHERE seq = NEW.seq; END"),
    named: /unexpected trigger "stay_enabled" on users/,
  },
  {
    name: 'extra table and trigger (password hashes copied aside)',
    tamper: (db) => db.exec('CREATE TABLE loot (h TEXT); CREATE TRIGGER copy_hash AFTER UPDATE OF password_hash ON users BEGIN INSERT INTO loot VALUES (NEW.password_hash); END'),
    named: /unexpected table "loot".*unexpected trigger "copy_hash"|unexpected trigger "copy_hash".*unexpected table "loot"/,
  },
  { name: 'extra view', tamper: (db) => db.exec('CREATE VIEW hashes AS SELECT user_name, password_hash FROM users'), named: /unexpected view "hashes"/ },
  { name: 'extra index', tamper: (db) => db.exec('CREATE INDEX users_description ON users (description)'), named: /unexpected index "users_description"/ },
  { name: 'missing unique index on email', tamper: (db) => db.exec('DROP INDEX users_email'), named: /missing index "users_email"/ },
  {
    name: 'altered column (user_name no longer case-insensitive)',
    tamper: (db) => rewriteSchemaSql(db, 'users', 'user_name TEXT NOT NULL COLLATE NOCASE UNIQUE', 'user_name TEXT NOT NULL UNIQUE'),
    named: /table "users" differs from its definition/,
  },
  { name: 'added column', tamper: (db) => db.exec('ALTER TABLE users ADD COLUMN backdoor TEXT'), named: /table "users" differs from its definition/ },
  {
    name: 'users table without the case-insensitive unique index, holding Bob/bob/BOB',
    tamper: (db) => {
      db.exec('DROP TABLE users');
      const craftedUsers = /CREATE TABLE users \([\s\S]*?\n {2}\);/.exec(MIGRATIONS[0]!)![0].replace('user_name TEXT NOT NULL COLLATE NOCASE UNIQUE', 'user_name TEXT NOT NULL').replace('id TEXT NOT NULL UNIQUE', 'id TEXT NOT NULL');
      db.exec(craftedUsers);
      const insert = db.prepare("INSERT INTO users (id, user_name, email, status, provision_type, created_at, updated_at) VALUES (?, ?, ?, 'Enabled', 'Manual', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')");
      for (const name of ['Bob', 'bob', 'BOB']) insert.run('u-same', name, 'bob@example.com');
    },
    named: /missing index "sqlite_autoindex_users_1"|table "users" differs/,
  },
  {
    name: "Status 'Bogus' behind an intact schema text",
    tamper: (db) => {
      rewriteSchemaSql(db, 'users', "status TEXT NOT NULL CHECK (status IN ('Enabled', 'Disabled'))", 'status TEXT NOT NULL');
      db.close();
      const again = new Database(db.name);
      again.prepare("UPDATE users SET status = 'Bogus'").run();
      rewriteSchemaSql(again, 'users', 'status TEXT NOT NULL', "status TEXT NOT NULL CHECK (status IN ('Enabled', 'Disabled'))");
      again.close();
    },
    named: /Status other than Enabled or Disabled|CHECK constraint failed: status/,
    valuesOnly: true,
  },
  {
    name: 'credential expiry that does not parse',
    tamper: (db) => db.prepare("UPDATE credentials SET expires_at = 'never'").run(),
    named: /credentials whose creation, expiry or last-use time is not a date/,
    valuesOnly: true,
  },
  {
    name: 'users sharing an email, differing only in case',
    tamper: (db) => {
      rewriteSchemaSql(db, 'users_email', 'CREATE UNIQUE INDEX', 'CREATE INDEX');
      db.close();
      const again = new Database(db.name);
      again.exec("UPDATE users SET email = upper(email) || '' WHERE seq = (SELECT max(seq) FROM users); UPDATE users SET email = (SELECT email FROM users WHERE seq = (SELECT max(seq) FROM users)) WHERE seq = (SELECT min(seq) FROM users)");
      rewriteSchemaSql(again, 'users_email', 'CREATE INDEX', 'CREATE UNIQUE INDEX');
      again.close();
    },
    named: /users sharing an email|integrity check/,
    valuesOnly: true,
  },
];

describe('import schema tampering', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const checksum = (file: string) => {
    const r = cli(['verify', '--json', '--data', file]);
    expect(r.status, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { ContentChecksum: string }).ContentChecksum;
  };

  it(`${VARIANTS.length} tampered tenants: import, verify and opening each are refused with a message naming the object; the current tenant is untouched`, async () => {
    const { dataFile: source } = prepareTenant(dir, 'source.sqlite');
    const seeded = Tenant.open(source);
    seeded.users.create({ UserName: 'alice', Email: 'alice@example.com' });
    seeded.users.create({ UserName: 'bob', Email: 'bob@example.com' });
    seeded.close();
    const { dataFile: current } = prepareTenant(dir, 'current.sqlite');
    const before = checksum(current);
    let refused = 0;
    for (const [i, variant] of VARIANTS.entries()) {
      const crafted = path.join(dir, `crafted-${i}.sqlite`);
      fs.copyFileSync(source, crafted);
      const db = new Database(crafted);
      variant.tamper(db);
      if (db.open) db.close();
      expect(new Database(crafted, { readonly: true }).pragma('application_id', { simple: true }), variant.name).toBe(TENANT_APPLICATION_ID);

      const imported = cli(['import', '--from', crafted, '--data', current]);
      expect(imported.status, `${variant.name}: import must be refused`).not.toBe(0);
      expect(imported.stderr, variant.name).toMatch(variant.named);
      expect(imported.stderr.trim().split('\n'), variant.name).toHaveLength(1);
      expect(checksum(current), `${variant.name}: the current tenant changed`).toBe(before);
      const verified = cli(['verify', '--data', crafted]);
      expect(verified.status, `${variant.name}: verify must fail`).not.toBe(0);
      // a command that only reads and one that writes (they open the file differently), in turn
      for (const command of variant.valuesOnly ? [] : [i % 2 ? ['user', 'list'] : ['user', 'create', '--user-name', 'mallory']]) {
        const opened = cli([...command, '--data', crafted]);
        expect(opened.status, `${variant.name}: ${command.join(' ')} must refuse the file`).not.toBe(0);
        expect(opened.stderr, `${variant.name}: ${command.join(' ')}`).toMatch(/does not have the schema|holds values|damaged|constraint|differs/);
      }
      refused++;
    }
    // serve refuses to start on one, as it does for any file that opens no tenant
    await expect(startServe(path.join(dir, 'crafted-0.sqlite'))).rejects.toThrow(/unexpected trigger "keep_credential"/);
    recordFigures('import-tampering', { variants: VARIANTS.length, refused, integrityChecks: VARIANTS.length });
    expect(refused).toBe(VARIANTS.length);
  }, 180_000);

  it('a foreign SQLite file holding only a view is not an empty file: it is refused, not turned into a tenant', () => {
    const foreign = path.join(dir, 'only-a-view.sqlite');
    const db = new Database(foreign);
    db.exec('CREATE VIEW v AS SELECT 1 AS one');
    db.close();
    const r = cli(['user', 'list', '--data', foreign]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/not a CloudSSO Local tenant; it was left untouched/);
    const after = new Database(foreign, { readonly: true });
    expect(after.prepare('SELECT type, name FROM sqlite_schema').all()).toEqual([{ type: 'view', name: 'v' }]);
    after.close();
  });
});
