import Database from 'better-sqlite3';
import { coreError } from '../errors';
import { MIGRATIONS } from './migrations';
import type { SqliteDatabase } from './open-database';

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const SCHEMA_OF = 'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name';
const expected = new Map<number, Map<string, SchemaObject>>();

/** The exact schema a tenant of `version` has: the migrations applied to an empty in-memory database, so it can
 *  never drift from what openDatabase really creates. */
function expectedSchema(version: number): Map<string, SchemaObject> {
  let schema = expected.get(version);
  if (!schema) {
    const db = new Database(':memory:');
    try {
      for (let v = 0; v < version; v++) db.exec(MIGRATIONS[v]!);
      schema = byKey(db.prepare<[], SchemaObject>(SCHEMA_OF).all());
    } finally {
      db.close();
    }
    expected.set(version, schema);
  }
  return schema;
}

const byKey = (objects: SchemaObject[]) => new Map(objects.map((o) => [`${o.type} ${o.name}`, o]));

/** Every difference between a file's schema and the one its user_version promises, each naming the object. A
 *  trigger, view, table or index that we did not create could run code on our later writes or copy data out
 *  (a deleted credential re-inserted, password hashes copied aside), so anything extra counts, not only what is
 *  missing. SQLite's own statistics tables (sqlite_stat*) hold no code and are left alone. */
export function schemaDifferences(db: SqliteDatabase, version: number): string[] {
  const want = expectedSchema(version);
  const have = byKey(db.prepare<[], SchemaObject>(SCHEMA_OF).all().filter((o) => !o.name.startsWith('sqlite_stat')));
  const problems: string[] = [];
  for (const [key, o] of have) {
    const w = want.get(key);
    if (!w) problems.push(`unexpected ${o.type} "${o.name}"${o.tbl_name !== o.name ? ` on ${o.tbl_name}` : ''}`);
    else if (w.sql !== o.sql || w.tbl_name !== o.tbl_name) problems.push(`${o.type} "${o.name}" differs from its definition in tenant format ${version}`);
  }
  for (const [key, w] of want) if (!have.has(key)) problems.push(`missing ${w.type} "${w.name}"`);
  return problems;
}

/** Refuses a file whose schema is not exactly that of its version, naming what is wrong. */
export function assertExpectedSchema(db: SqliteDatabase, version: number, file: string): void {
  const problems = schemaDifferences(db, version);
  if (problems.length) {
    const shown = problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '');
    throw coreError('NotATenant', 'TenantSchemaMismatch', { file, version, differences: shown });
  }
}

/** toISOString()'s shape, which is how every time in a tenant is written. */
const ISO_TIME = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'";
const badTime = (column: string, nullable = false) => `(${nullable ? `${column} IS NOT NULL AND ` : ''}(${column} NOT ${ISO_TIME} OR julianday(${column}) IS NULL))`;

/** Value rules the schema alone does not state (or a crafted file could break with the schema intact): each query
 *  counts the rows that break one rule. */
const CONTENT_RULES: readonly [rule: string, sql: string][] = [
  ['users with a Status other than Enabled or Disabled', "SELECT count(*) FROM users WHERE status NOT IN ('Enabled', 'Disabled')"],
  ['users with a ProvisionType other than Manual or Synchronized', "SELECT count(*) FROM users WHERE provision_type NOT IN ('Manual', 'Synchronized')"],
  ['users sharing a UserName (compared regardless of case)', 'SELECT count(*) FROM (SELECT 1 FROM users GROUP BY lower(user_name) HAVING count(*) > 1)'],
  ['users sharing an id', 'SELECT count(*) FROM (SELECT 1 FROM users GROUP BY id HAVING count(*) > 1)'],
  ['users sharing an email (compared regardless of case)', 'SELECT count(*) FROM (SELECT 1 FROM users WHERE email IS NOT NULL GROUP BY lower(email) HAVING count(*) > 1)'],
  ['users with a creation or change time that is not a date', `SELECT count(*) FROM users WHERE ${badTime('created_at')} OR ${badTime('updated_at')}`],
  ['groups with a ProvisionType other than Manual or Synchronized', "SELECT count(*) FROM groups WHERE provision_type NOT IN ('Manual', 'Synchronized')"],
  ['groups sharing a GroupName (compared regardless of case)', 'SELECT count(*) FROM (SELECT 1 FROM groups GROUP BY lower(name) HAVING count(*) > 1)'],
  ['groups sharing an id', 'SELECT count(*) FROM (SELECT 1 FROM groups GROUP BY id HAVING count(*) > 1)'],
  ['groups with a creation or change time that is not a date', `SELECT count(*) FROM groups WHERE ${badTime('created_at')} OR ${badTime('updated_at')}`],
  ['credentials with a Status other than Enabled or Disabled', "SELECT count(*) FROM credentials WHERE status NOT IN ('Enabled', 'Disabled')"],
  ['credentials whose creation, expiry or last-use time is not a date', `SELECT count(*) FROM credentials WHERE ${badTime('created_at')} OR ${badTime('expires_at')} OR ${badTime('last_used_at', true)}`],
  ['credentials whose secret hash is not a SHA-256', "SELECT count(*) FROM credentials WHERE length(secret_hash) <> 64 OR secret_hash GLOB '*[^0-9a-f]*'"],
  ['more than one directory record', 'SELECT max(count(*) - 1, 0) FROM directory'],
];

/** Each broken value rule, with how many rows break it. */
export function contentProblems(db: SqliteDatabase): string[] {
  const problems: string[] = [];
  for (const [rule, sql] of CONTENT_RULES) {
    const n = db.prepare<[], number>(sql).pluck().get() ?? 0;
    if (n > 0) problems.push(`${n} × ${rule}`);
  }
  return problems;
}
