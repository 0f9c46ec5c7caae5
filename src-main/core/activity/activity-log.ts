import type { SqliteDatabase } from '../store/open-database';
import type { ActivityDetail, ActivityEntry, ActivityQuery, ActivitySource } from '../types';
import { LIMIT_PARAM, WhereBuilder } from '../directory/sql-helpers';
import { RetentionLedger, type ActivityLimits } from './retention';
import { isLockContention, isStorageError } from '../store/store-errors';

export interface ActivityRecord {
  at: string;
  credentialId: string | null;
  userAgent: string | null;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  resourceType: string | null;
  resourceIds: string[];
  outcome: string;
  requestBody: string | null;
  responseBody: string | null;
  injected: boolean;
  /** Which face of the product served the call; SCIM when absent. */
  source?: ActivitySource;
}

/** How much of the log is kept (README, "Where data lives"): the newest 20,000 entries, within 64 MiB of text; and
 *  of requests that named no credential of this directory (none, or an unknown token) only the newest 2,000, so an anonymous flood cannot push out the
 *  entries of a real IdP. */
export const ACTIVITY_LIMITS: ActivityLimits = { rows: 20_000, bytes: 64 * 1024 * 1024, anonymousRows: 2_000 };
export const ACTIVITY_RETENTION = ACTIVITY_LIMITS.rows;
/** An entry's size as the byte budget counts it (plus ROW_OVERHEAD_BYTES): the UTF-8 bytes of its text columns. */
export const ENTRY_TEXT_BYTES_SQL = `octet_length(at) + coalesce(octet_length(credential_id), 0) + coalesce(octet_length(user_agent), 0)
  + octet_length(method) + octet_length(path) + coalesce(octet_length(resource_type), 0) + coalesce(octet_length(resource_ids), 0)
  + octet_length(outcome) + coalesce(octet_length(request_body), 0) + coalesce(octet_length(response_body), 0)`;
const BODY_LIMIT = 64 * 1024;
/** Answers are kept shorter than requests: a 100-user list page is ~80 KB, and keeping 16 KB of every such answer
 *  still made the log 18 % of a list request's CPU time. 4 KB holds any single user, an error, and a list's
 *  envelope with its first resources; the cut is marked with how much was left out. What the IdP sent stays whole. */
export const RESPONSE_BODY_LIMIT = 4 * 1024;
const FLUSH_EVERY_MS = 250;
const FLUSH_AT = 256;
/** While another process holds the write lock, the batch is kept and written again this often. */
const RETRY_EVERY_MS = 500;
/** Bodies kept in memory while the log cannot be written (characters). Past it, entries are still kept, without
 *  their bodies: a lock held for an hour under load must not grow the heap without limit, and the request line,
 *  status, credential and outcome are what tells what happened. */
export const PENDING_BODY_BUDGET = 32 * 1024 * 1024;
const BODY_NOT_KEPT = '[body not kept: the log could not be written while another process held the tenant file locked]';

interface Row {
  seq: number;
  at: string;
  credential_id: string | null;
  user_agent: string | null;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  resource_type: string | null;
  resource_ids: string | null;
  outcome: string;
  request_body: string | null;
  response_body: string | null;
  injected: number;
  source: ActivitySource;
}

/** The provisioning log. Writes are batched (one transaction per quarter second) so logging never makes a
 *  SCIM request slow; flush() runs on clean shutdown so no entry is lost then. */
export class ActivityLog {
  private pending: ActivityRecord[] = [];
  private pendingBodyChars = 0;
  private timer: NodeJS.Timeout | null = null;
  /** True while the last write found the tenant locked: only the retry timer writes then, never a request. */
  private waitingForLock = false;
  private readonly insert;
  private readonly deleteUpTo;
  private readonly deleteOne;
  /** Read at the first flush: a CLI command opens the tenant without ever writing to the log. */
  private ledger: RetentionLedger | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly onFlushed: (rowsWritten: number) => void = () => {},
    private readonly limits: ActivityLimits = ACTIVITY_LIMITS,
    /** Told when a flush found another process's lock (the tenant then fails its next writes fast). */
    private readonly onLockContention: () => void = () => {},
  ) {
    this.insert = db.prepare(
      `INSERT INTO activity (at, credential_id, user_agent, method, path, status, duration_ms, resource_type, resource_ids, outcome, request_body, response_body, injected, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.deleteUpTo = db.prepare('DELETE FROM activity WHERE seq <= ?');
    this.deleteOne = db.prepare('DELETE FROM activity WHERE seq = ?');
  }

  /** The sizes of the entries already stored, read once (~50 ms for a full 64 MiB log). */
  private readLedger(): RetentionLedger {
    const ledger = new RetentionLedger(this.limits);
    const sizes = this.db.prepare<[], [number, number, number]>(`SELECT seq, credential_id IS NULL, ${ENTRY_TEXT_BYTES_SQL} FROM activity ORDER BY seq`).raw();
    for (const [seq, anonymous, size] of sizes.iterate()) ledger.add(seq, size, anonymous === 1);
    return ledger;
  }

  record(entry: ActivityRecord): void {
    // Long answers are cut here, as a copy: kept whole until the flush, every list page's ~80 KB body outlived the
    // young generation and grew the heap (peak RSS 256 → 180 MB over a 100-user list benchmark).
    const answer = entry.responseBody;
    this.keep(answer !== null && answer.length > RESPONSE_BODY_LIMIT ? { ...entry, responseBody: detachedCopy(truncate(answer, RESPONSE_BODY_LIMIT)!) } : entry);
    if (this.pending.length >= FLUSH_AT && !this.waitingForLock) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_EVERY_MS);
  }

  private keep(entry: ActivityRecord): void {
    const bodyChars = (entry.requestBody?.length ?? 0) + (entry.responseBody?.length ?? 0);
    if (this.pendingBodyChars + bodyChars > PENDING_BODY_BUDGET) {
      entry = { ...entry, requestBody: entry.requestBody === null ? null : BODY_NOT_KEPT, responseBody: entry.responseBody === null ? null : BODY_NOT_KEPT };
    } else this.pendingBodyChars += bodyChars;
    this.pending.push(entry);
    // The log keeps the newest ACTIVITY_RETENTION rows: anything older would be pruned by the next flush anyway.
    if (this.pending.length > this.limits.rows) this.pending.shift();
  }

  /** Writes what is pending, then deletes what no longer fits the limits, in one transaction. If another process holds the write lock (or storage fails otherwise) the batch stays
   *  pending and is written again every RETRY_EVERY_MS until it can be; this never throws for that (it runs from a
   *  timer, where a throw would end the server). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      this.write();
      this.waitingForLock = false;
    } catch (e) {
      // Any storage error (a lock, a disk briefly full) keeps the batch for the next try: the log must never end
      // the server. Anything else is a defect and surfaces.
      if (!isStorageError(e)) throw e;
      this.waitingForLock = true;
      if (isLockContention(e)) this.onLockContention();
      this.timer = setTimeout(() => this.flush(), RETRY_EVERY_MS);
    }
  }

  private write(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    let written = 0;
    const ledger = (this.ledger ??= this.readLedger());
    const write = this.db.transaction(() => {
      for (const e of batch) {
        const values = [
          e.at, e.credentialId, truncate(e.userAgent, 512), e.method, truncate(e.path, 2048)!, e.status, e.durationMs, e.resourceType,
          e.resourceIds.length ? JSON.stringify(e.resourceIds.slice(0, 100)) : null, truncate(e.outcome, 1024)!, truncate(e.requestBody, BODY_LIMIT),
          e.responseBody, e.injected ? 1 : 0, e.source ?? 'SCIM',
        ] as const;
        const seq = Number(this.insert.run(...values).lastInsertRowid);
        ledger.add(seq, textBytes(values), e.credentialId === null);
        written++;
      }
      const eviction = ledger.evict();
      if (eviction.upTo !== null) written += this.deleteUpTo.run(eviction.upTo).changes;
      for (const seq of eviction.rows) written += this.deleteOne.run(seq).changes;
    });
    try {
      write.immediate();
    } catch (e) {
      this.ledger = null; // rolled back: read again at the next flush rather than count what was not written
      throw e;
    }
    // Taken only once written: a batch the lock refused stays pending, in order, ahead of what came since.
    this.pending = [];
    this.pendingBodyChars = 0;
    this.onFlushed(written);
  }

  list(q: ActivityQuery = {}): ActivityEntry[] {
    const where = new WhereBuilder();
    if (q.StatusClass === 'success') where.add('status < 400');
    if (q.StatusClass === 'error') where.add('status >= 400');
    if (q.Method) where.add('method = ?', String(q.Method).toUpperCase());
    if (q.ResourceType) where.add('resource_type = ?', q.ResourceType);
    if (q.CredentialId) where.add('credential_id = ?', q.CredentialId);
    if (q.Source) where.add('source = ?', q.Source);
    if (q.BeforeSeq) where.add('seq < ?', q.BeforeSeq);
    const limit = Math.min(500, Math.max(1, Math.floor(Number(q.Limit) || 100)));
    const predicate = where.predicate();
    const sql = `SELECT seq, at, credential_id, user_agent, method, path, status, duration_ms, resource_type, resource_ids, outcome, injected, source
      FROM activity ${predicate ? `WHERE ${predicate.sql}` : ''} ORDER BY seq DESC ${LIMIT_PARAM}`;
    return this.db.prepare<unknown[], Row>(sql).all(...(predicate?.params ?? []), limit).map(toEntry);
  }

  get(seq: number): ActivityDetail | null {
    const row = this.db.prepare<[number], Row>('SELECT * FROM activity WHERE seq = ?').get(seq);
    return row ? { ...toEntry(row), RequestBody: row.request_body, ResponseBody: row.response_body } : null;
  }

  /** Requests per minute over the last `minutes`, oldest first. */
  perMinute(minutes: number, now = new Date()): { Time: string; Success: number; Error: number }[] {
    const end = Math.floor(now.getTime() / 60_000) * 60_000;
    const start = end - (minutes - 1) * 60_000;
    const rows = this.db
      .prepare<[string], { minute: string; ok: number; bad: number }>(
        `SELECT substr(at, 1, 16) AS minute, sum(status < 400) AS ok, sum(status >= 400) AS bad FROM activity WHERE at >= ? GROUP BY minute`,
      )
      .all(new Date(start).toISOString());
    const byMinute = new Map(rows.map((r) => [r.minute, r]));
    return Array.from({ length: minutes }, (_, i) => {
      const t = new Date(start + i * 60_000).toISOString();
      const r = byMinute.get(t.slice(0, 16));
      return { Time: t, Success: r?.ok ?? 0, Error: r?.bad ?? 0 };
    });
  }

  /** The last write; throws if another process still holds the lock (the caller decides what to say). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.write();
  }
}

/** The UTF-8 bytes of an entry's text values, as ENTRY_TEXT_BYTES_SQL counts them. */
function textBytes(values: readonly unknown[]): number {
  let n = 0;
  for (const v of values) if (typeof v === 'string') n += Buffer.byteLength(v, 'utf8');
  return n;
}

/** A string that does not share memory with the one it came from (a slice of a string keeps all of it alive). */
const detachedCopy = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

function truncate(text: string | null, max: number): string | null {
  if (text === null) return null;
  return text.length > max ? `${text.slice(0, max)}… [truncated ${text.length - max} characters]` : text;
}

function toEntry(r: Row): ActivityEntry {
  return {
    Seq: r.seq,
    Time: r.at,
    CredentialId: r.credential_id,
    UserAgent: r.user_agent,
    Method: r.method,
    Path: r.path,
    Status: r.status,
    DurationMs: r.duration_ms,
    ResourceType: r.resource_type,
    ResourceIds: r.resource_ids ? (JSON.parse(r.resource_ids) as string[]) : [],
    Outcome: r.outcome,
    Injected: r.injected === 1,
    Source: r.source,
  };
}
