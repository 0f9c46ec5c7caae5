import { openDatabase, type SqliteDatabase } from '../../../src-main/core/store/open-database';
import { compileFilter, type FilterResource } from '../../../src-main/scim/filter';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

interface UserRow {
  id: string;
  userName: string;
  displayName?: string;
  externalId?: string;
  status?: 'Enabled' | 'Disabled';
  updatedAt: string;
  emails?: { value: string; type?: string; primary?: boolean }[];
  scim?: Record<string, unknown>;
}

const USERS: UserRow[] = [
  {
    id: 'u-alice',
    userName: 'Alice@Example.com',
    displayName: 'Alice Liddell',
    externalId: '4a3c-9f1e-alice',
    updatedAt: '2026-03-01T10:00:00.000Z',
    emails: [
      { value: 'alice@example.com', type: 'work', primary: true },
      { value: 'alice@home.example', type: 'home' },
    ],
    scim: {
      title: 'Engineer',
      phoneNumbers: [{ type: 'work', value: '+86 21 5555 0100' }],
      [ENTERPRISE]: { employeeNumber: '1001', department: 'R&D', manager: { value: 'u-bob' } },
    },
  },
  {
    // his home address is a@x.com, his work address is another one
    id: 'u-bob',
    userName: 'bob',
    displayName: 'Bob 100%_sure',
    externalId: 'EXT-BOB',
    status: 'Disabled',
    updatedAt: '2026-01-15T08:30:00.000Z',
    emails: [
      { value: 'bob@work.example', type: 'work', primary: true },
      { value: 'a@x.com', type: 'home' },
    ],
    scim: { title: 'Manager', [ENTERPRISE]: { employeeNumber: 1002 } },
  },
  {
    id: 'u-carol',
    userName: 'carol_x',
    displayName: 'Bob 100xxsure',
    updatedAt: '2026-02-20T00:00:00.000Z',
    emails: [{ value: 'a@x.com', type: 'work', primary: true }],
    scim: { title: '', phoneNumbers: ['+1 555 0199'] },
  },
  {
    id: 'u-dave',
    userName: 'carolax',
    updatedAt: '2025-12-31T23:59:59.999Z',
  },
];

const GROUPS = [
  { id: 'g-admins', name: 'Admins', members: ['u-alice', 'u-bob'] },
  { id: 'g-devs', name: 'Devs', members: ['u-carol'] },
  { id: 'g-empty', name: 'Empty_Group', members: [] as string[] },
];

/** A migrated in-memory tenant with four users and three groups, written with plain SQL. */
export function tenant(): SqliteDatabase {
  const db = openDatabase(':memory:');
  const user = db.prepare(
    `INSERT INTO users (id, user_name, display_name, email, status, provision_type, external_id, scim, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'Synchronized', ?, ?, '2025-06-01T00:00:00.000Z', ?)`,
  );
  const email = db.prepare('INSERT INTO user_emails (user_seq, value, type, is_primary) VALUES (?, ?, ?, ?)');
  const group = db.prepare(
    `INSERT INTO groups (id, name, provision_type, scim, created_at, updated_at)
     VALUES (?, ?, 'Synchronized', '{}', '2025-06-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
  );
  const member = db.prepare(
    `INSERT INTO memberships (group_seq, user_seq, joined_at)
     SELECT g.seq, u.seq, '2026-01-01T00:00:00.000Z' FROM groups g, users u WHERE g.id = ? AND u.id = ?`,
  );
  for (const u of USERS) {
    const primary = u.emails?.find((e) => e.primary)?.value ?? null;
    const scim = { userName: u.userName, displayName: u.displayName, externalId: u.externalId, emails: u.emails, ...u.scim };
    const { lastInsertRowid } = user.run(u.id, u.userName, u.displayName ?? null, primary, u.status ?? 'Enabled', u.externalId ?? null, JSON.stringify(scim), u.updatedAt);
    for (const e of u.emails ?? []) email.run(lastInsertRowid, e.value, e.type ?? null, e.primary ? 1 : 0);
  }
  for (const g of GROUPS) {
    group.run(g.id, g.name);
    for (const m of g.members) member.run(g.id, m);
  }
  return db;
}

/** The ids a filter selects, sorted. */
export function select(db: SqliteDatabase, filter: string, resource: FilterResource = 'User'): string[] {
  const { sql, params } = compileFilter(filter, resource);
  const table = resource === 'User' ? 'users u' : 'groups g';
  const rows = db.prepare(`SELECT id FROM ${table} WHERE (${sql}) ORDER BY id`).all(...params) as { id: string }[];
  return rows.map((r) => r.id);
}

export const ALL_USERS = USERS.map((u) => u.id).sort();
