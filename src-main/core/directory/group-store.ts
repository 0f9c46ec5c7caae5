import { CoreError, conflict, invalid, locked, notFound } from '../errors';
import { newId, nowIso } from '../ids';
import type { SqliteDatabase } from '../store/open-database';
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

const JOINED_FROM = 'FROM memberships m JOIN groups g ON g.seq = m.group_seq WHERE m.user_seq = (SELECT seq FROM users WHERE id = ?)';
interface JoinedRow {
  id: string;
  name: string;
  description: string | null;
  provision_type: ProvisionType;
  joined_at: string;
}
const toJoinedGroup = (g: JoinedRow): JoinedGroup => ({ GroupId: g.id, GroupName: g.name, Description: g.description, ProvisionType: g.provision_type, JoinTime: g.joined_at });

interface MemberRow {
  id: string;
  user_name: string;
  display_name: string | null;
  email: string | null;
  description: string | null;
  status: Status;
  provision_type: ProvisionType;
  joined_at: string;
}

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
  scimReplace(id: string, write: ScimGroupWrite, memberSteps: MemberChange[] = []): Group {
    const name = checkGroupName(write.GroupName);
    checkOptionalText('ExternalId', write.ExternalId, 256);
    this.db.transaction(() => {
      const row = this.row(id);
      this.assertNameFree(name, row.id);
      this.db
        .prepare("UPDATE groups SET name = ?, external_id = ?, scim = ?, provision_type = 'Synchronized', updated_at = ? WHERE seq = ?")
        .run(name, write.ExternalId, JSON.stringify(write.Scim), nowIso(), row.seq);
      if (write.Members) this.applyMembers(row.seq, { set: write.Members });
      for (const step of memberSteps) this.applyMembers(row.seq, step);
      this.drift.clear('Group', row.id, row.name);
    }).immediate();
    return this.get(id);
  }

  /** SCIM membership changes touch only the named rows: a 50,000-member group is never loaded to add a few. */
  scimChangeMembers(id: string, steps: MemberChange[]): void {
    this.db.transaction(() => {
      const row = this.uncountedRow(id);
      for (const step of steps) this.applyMembers(row.seq, step);
      this.db.prepare("UPDATE groups SET provision_type = 'Synchronized', updated_at = ? WHERE seq = ?").run(nowIso(), row.seq);
      this.drift.clear('Group', row.id, row.name);
    }).immediate();
  }

  update(id: string, change: GroupFields): Group {
    if (change === null || typeof change !== 'object') throw invalid('Group', 'Group fields must be an object.');
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
        throw new CoreError('Precondition', `Group ${row.name} still has ${row.member_count} member(s). Remove every user from the group before deleting it (CloudSSO rule).`);
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
    if (!Array.isArray(userIds) || userIds.length === 0) throw invalid('UserIds', 'Choose at least one user to add.');
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
      if (!removed) throw notFound(`Member of group ${row.name}:`, userId);
      this.db.prepare('UPDATE groups SET updated_at = ? WHERE seq = ?').run(nowIso(), row.seq);
      this.drift.noteAdminChange('Group', row.provision_type, row.id, row.name, 'Modified');
    }).immediate();
    return this.get(id);
  }

  members(id: string, q: { Text?: string; Offset?: number; Limit?: number } = {}): Page<GroupMember> {
    const row = this.row(id);
    const { start, size } = pageBounds(q.Offset, q.Limit);
    const params: unknown[] = [row.seq];
    let text = '';
    if (q.Text) {
      const like = `%${escapeLike(q.Text)}%`;
      text = "AND (u.user_name LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\')";
      params.push(like, like);
    }
    const from = `FROM memberships m JOIN users u ON u.seq = m.user_seq WHERE m.group_seq = ? ${text}`;
    const total = this.db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n ${from}`).get(...params)!.n;
    const items = this.db
      .prepare<unknown[], MemberRow>(
        `SELECT u.id, u.user_name, u.display_name, u.email, u.description, u.status, u.provision_type, m.joined_at ${from} ORDER BY m.joined_at, u.seq ${LIMIT_OFFSET_PARAMS}`,
      )
      .all(...params, size, start);
    return {
      TotalCount: total,
      Items: items.map((m) => ({
        UserId: m.id, UserName: m.user_name, DisplayName: m.display_name, Email: m.email, Description: m.description, Status: m.status, ProvisionType: m.provision_type, JoinTime: m.joined_at,
      })),
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

  private applyMembers(groupSeq: number, change: MemberChange): void {
    const seqOf = this.db.prepare<[string], { seq: number }>('SELECT seq FROM users WHERE id = ?');
    const resolve = (ids: string[]): number[] =>
      ids.map((uid) => {
        const found = typeof uid === 'string' ? seqOf.get(uid) : undefined;
        if (!found) throw invalid('members', `Member ${String(uid)} is not a user in this directory.`);
        return found.seq;
      });
    const now = nowIso();
    const insert = this.db.prepare('INSERT OR IGNORE INTO memberships (group_seq, user_seq, joined_at) VALUES (?, ?, ?)');
    const remove = this.db.prepare('DELETE FROM memberships WHERE group_seq = ? AND user_seq = ?');
    if (change.set) {
      const keep = resolve(change.set);
      this.db.prepare('DELETE FROM memberships WHERE group_seq = ? AND user_seq NOT IN (SELECT value FROM json_each(?))').run(groupSeq, JSON.stringify(keep));
      for (const s of keep) insert.run(groupSeq, s, now);
    }
    for (const s of resolve(change.remove ?? [])) remove.run(groupSeq, s);
    if (change.add?.length) {
      // The batch is resolved and inserted in SQL, two statements in all, instead of one lookup and one insert per
      // member from JS (an "add 100 members" change to a 50,000-member group: 451 → 381 µs in the core, measured).
      const ids = JSON.stringify(change.add);
      const unknown = this.db
        .prepare<[string], { id: unknown }>("SELECT j.value AS id FROM json_each(?) j WHERE j.type <> 'text' OR NOT EXISTS (SELECT 1 FROM users u WHERE u.id = j.value) LIMIT 1")
        .get(ids);
      if (unknown) throw invalid('members', `Member ${String(unknown.id)} is not a user in this directory.`);
      this.db
        .prepare('INSERT OR IGNORE INTO memberships (group_seq, user_seq, joined_at) SELECT ?, u.seq, ? FROM json_each(?) j JOIN users u ON u.id = j.value')
        .run(groupSeq, now, ids);
    }
  }

  private row(id: string): Row {
    const row = typeof id === 'string' ? this.byId.get(id) : undefined;
    if (!row) throw notFound('Group', String(id));
    return row;
  }

  private uncountedRow(id: string): UncountedRow {
    const row = typeof id === 'string' ? this.byIdUncounted.get(id) : undefined;
    if (!row) throw notFound('Group', String(id));
    return row;
  }

  private toStored(r: UncountedRow): StoredGroup {
    const { MemberCount: _notCounted, ...group } = this.toGroup({ ...r, member_count: 0 });
    return { group, scim: JSON.parse(r.scim) as Record<string, unknown> };
  }

  private assertEditable(row: Row): void {
    const lock = lockState('Group', row.provision_type, this.syncEnabled());
    if (lock.Locked) throw locked(lock.LockReason!);
  }

  private assertNameFree(name: string, selfId: string | null): void {
    const other = this.byNameUncounted.get(name);
    if (other && other.id !== selfId) throw conflict(`A group named ${name} already exists (group names are unique regardless of case).`, 'GroupName');
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
