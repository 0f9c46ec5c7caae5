import { coreError, conflict, invalid, locked, notFound } from '../errors';
import { newId, nowIso } from '../ids';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../store/open-database';
import type { SearchWorker } from '../store/search-worker';
import type { CreateUserInput, Page, ProvisionType, Status, User, UserFields, UserListQuery } from '../types';
import { assertStatus } from '../settings/settings-store';
import { DriftStore } from './drift-store';
import { lockState } from './lock';
import { USER_TEXT_LIMITS, checkEmail, checkOptionalText, checkUserName } from './rules';
import { escapeLike, LIMIT_OFFSET_PARAMS, LIMIT_PARAM, pageBounds, WhereBuilder, type SqlPredicate } from './sql-helpers';

export interface EmailEntry {
  value: string;
  type: string | null;
  primary: boolean;
}

/** A user as an IdP writes it: CloudSSO's fields plus the SCIM document kept as sent. */
export interface ScimUserWrite {
  UserName: string;
  FirstName: string | null;
  LastName: string | null;
  DisplayName: string | null;
  Email: string | null;
  Status: Status;
  ExternalId: string | null;
  Emails: EmailEntry[];
  Scim: Record<string, unknown>;
  /** Present when the IdP sent a password (already hashed with a slow KDF). */
  PasswordHash?: string;
}

/** What the SCIM layer renders a user from: CloudSSO's columns that a SCIM User shows, and the document the IdP
 *  last sent. Narrower than User (no lock state, drift or description): a 100-user SCIM page reads fewer columns. */
export interface StoredUser {
  user: ScimUserColumns;
  scim: Record<string, unknown>;
}

/** User's fields that a SCIM User shows; the external id as SCIM has it (a plain string). */
export type ScimUserColumns = Pick<User, 'UserId' | 'UserName' | 'FirstName' | 'LastName' | 'DisplayName' | 'Email' | 'Status' | 'CreateTime' | 'UpdateTime'> & {
  ExternalId: string | null;
};

interface Row {
  seq: number;
  id: string;
  user_name: string;
  first_name: string | null;
  last_name: string | null;
  display_name: string | null;
  email: string | null;
  description: string | null;
  status: Status;
  provision_type: ProvisionType;
  external_id: string | null;
  scim: string;
  created_at: string;
  updated_at: string;
  drift: 'Modified' | 'Deleted' | null;
}

const SELECT = `SELECT u.seq, u.id, u.user_name, u.first_name, u.last_name, u.display_name, u.email, u.description, u.status,
  u.provision_type, u.external_id, u.scim, u.created_at, u.updated_at,
  (SELECT d.change FROM drift d WHERE d.resource_id = u.id) AS drift FROM users u`;

/** SELECT's columns are read as arrays and named here: better-sqlite3 builds each row object property by
 *  property, which cost half of a 100-user SCIM page's SQL time (~1 µs a row). */
type RawRow = [number, string, string, string | null, string | null, string | null, string | null, string | null, Status, ProvisionType, string | null, string, string, string, Row['drift']];
const toRow = (r: RawRow): Row => ({
  seq: r[0], id: r[1], user_name: r[2], first_name: r[3], last_name: r[4], display_name: r[5], email: r[6], description: r[7], status: r[8],
  provision_type: r[9], external_id: r[10], scim: r[11], created_at: r[12], updated_at: r[13], drift: r[14],
});

/** What SCIM reads of a user, also as arrays: 11 columns instead of SELECT's 15 (and no drift subquery). */
const SCIM_SELECT = `SELECT u.id, u.user_name, u.first_name, u.last_name, u.display_name, u.email, u.status, u.external_id, u.scim,
  u.created_at, u.updated_at FROM users u`;
type RawScimRow = [string, string, string | null, string | null, string | null, string | null, Status, string | null, string, string, string];
const toStoredUser = (r: RawScimRow): StoredUser => ({
  user: { UserId: r[0], UserName: r[1], FirstName: r[2], LastName: r[3], DisplayName: r[4], Email: r[5], Status: r[6], ExternalId: r[7], CreateTime: r[9], UpdateTime: r[10] },
  scim: JSON.parse(r[8]) as Record<string, unknown>,
});

const SORT_COLUMNS: Record<NonNullable<UserListQuery['SortBy']>, string> = {
  UserName: 'u.user_name',
  DisplayName: 'u.display_name COLLATE NOCASE',
  CreateTime: 'u.created_at',
  UpdateTime: 'u.updated_at',
};

export type Actor = 'admin' | 'scim';

function listQuery(q: UserListQuery): { predicate: SqlPredicate | null; order: string } {
  const where = new WhereBuilder();
  if (q.UserNameEq) where.add('u.user_name = ?', q.UserNameEq);
  if (q.UserNamePrefix) where.add("u.user_name LIKE ? ESCAPE '\\'", `${escapeLike(q.UserNamePrefix)}%`);
  if (q.Text) {
    const like = `%${escapeLike(q.Text)}%`;
    where.add("(u.user_name LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\' OR u.email LIKE ? ESCAPE '\\')", like, like, like);
  }
  if (q.ProvisionType) where.add('u.provision_type = ?', q.ProvisionType);
  if (q.Status) where.add('u.status = ?', q.Status);
  const order = `${SORT_COLUMNS[q.SortBy ?? 'CreateTime'] ?? 'u.created_at'} ${q.SortOrder === 'desc' ? 'DESC' : 'ASC'}, u.seq`;
  return { predicate: where.predicate(), order };
}

/**
 * A page's SQL. Past the first page, skip through the narrowest index that gives the order (keys only), then read
 * just the page's whole rows: OFFSET 99,900 over whole rows costs ~90 ms at 100,000 users, over users_order ~3 ms.
 * A first page skips nothing, and the plain form is cheaper there (an IdP's lookup: ~20 µs instead of ~29).
 */
function pageSql(select: string, where: string, order: string, start: number): string {
  return start === 0
    ? `${select} ${where} ORDER BY ${order} ${LIMIT_PARAM}`
    : `${select} WHERE u.seq IN (SELECT u.seq FROM users u ${where} ORDER BY ${order} ${LIMIT_OFFSET_PARAMS}) ORDER BY ${order}`;
}

const pageParams = (start: number, size: number): number[] => (start === 0 ? [size] : [size, start]);

export class UserStore {
  private readonly byId;
  private readonly byName;
  private readonly scimById;
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly syncEnabled: () => boolean,
    private readonly drift: DriftStore,
  ) {
    this.byId = db.prepare<[string], RawRow>(`${SELECT} WHERE u.id = ?`).raw();
    this.byName = db.prepare<[string], RawRow>(`${SELECT} WHERE u.user_name = ?`).raw();
    this.scimById = db.prepare<[string], RawScimRow>(`${SCIM_SELECT} WHERE u.id = ?`).raw();
  }

  get(id: string): User {
    return this.toUser(this.row(id));
  }

  getStored(id: string): StoredUser {
    const row = typeof id === 'string' ? this.scimById.get(id) : undefined;
    if (!row) throw notFound('UserNotFound', { id: String(id) });
    return toStoredUser(row);
  }

  findByUserName(userName: string): User | null {
    const row = this.byName.get(userName);
    return row ? this.toUser(toRow(row)) : null;
  }

  /** CloudSSO's GetUserId: the user an IdP created with this SCIM externalId. */
  findByExternalId(externalId: string): User | null {
    const row = this.statement<RawRow>(`${SELECT} WHERE u.external_id = ? ORDER BY u.seq LIMIT 1`).raw(true).get(externalId);
    return row ? this.toUser(toRow(row)) : null;
  }

  /** The console's and CLI's list: CloudSSO ListUsers filters plus free text, paged and sorted in SQL. */
  list(q: UserListQuery = {}): Page<User> {
    const { predicate, order } = listQuery(q);
    const page = this.query(SELECT, toRow, predicate, order, q.Offset, q.Limit);
    const sync = this.syncEnabled(); // once per page, not once per row
    return { TotalCount: page.total, Items: page.rows.map((r) => this.toUser(r, sync)) };
  }

  /** The console's list for a server: free text (LIKE '%…%' over three columns, a scan whose cost grows with the
   *  text's length times each value's) is read by the search worker within its budget, the rest here. */
  async search(q: UserListQuery, searches: SearchWorker): Promise<Page<User>> {
    if (!q.Text) return this.list(q);
    const { predicate, order } = listQuery(q);
    const { total, rows } = await this.readInBackground(SELECT, toRow, predicate!, order, q.Offset, q.Limit, searches);
    const sync = this.syncEnabled();
    return { TotalCount: total, Items: rows.map((r) => this.toUser(r, sync)) };
  }

  /** SCIM's list: a compiled filter predicate, in stable insertion order. */
  listStored(predicate: SqlPredicate | null, offset: number, limit: number): { total: number; items: StoredUser[] } {
    const page = this.query(SCIM_SELECT, toStoredUser, predicate, 'u.seq', offset, limit);
    return { total: page.total, items: page.rows };
  }

  /** SCIM's list for a filter that no index serves: the same page, read by the search worker within its budget. */
  async listStoredInBackground(predicate: SqlPredicate, offset: number, limit: number, searches: SearchWorker): Promise<{ total: number; items: StoredUser[] }> {
    const { total, rows } = await this.readInBackground(SCIM_SELECT, toStoredUser, predicate, 'u.seq', offset, limit, searches);
    return { total, items: rows };
  }

  private async readInBackground<Raw, T>(select: string, map: (raw: Raw) => T, predicate: SqlPredicate, order: string, offset: number | undefined, limit: number | undefined, searches: SearchWorker): Promise<{ total: number; rows: T[] }> {
    const { start, size } = pageBounds(offset, limit);
    const guarded = searches.guard(predicate);
    const where = `WHERE (${guarded.sql})`;
    const [counted, rows] = await searches.read([
      { sql: `SELECT count(*) AS n FROM users u ${where}`, params: guarded.params },
      { sql: pageSql(select, where, order, start), params: [...guarded.params, ...pageParams(start, size)] },
    ]);
    return { total: (counted![0] as [number])[0], rows: (rows as Raw[]).map(map) };
  }

  private query<Raw, T>(select: string, map: (raw: Raw) => T, predicate: SqlPredicate | null, order: string, offset = 0, limit = 50): { total: number; rows: T[] } {
    const { start, size } = pageBounds(offset, limit);
    const where = predicate ? `WHERE (${predicate.sql})` : '';
    const params = predicate?.params ?? [];
    const count = () => (predicate ? this.statement<{ n: number }>(`SELECT count(*) AS n FROM users u ${where}`).get(...params)!.n : this.totalUsers());
    const page = () => this.rawRows(pageSql(select, where, order, start), [...params, ...pageParams(start, size)], map);
    if (start === 0 && size > 0) {
      // A first page that is not full is the whole result, so it needs no count (an IdP's userName lookup is one).
      const rows = page();
      return { total: rows.length < size ? rows.length : count(), rows };
    }
    const total = count();
    if (size === 0 || start >= total) return { total, rows: [] };
    return { total, rows: page() };
  }


  /** Page statements are read as arrays; their SQL text (with its LIMIT) is used for nothing else. */
  private rawRows<Raw, T>(sql: string, params: unknown[], map: (raw: Raw) => T): T[] {
    return this.statement<Raw>(sql).raw(true).all(...params).map(map);
  }

  /** Compiled statements of the SCIM paths, kept by SQL text (filters are parameterised, so an IdP's lookups reuse
   *  a handful): compiling them on every request was ~10 % of a POST /Users. */
  private statement<R>(sql: string): Statement<unknown[], R> {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      if (this.statements.size >= 200) this.statements.clear();
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt as Statement<unknown[], R>;
  }

  private totalUsers(): number {
    return this.statement<{ n: number }>("SELECT sum(value) AS n FROM counters WHERE name LIKE 'User:%'").get()!.n;
  }

  create(input: CreateUserInput): User {
    const userName = checkUserName(input?.UserName);
    const fields = checkUserFields(input);
    const status = input.Status ?? 'Enabled';
    assertStatus(status);
    const id = newId('u-');
    const now = nowIso();
    this.db.transaction(() => {
      if (this.byName.get(userName)) throw conflict('UserNameTaken', { attribute: 'UserName', userName });
      this.assertEmailFree(fields.Email ?? null, null);
      this.db
        .prepare(
          `INSERT INTO users (id, user_name, first_name, last_name, display_name, email, description, status, provision_type, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Manual', ?, ?)`,
        )
        .run(id, userName, fields.FirstName ?? null, fields.LastName ?? null, fields.DisplayName ?? null, fields.Email ?? null, fields.Description ?? null, status, now, now);
      this.replaceEmails(this.row(id).seq, fields.Email ? [{ value: fields.Email, type: 'work', primary: true }] : []);
    }).immediate();
    return this.get(id);
  }

  /** SCIM POST: creates, or takes over a Manual user of the same userName (CloudSSO converts it to Synchronized).
   *  Returns the stored user as the SCIM layer renders it, so the answer needs no second read. */
  scimCreate(write: ScimUserWrite): StoredUser & { takenOver: boolean } {
    const userName = checkUserName(write.UserName);
    checkScimFields(write);
    return this.db.transaction(() => {
      const found = this.byName.get(userName);
      const existing = found ? toRow(found) : undefined;
      if (existing && existing.provision_type === 'Synchronized') {
        throw conflict('SynchronizedUserNameTaken', { attribute: 'UserName', userName, userId: existing.id });
      }
      if (existing) {
        this.writeScim(existing, write);
        return { ...this.getStored(existing.id), takenOver: true };
      }
      this.assertEmailFree(write.Email, null);
      const id = newId('u-');
      const now = nowIso();
      const { seq } = this
        .statement(
          `INSERT INTO users (id, user_name, first_name, last_name, display_name, email, status, provision_type, external_id, password_hash, scim, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'Synchronized', ?, ?, ?, ?, ?) RETURNING seq`,
        )
        .get(id, userName, write.FirstName, write.LastName, write.DisplayName, write.Email, write.Status, write.ExternalId, write.PasswordHash ?? null, JSON.stringify(write.Scim), now, now) as { seq: number };
      this.replaceEmails(seq, write.Emails);
      this.drift.clear('User', id, userName);
      return { ...this.getStored(id), takenOver: false };
    }).immediate();
  }

  /** SCIM PUT/PATCH result: a whole new state for the user. userName is immutable. Returns the stored user. */
  scimReplace(id: string, write: ScimUserWrite): StoredUser {
    checkScimFields(write);
    return this.db.transaction(() => {
      const row = this.row(id);
      if (write.UserName.toLowerCase() !== row.user_name.toLowerCase()) {
        throw coreError('Immutable', 'UserNameImmutable', { attribute: 'UserName', stored: row.user_name });
      }
      this.writeScim(row, write);
      return this.getStored(id);
    }).immediate();
  }

  /** SCIM PATCH: the next state is computed from the stored one inside the IMMEDIATE transaction that writes it, so
   *  a concurrent write is never overwritten by a stale copy. `next` is synchronous by its type: anything slow
   *  (hashing a password) happens before the read, never between the read and the write. */
  scimModify(id: string, next: (current: StoredUser) => ScimUserWrite): StoredUser {
    return this.db.transaction(() => this.scimReplace(id, next(this.getStored(id)))).immediate();
  }

  private writeScim(row: Row, write: ScimUserWrite): void {
    this.assertEmailFree(write.Email, row.id);
    this
      .statement(
        `UPDATE users SET first_name = ?, last_name = ?, display_name = ?, email = ?, status = ?, external_id = ?, scim = ?,
         password_hash = coalesce(?, password_hash), provision_type = 'Synchronized', updated_at = ? WHERE seq = ?`,
      )
      .run(write.FirstName, write.LastName, write.DisplayName, write.Email, write.Status, write.ExternalId, JSON.stringify(write.Scim), write.PasswordHash ?? null, nowIso(), row.seq);
    this.replaceEmails(row.seq, write.Emails);
    this.drift.clear('User', row.id, row.user_name);
  }

  /** Console/CLI edit: refused on a locked user. */
  update(id: string, change: UserFields): User {
    const fields = checkUserFields(change);
    this.db.transaction(() => {
      const row = this.row(id);
      this.assertEditable(row);
      const next = {
        first_name: 'FirstName' in fields ? fields.FirstName : row.first_name,
        last_name: 'LastName' in fields ? fields.LastName : row.last_name,
        display_name: 'DisplayName' in fields ? fields.DisplayName : row.display_name,
        email: 'Email' in fields ? fields.Email : row.email,
        description: 'Description' in fields ? fields.Description : row.description,
      };
      this.assertEmailFree(next.email ?? null, row.id);
      this.db
        .prepare('UPDATE users SET first_name = ?, last_name = ?, display_name = ?, email = ?, description = ?, updated_at = ? WHERE seq = ?')
        .run(next.first_name ?? null, next.last_name ?? null, next.display_name ?? null, next.email ?? null, next.description ?? null, nowIso(), row.seq);
      if (next.email !== row.email) this.replacePrimaryEmail(row.seq, next.email ?? null);
      this.drift.noteAdminChange('User', row.provision_type, row.id, row.user_name, 'Modified');
    }).immediate();
    return this.get(id);
  }

  /** The Status switch: allowed even on a locked user, as in CloudSSO. */
  setStatus(id: string, status: Status, actor: Actor = 'admin'): User {
    assertStatus(status);
    this.db.transaction(() => {
      const row = this.row(id);
      this.db.prepare('UPDATE users SET status = ?, updated_at = ? WHERE seq = ?').run(status, nowIso(), row.seq);
      if (actor === 'admin' && status !== row.status) this.drift.noteAdminChange('User', row.provision_type, row.id, row.user_name, 'Modified');
    }).immediate();
    return this.get(id);
  }

  /** Reset Password: allowed even on a locked user. The caller hashes; the clear password never reaches the store. */
  setPasswordHash(id: string, passwordHash: string): void {
    this.db.transaction(() => {
      const row = this.row(id);
      this.db.prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE seq = ?').run(passwordHash, nowIso(), row.seq);
    }).immediate();
  }

  /** Console/CLI delete: refused while locked, and (CloudSSO's precondition) while the user still belongs to groups. */
  delete(id: string): void {
    this.db.transaction(() => {
      const row = this.row(id);
      this.assertEditable(row);
      const { n } = this.db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM memberships WHERE user_seq = ?').get(row.seq)!;
      if (n > 0) {
        throw coreError('Precondition', 'UserInGroups', { userName: row.user_name, count: n });
      }
      this.db.prepare('DELETE FROM users WHERE seq = ?').run(row.seq);
      this.drift.noteAdminChange('User', row.provision_type, row.id, row.user_name, 'Deleted');
    }).immediate();
  }

  /** SCIM DELETE: the user goes with its memberships (emulator choice; CloudSSO does not document it). */
  scimDelete(id: string): void {
    this.db.transaction(() => {
      const row = this.row(id);
      this.db.prepare('DELETE FROM users WHERE seq = ?').run(row.seq);
      this.drift.clear('User', row.id, row.user_name);
    }).immediate();
  }

  seqOf(id: string): number {
    return this.row(id).seq;
  }

  private row(id: string): Row {
    const row = typeof id === 'string' ? this.byId.get(id) : undefined;
    if (!row) throw notFound('UserNotFound', { id: String(id) });
    return toRow(row);
  }

  private assertEditable(row: Row): void {
    const lock = lockState('User', row.provision_type, this.syncEnabled());
    if (lock.Locked) throw locked(lock.LockReasonCode!);
  }

  private assertEmailFree(email: string | null, selfId: string | null): void {
    if (!email) return;
    const other = this.statement<{ id: string }>('SELECT id FROM users WHERE email = ?').get(email);
    if (other && other.id !== selfId) throw conflict('EmailTaken', { attribute: 'Email', email, userId: other.id });
  }

  private replaceEmails(seq: number, emails: EmailEntry[]): void {
    // Most PUTs and PATCHes resend the same e-mails: leaving their rows alone spares three B-trees a rewrite.
    const current = this.statement<{ value: string; type: string | null; is_primary: number }>('SELECT value, type, is_primary FROM user_emails WHERE user_seq = ? ORDER BY rowid').all(seq);
    const same = (e: EmailEntry, i: number) => current[i]!.value === e.value && current[i]!.type === e.type && current[i]!.is_primary === (e.primary ? 1 : 0);
    if (current.length === emails.length && emails.every(same)) return;
    this.statement('DELETE FROM user_emails WHERE user_seq = ?').run(seq);
    const insert = this.statement('INSERT INTO user_emails (user_seq, value, type, is_primary) VALUES (?, ?, ?, ?)');
    for (const e of emails) insert.run(seq, e.value, e.type, e.primary ? 1 : 0);
  }

  private replacePrimaryEmail(seq: number, email: string | null): void {
    this.db.prepare('DELETE FROM user_emails WHERE user_seq = ? AND is_primary = 1').run(seq);
    if (email) this.db.prepare("INSERT INTO user_emails (user_seq, value, type, is_primary) VALUES (?, ?, 'work', 1)").run(seq, email);
  }

  /** `sync`: the switch's state, read once by callers that convert a whole page (it is a SELECT). */
  private toUser(r: Row, sync = this.syncEnabled()): User {
    return {
      UserId: r.id,
      UserName: r.user_name,
      FirstName: r.first_name,
      LastName: r.last_name,
      DisplayName: r.display_name,
      Email: r.email,
      Description: r.description,
      Status: r.status,
      ProvisionType: r.provision_type,
      ExternalId: r.external_id ? { Id: r.external_id, Issuer: 'SCIM' } : null,
      CreateTime: r.created_at,
      UpdateTime: r.updated_at,
      ...lockState('User', r.provision_type, sync),
      Drift: r.drift === 'Modified' ? 'Modified' : null,
    };
  }
}

function checkUserFields(input: UserFields): UserFields {
  if (input === null || typeof input !== 'object') throw invalid('NotAnObject', { attribute: 'User' });
  const out: UserFields = {};
  for (const key of ['FirstName', 'LastName', 'DisplayName', 'Description'] as const) {
    if (key in input) out[key] = checkOptionalText(key, input[key], USER_TEXT_LIMITS[key]);
  }
  if ('Email' in input) out.Email = checkEmail(input.Email);
  return out;
}

function checkScimFields(w: ScimUserWrite): void {
  checkUserFields({ FirstName: w.FirstName, LastName: w.LastName, DisplayName: w.DisplayName, Email: w.Email });
  assertStatus(w.Status);
  checkOptionalText('ExternalId', w.ExternalId, 256);
}
