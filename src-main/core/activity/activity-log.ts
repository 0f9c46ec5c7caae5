import type { SqliteDatabase } from '../store/open-database';
import type { ActivityDetail, ActivityEntry, ActivityQuery, ActivitySource } from '../types';
import { LIMIT_PARAM, WhereBuilder } from '../directory/sql-helpers';

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

/** Newest entries kept; older ones are pruned so the tenant file cannot grow without limit. */
export const ACTIVITY_RETENTION = 20_000;
const BODY_LIMIT = 64 * 1024;
/** Answers are kept shorter than requests: a 100-user list page is ~80 KB, and keeping 16 KB of every such answer
 *  still made the log 18 % of a list request's CPU time. 4 KB holds any single user, an error, and a list's
 *  envelope with its first resources; the cut is marked with how much was left out. What the IdP sent stays whole. */
export const RESPONSE_BODY_LIMIT = 4 * 1024;
const FLUSH_EVERY_MS = 250;
const FLUSH_AT = 256;

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
  private timer: NodeJS.Timeout | null = null;
  private readonly insert;
  private flushes = 0;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly onFlushed: (rowsWritten: number) => void = () => {},
  ) {
    this.insert = db.prepare(
      `INSERT INTO activity (at, credential_id, user_agent, method, path, status, duration_ms, resource_type, resource_ids, outcome, request_body, response_body, injected, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  record(entry: ActivityRecord): void {
    // Long answers are cut here, as a copy: kept whole until the flush, every list page's ~80 KB body outlived the
    // young generation and grew the heap (peak RSS 256 → 180 MB over a 100-user list benchmark).
    const answer = entry.responseBody;
    this.pending.push(answer !== null && answer.length > RESPONSE_BODY_LIMIT ? { ...entry, responseBody: detachedCopy(truncate(answer, RESPONSE_BODY_LIMIT)!) } : entry);
    if (this.pending.length >= FLUSH_AT) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_EVERY_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    let written = 0;
    this.db.transaction(() => {
      for (const e of batch) {
        this.insert.run(
          e.at, e.credentialId, truncate(e.userAgent, 512), e.method, truncate(e.path, 2048)!, e.status, e.durationMs, e.resourceType,
          e.resourceIds.length ? JSON.stringify(e.resourceIds.slice(0, 100)) : null, truncate(e.outcome, 1024)!, truncate(e.requestBody, BODY_LIMIT),
          e.responseBody, e.injected ? 1 : 0, e.source ?? 'SCIM',
        );
        written++;
      }
      if (++this.flushes % 20 === 1) {
        written += this.db.prepare('DELETE FROM activity WHERE seq <= (SELECT max(seq) FROM activity) - ?').run(ACTIVITY_RETENTION).changes;
      }
    }).immediate();
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

  close(): void {
    this.flush();
  }
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
