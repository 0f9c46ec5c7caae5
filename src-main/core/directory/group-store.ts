import { coreError, conflict, invalid, locked, notFound } from '../errors';
import { newId, nowIso } from '../ids';
import type { SqliteDatabase } from '../store/open-database';
import type { ReadStatement, SearchWorker } from '../store/search-worker';
import type { CreateGroupInput, Group, GroupFields, GroupListQuery, GroupMember, JoinedGroup, Page, ProvisionType, Status } from '../types';
import { DriftStore } from './drift-store';
import { lockState } from './lock';
import { GROUP_DESCRIPTION_LIMIT, checkGroupName, checkOptionalText } from './rules';
import { escapeLike, LIMIT_OFFSET_PARAMS, pageBounds, WhereBuilder, type SqlPredicate } from './sql-helpers';

/** A group as an IdP writes it. `Members` absent means "leave the members alone". */
export interface ScimGroupWrite {
  GroupName: string;
  ExternalId: string | null;
  Scim: Record<string, unknown>;
  Members?: string[];
}

export interface StoredGroup {
  /** Without MemberCount: SCIM never shows it, and counting a 50,000-member group costs milliseconds. */
  group: Omit<Group, 'MemberCount'>;
  scim: Record<string, unknown>;
}

export interface MemberChange {
  add?: string[];
  remove?: string[];
  /** Replace the whole membership with these users. */
  set?: string[];
}

/** What a membership change did: rows actually inserted and deleted (re-adding a member adds 0). */
export interface MemberDelta {
  added: number;
  removed: number;
}

interface Row {
  seq: number;
  id: string;
  name: string;
  description: string | null;
  provision_type: ProvisionType;
  external_id: string | null;
  scim: string;
  created_at: string;
  updated_at: string;
  member_count: number;
  drift: 'Modified' | 'Deleted' | null;
}

const SELECT = `SELECT g.seq, g.id, g.name, g.description, g.provision_type, g.external_id, g.scim, g.created_at, g.updated_at,
  (SELECT count(*) FROM memberships m WHERE m.group_seq = g.seq) AS member_count,
  (SELECT d.change FROM drift d WHERE d.resource_id = g.id) AS drift FROM groups g`;

/** The row without member_count, for callers that never read it (SCIM reads, membership PATCH, name checks). */
const SELECT_UNCOUNTED = `SELECT g.seq, g.id, g.name, g.description, g.provision_type, g.external_id, g.scim, g.created_at, g.updated_at,
  (SELECT d.change FROM drift d WHERE d.resource_id = g.id) AS drift FROM groups g`;
type UncountedRow = Omit<Row, 'member_count'>;
type MemberQuery = { Text?: string; Offset?: number; Limit?: number };
type RawMember = [id: string, userName: string, displayName: string | null, email: string | null, description: string | null, status: Status, provisionType: ProvisionType, joinedAt: string];
const toMember = (m: RawMember): GroupMember => ({
  UserId: m[0], UserName: m[1], DisplayName: m[2], Email: m[3], Description: m[4], Status: m[5], ProvisionType: m[6], JoinTime: m[7],
});

/** SELECT_UNCOUNTED's columns in order, for rows read as arrays (the search worker's). */
type RawUncountedRow = [number, string, string, string | null, ProvisionType, string | null, string, string, string, Row['drift']];
const uncountedRow = (r: RawUncountedRow): UncountedRow => ({
  seq: r[0], id: r[1], name: r[2], description: r[3], provision_type: r[4], external_id: r[5], scim: r[6], created_at: r[7], updated_at: r[8], drift: r[9],
});

const JOINED_FROM = 'FROM memberships m JOIN groups g ON g.seq = m.group_seq WHERE m.user_seq = (SELECT seq FROM users WHERE id = ?)';
interface JoinedRow {
  id: string;
  name: string;
  description: string | null;
  provision_type: ProvisionType;
  joined_at: string;
}
const toJoinedGroup = (g: JoinedRow): JoinedGroup => ({ GroupId: g.id, GroupName: g.name, Description: g.description, ProvisionType: g.provision_type, JoinTime: g.joined_at });


const SORT_COLUMNS: Record<NonNullable<GroupListQuery['SortBy']>, string> = {
  GroupName: 'g.name',
  CreateTime: 'g.created_at',
  UpdateTime: 'g.updated_at',
};

export class GroupStore {
  private readonly byId;
  private readonly byName;
  private readonly byIdUncounted;
  private readonly byNameUncounted;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly syncEnabled: () => boolean,
    private readonly drift: DriftStore,
  ) {
    this.byId = db.prepare<[string], Row>(`${SELECT} WHERE g.id = ?`);
    this.byName = db.prepare<[string], Row>(`${SELECT} WHERE g.name = ?`);
    this.byIdUncounted = db.prepare<[string], UncountedRow>(`${SELECT_UNCOUNTED} WHERE g.id = ?`);
    this.byNameUncounted = db.prepare<[string], UncountedRow>(`${SELECT_UNCOUNTED} WHERE g.name = ?`);
  }

  get(id: string): Group {
    return this.toGroup(this.row(id));
  }

  getStored(id: string): StoredGroup {
    return this.toStored(this.uncountedRow(id));
  }

  list(q: GroupListQuery = {}): Page<Group> {
    const where = new WhereBuilder();
    if (q.GroupNameEq) where.add('g.name = ?', q.GroupNameEq);
    if (q.GroupNamePrefix) where.add("g.name LIKE ? ESCAPE '\\'", `${escapeLike(q.GroupNamePrefix)}%`);
    if (q.Text) {
      const like = `%${escapeLike(q.Text)}%`;
      where.add("(g.name LIKE ? ESCAPE '\\' OR g.description LIKE ? ESCAPE '\\')", like, like);
    }
    if (q.ProvisionType) where.add('g.provision_type = ?', q.ProvisionType);
    const order = `${SORT_COLUMNS[q.SortBy ?? 'CreateTime'] ?? 'g.created_at'} ${q.SortOrder === 'desc' ? 'DESC' : 'ASC'}, g.seq`;
    const page = this.query(where.predicate(), order, q.Offset, q.Limit);
    return { TotalCount: page.total, Items: page.rows.map((r) => this.toGroup(r)) };
  }

  listStored(predicate: SqlPredicate | null, offset: number, limit: number): { total: number; items: StoredGroup[] } {
    const page = this.query(predicate, 'g.seq', offset, limit, SELECT_UNCOUNTED);
    return { total: page.total, items: page.rows.map((r) => this.toStored(r)) };
  }

  /** SCIM's list for a filter that no index serves: the same page, read by the search worker within its budget. */
  async listStoredInBackground(predicate: SqlPredicate, offset: number, limit: number, searches: SearchWorker): Promise<{ total: number; items: StoredGroup[] }> {
    const { start, size } = pageBounds(offset, limit);
    const guarded = searches.guard(predicate);
    const where = `WHERE (${guarded.sql})`;
    const [counted, rows] = await searches.read([
      { sql: `SELECT count(*) AS n FROM groups g ${where}`, params: guarded.params },
      { sql: `${SELECT_UNCOUNTED} ${where} ORDER BY g.seq ${LIMIT_OFFSET_PARAMS}`, params: [...guarded.params, size, start] },
    ]);
    const total = (counted![0] as [number])[0];
    return { total, items: (rows as RawUncountedRow[]).map((r) => this.toStored(uncountedRow(r))) };
  }

  private query(predicate: SqlPredicate | null, order: string, offset = 0, limit = 50, select = SELECT): { total: number; rows: Row[] } {
    const { start, size } = pageBounds(offset, limit);
    const where = predicate ? `WHERE (${predicate.sql})` : '';
    const total = predicate
      ? this.db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM groups g ${where}`).get(...predicate.params)!.n
      : this.db.prepare<[], { n: number }>("SELECT sum(value) AS n FROM counters WHERE name LIKE 'Group:%'").get()!.n;
    if (size === 0 || start >= total) return { total, rows: [] };
    const rows = this.db.prepare<unknown[], Row>(`${select} ${where} ORDER BY ${order} ${LIMIT_OFFSET_PARAMS}`).all(...(predicate?.params ?? []), size, start);
    return { total, rows };
  }

  create(input: CreateGroupInput): Group {
    const name = checkGroupName(input?.GroupName);
    const description = checkOptionalText('Description', input.Description, GROUP_DESCRIPTION_LIMIT);
    const id = newId('g-');
    const now = nowIso();
    this.db.transaction(() => {
      this.assertNameFree(name, null);
      this.db
        .prepare("INSERT INTO groups (id, name, description, provision_type, created_at, updated_at) VALUES (?, ?, ?, 'Manual', ?, ?)")
        .run(id, name, description, now, now);
    }).immediate();
    return this.get(id);
  }

  /** SCIM POST /Groups. A duplicate displayName is a conflict (no takeover for groups: CloudSSO documents it for users only). */
  scimCreate(write: ScimGroupWrite): Group {
    const name = checkGroupName(write.GroupName);
    checkOptionalText('ExternalId', write.ExternalId, 256);
    const id = newId('g-');
    const now = nowIso();
    this.db.transaction(() => {
      this.assertNameFree(name, null);
      this.db
        .prepare("INSERT INTO groups (id, name, provision_type, external_id, scim, created_at, updated_at) VALUES (?, ?, 'Synchronized', ?, ?, ?, ?)")
        .run(id, name, write.ExternalId, JSON.stringify(write.Scim), now, now);
      if (write.Members?.length) this.applyMembers(this.row(id).seq, { add: write.Members });
      this.drift.clear('Group', id, name);
    }).immediate();
    return this.get(id);
  }

  /** SCIM PUT, or the non-member part of a PATCH; a displayName change is a rename (allowed for groups). */
  scimReplace(id: string, write: ScimGroupWrite, memberSteps: MemberChange[] = []): Group & { Delta: MemberDelta } {
    const name = checkGroupName(write.GroupName);
    checkOptionalText('ExternalId', write.ExternalId, 256);
    const delta = this.db.transaction(() => {
      const row = this.row(id);
      this.assertNameFree(name, row.id);
      this.db
        .prepare("UPDATE groups SET name = ?, external_id = ?, scim = ?, provision_type = 'Synchronized', updated_at = ? WHERE seq = ?")
        .run(name, write.ExternalId, JSON.stringify(write.Scim), nowIso(), row.seq);
      const steps = write.Members ? [{ set: write.Members }, ...memberSteps] : memberSteps;
      const total = sumDeltas(steps.map((step) => this.applyMembers(row.seq, step)));
      this.drift.clear('Group', row.id, row.name);
      return total;
    }).immediate();
    return { ...this.get(id), Delta: delta };
  }

  /** SCIM PATCH of a group's attributes: the next state is computed from the stored one inside the transaction that
   *  writes it (with the membership steps), so a concurrent write is never overwritten by a stale copy. */
  scimModify(id: string, next: (current: StoredGroup) => ScimGroupWrite, memberSteps: MemberChange[] = []): Group & { Delta: MemberDelta } {
    return this.db.transaction(() => this.scimReplace(id, next(this.getStored(id)), memberSteps)).immediate();
  }

  /** SCIM membership changes touch only the named rows: a 50,000-member group is never loaded to add a few. */
  scimChangeMembers(id: string, steps: MemberChange[]): MemberDelta {
    return this.db.transaction(() => {
      const row = this.uncountedRow(id);
      const total = sumDeltas(steps.map((step) => this.applyMembers(row.seq, step)));
      this.db.prepare("UPDATE groups SET provision_type = 'Synchronized', updated_at = ? WHERE seq = ?").run(nowIso(), row.seq);
      this.drift.clear('Group', row.id, row.name);
      return total;
    }).immediate();
  }

  update(id: string, change: GroupFields): Group {
    if (change === null || typeof change !== 'object') throw invalid('NotAnObject', { attribute: 'Group' });
    this.db.transaction(() => {
      const row = this.row(id);
      this.assertEditable(row);
      const name = change.GroupName !== undefined ? checkGroupName(change.GroupName) : row.name;
      const description = 'Description' in change ? checkOptionalText('Description', change.Description, GROUP_DESCRIPTION_LIMIT) : row.description;
      this.assertNameFree(name, row.id);
      this.db.prepare('UPDATE groups SET name = ?, description = ?, updated_at = ? WHERE seq = ?').run(name, description, nowIso(), row.seq);
      this.drift.noteAdminChange('Group', row.provision_type, row.id, row.name, 'Modified');
    }).immediate();
    return this.get(id);
  }

  /** Console/CLI delete: refused while locked and, as in CloudSSO, while the group still has members. */
  delete(id: string): void {
    this.db.transaction(() => {
      const row = this.row(id);
      this.assertEditable(row);
      if (row.member_count > 0) {
        throw coreError('Precondition', 'GroupHasMembers', { groupName: row.name, count: row.member_count });
      }
      this.db.prepare('DELETE FROM groups WHERE seq = ?').run(row.seq);
      this.drift.noteAdminChange('Group', row.provision_type, row.id, row.name, 'Deleted');
    }).immediate();
  }

  scimDelete(id: string): void {
    this.db.transaction(() => {
      const row = this.row(id);
      this.db.prepare('DELETE FROM groups WHERE seq = ?').run(row.seq);
      this.drift.clear('Group', row.id, row.name);
    }).immediate();
  }

  /** Console/CLI: Add User to Group. */
  addMembers(id: string, userIds: string[]): Group {
    if (!Array.isArray(userIds) || userIds.length === 0) throw invalid('NoUsersChosen', { attribute: 'UserIds' });
    this.db.transaction(() => {
      const row = this.row(id);
      this.assertEditable(row);
      this.applyMembers(row.seq, { add: userIds });
      this.db.prepare('UPDATE groups SET updated_at = ? WHERE seq = ?').run(nowIso(), row.seq);
      this.drift.noteAdminChange('Group', row.provision_type, row.id, row.name, 'Modified');
    }).immediate();
    return this.get(id);
  }

  removeMember(id: string, userId: string): Group {
    this.db.transaction(() => {
      const row = this.row(id);
      this.assertEditable(row);
      const removed = this.db
        .prepare('DELETE FROM memberships WHERE group_seq = ? AND user_seq = (SELECT seq FROM users WHERE id = ?)')
        .run(row.seq, userId).changes;
      if (!removed) throw notFound('NotAMember', { groupName: row.name, userId });
      this.db.prepare('UPDATE groups SET updated_at = ? WHERE seq = ?').run(nowIso(), row.seq);
      this.drift.noteAdminChange('Group', row.provision_type, row.id, row.name, 'Modified');
    }).immediate();
    return this.get(id);
  }

  members(id: string, q: MemberQuery = {}): Page<GroupMember> {
    const { count, page } = this.memberStatements(id, q, null);
    const total = this.db.prepare(count.sql).raw(true).get(...count.params) as [number];
    return { TotalCount: total[0], Items: (this.db.prepare(page.sql).raw(true).all(...page.params) as RawMember[]).map(toMember) };
  }

  /** The console's member list for a server: free text (LIKE '%…%', whose cost grows with the text's length times
   *  each name's) is read by the search worker within its budget, the rest here. */
  async searchMembers(id: string, q: MemberQuery, searches: SearchWorker): Promise<Page<GroupMember>> {
    if (!q.Text) return this.members(id, q);
    const { count, page } = this.memberStatements(id, q, searches);
    const [counted, rows] = await searches.read([count, page]);
    return { TotalCount: (counted![0] as [number])[0], Items: (rows as RawMember[]).map(toMember) };
  }

  private memberStatements(id: string, q: MemberQuery, searches: SearchWorker | null): { count: ReadStatement; page: ReadStatement } {
    const row = this.row(id);
    const { start, size } = pageBounds(q.Offset, q.Limit);
    let text: SqlPredicate = { sql: '1', params: [] };
    if (q.Text) {
      const like = `%${escapeLike(q.Text)}%`;
      text = { sql: "u.user_name LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\'", params: [like, like] };
      if (searches) text = searches.guard(text);
    }
    const from = `FROM memberships m JOIN users u ON u.seq = m.user_seq WHERE m.group_seq = ? AND (${text.sql})`;
    const params = [row.seq, ...text.params];
    return {
      count: { sql: `SELECT count(*) AS n ${from}`, params },
      page: { sql: `SELECT u.id, u.user_name, u.display_name, u.email, u.description, u.status, u.provision_type, m.joined_at ${from} ORDER BY m.joined_at, u.seq ${LIMIT_OFFSET_PARAMS}`, params: [...params, size, start] },
    };
  }

  /** Every member, for SCIM GET /Groups/{id} (callers that do not want them use excludedAttributes=members). */
  allMembers(id: string): { value: string; display: string }[] {
    const row = this.row(id);
    return this.db
      .prepare<[number], { value: string; display: string }>(
        'SELECT u.id AS value, coalesce(u.display_name, u.user_name) AS display FROM memberships m JOIN users u ON u.seq = m.user_seq WHERE m.group_seq = ? ORDER BY u.seq',
      )
      .all(row.seq);
  }

  /** Every group a user belongs to, by name (the console's user page). */
  groupsOfUser(userId: string): JoinedGroup[] {
    return this.db
      .prepare<[string], JoinedRow>(`SELECT g.id, g.name, g.description, g.provision_type, m.joined_at ${JOINED_FROM} ORDER BY g.name, g.seq`)
      .all(userId)
      .map(toJoinedGroup);
  }

  /** The same, a page at a time (CloudSSO's ListJoinedGroupsForUser). */
  joinedGroups(userId: string, q: { Offset?: number; Limit?: number } = {}): Page<JoinedGroup> {
    const { start, size } = pageBounds(q.Offset, q.Limit);
    const total = this.db.prepare<[string], { n: number }>(`SELECT count(*) AS n ${JOINED_FROM}`).get(userId)!.n;
    const items = this.db
      .prepare<[string, number, number], JoinedRow>(`SELECT g.id, g.name, g.description, g.provision_type, m.joined_at ${JOINED_FROM} ORDER BY g.name, g.seq ${LIMIT_OFFSET_PARAMS}`)
      .all(userId, size, start);
    return { TotalCount: total, Items: items.map(toJoinedGroup) };
  }

  /** Adding or setting an id that is not a user is refused; removing one is a no-op that succeeds, because IdPs
   *  remove members after deprovisioning them (the user may be gone already) and the state they ask for holds. */
  private applyMembers(groupSeq: number, change: MemberChange): MemberDelta {
    const seqOf = this.db.prepare<[string], { seq: number }>('SELECT seq FROM users WHERE id = ?');
    const resolve = (ids: string[]): number[] =>
      ids.map((uid) => {
        const found = typeof uid === 'string' ? seqOf.get(uid) : undefined;
        if (!found) throw invalid('MemberNotAUser', { attribute: 'members', userId: String(uid) });
        return found.seq;
      });
    const now = nowIso();
    const insert = this.db.prepare('INSERT OR IGNORE INTO memberships (group_seq, user_seq, joined_at) VALUES (?, ?, ?)');
    const delta: MemberDelta = { added: 0, removed: 0 };
    if (change.set) {
      const keep = resolve(change.set);
      delta.removed += this.db.prepare('DELETE FROM memberships WHERE group_seq = ? AND user_seq NOT IN (SELECT value FROM json_each(?))').run(groupSeq, JSON.stringify(keep)).changes;
      for (const s of keep) delta.added += insert.run(groupSeq, s, now).changes;
    }
    if (change.remove?.length) {
      delta.removed += this.db
        .prepare("DELETE FROM memberships WHERE group_seq = ? AND user_seq IN (SELECT u.seq FROM json_each(?) j JOIN users u ON u.id = j.value WHERE j.type = 'text')")
        .run(groupSeq, JSON.stringify(change.remove)).changes;
    }
    if (change.add?.length) {
      // The batch is resolved and inserted in SQL, two statements in all, instead of one lookup and one insert per
      // member from JS (an "add 100 members" change to a 50,000-member group: 451 → 381 µs in the core, measured).
      const ids = JSON.stringify(change.add);
      const unknown = this.db
        .prepare<[string], { id: unknown }>("SELECT j.value AS id FROM json_each(?) j WHERE j.type <> 'text' OR NOT EXISTS (SELECT 1 FROM users u WHERE u.id = j.value) LIMIT 1")
        .get(ids);
      if (unknown) throw invalid('MemberNotAUser', { attribute: 'members', userId: String(unknown.id) });
      delta.added += this.db
        .prepare('INSERT OR IGNORE INTO memberships (group_seq, user_seq, joined_at) SELECT ?, u.seq, ? FROM json_each(?) j JOIN users u ON u.id = j.value')
        .run(groupSeq, now, ids).changes;
    }
    return delta;
  }

  private row(id: string): Row {
    const row = typeof id === 'string' ? this.byId.get(id) : undefined;
    if (!row) throw notFound('GroupNotFound', { id: String(id) });
    return row;
  }

  private uncountedRow(id: string): UncountedRow {
    const row = typeof id === 'string' ? this.byIdUncounted.get(id) : undefined;
    if (!row) throw notFound('GroupNotFound', { id: String(id) });
    return row;
  }

  private toStored(r: UncountedRow): StoredGroup {
    const { MemberCount: _notCounted, ...group } = this.toGroup({ ...r, member_count: 0 });
    return { group, scim: JSON.parse(r.scim) as Record<string, unknown> };
  }

  private assertEditable(row: Row): void {
    const lock = lockState('Group', row.provision_type, this.syncEnabled());
    if (lock.Locked) throw locked(lock.LockReasonCode!);
  }

  private assertNameFree(name: string, selfId: string | null): void {
    const other = this.byNameUncounted.get(name);
    if (other && other.id !== selfId) throw conflict('GroupNameTaken', { attribute: 'GroupName', groupName: name });
  }

  private toGroup(r: Row): Group {
    return {
      GroupId: r.id,
      GroupName: r.name,
      Description: r.description,
      ProvisionType: r.provision_type,
      ExternalId: r.external_id ? { Id: r.external_id, Issuer: 'SCIM' } : null,
      MemberCount: r.member_count,
      CreateTime: r.created_at,
      UpdateTime: r.updated_at,
      ...lockState('Group', r.provision_type, this.syncEnabled()),
      Drift: r.drift === 'Modified' ? 'Modified' : null,
    };
  }
}

const sumDeltas = (deltas: MemberDelta[]): MemberDelta => deltas.reduce((a, d) => ({ added: a.added + d.added, removed: a.removed + d.removed }), { added: 0, removed: 0 });
