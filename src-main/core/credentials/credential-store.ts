import { coreError, notFound } from '../errors';
import { newId, randomString } from '../ids';
import { ExternalChangeWatch } from '../store/external-change-watch';
import type { SqliteDatabase } from '../store/open-database';
import { isLockContention } from '../store/store-errors';
import type { Credential, CreatedCredential, Status } from '../types';
import { assertStatus } from '../settings/settings-store';
import { hashSecret, sameHash } from './secret-hash';
import { processAlive } from '../process-alive';

export const MAX_CREDENTIALS = 2;
export const EXPIRY_WARNING_DAYS = 90;
const DAY_MS = 86_400_000;
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

interface Row {
  id: string;
  secret_hash: string;
  status: Status;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  demo_owner_pid: number | null;
}

export type AuthOutcome =
  | { ok: true; credentialId: string }
  | { ok: false; reason: 'missing' | 'unknown' | 'disabled' | 'expired'; credentialId?: string };

/** One year after creation, like the API examples (and AWS IAM Identity Center's tokens). */
export function expiryFor(createdAt: Date): Date {
  const expires = new Date(createdAt);
  expires.setUTCFullYear(expires.getUTCFullYear() + 1);
  return expires;
}

/** Milliseconds left before `expiresAt`. A time that does not parse counts as long past: a credential whose expiry
 *  cannot be read must be refused, never treated as one that never expires. */
function msUntilExpiry(expiresAt: string, now: Date): number {
  const at = Date.parse(expiresAt);
  return Number.isNaN(at) ? -Infinity : at - now.getTime();
}

export class CredentialStore {
  // authenticate() and touch() run on every SCIM request: the (at most two) credentials are kept in memory,
  // read again when another process may have changed them, and touch()'s statement is prepared once.
  private readonly allRows;
  private readonly markUsed;
  private byHash: Map<string, Row> | null = null;
  private loadedAt = -1;
  /** When this process last wrote last_used_at per credential, so most requests skip the UPDATE entirely. */
  private readonly touchedAt = new Map<string, number>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly directoryId: () => string,
    private readonly now: () => Date = () => new Date(),
    private readonly watch = new ExternalChangeWatch(db),
  ) {
    this.allRows = db.prepare<[], Row>('SELECT * FROM credentials');
    this.markUsed = db.prepare(
      "UPDATE credentials SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-60 seconds'))",
    );
  }

  list(): Credential[] {
    const rows = this.db.prepare<[], Row>('SELECT * FROM credentials ORDER BY created_at, id').all();
    return rows.map((r) => this.view(r));
  }

  /** `demoOwnerPid`: the process running a demo IdP for which this credential is made (see removeLeftoverDemo). */
  create(options: { demoOwnerPid?: number } = {}): CreatedCredential {
    const secret = randomString(48, SECRET_ALPHABET);
    const created = this.now();
    const row: Row = {
      id: newId('scimcred-'),
      secret_hash: hashSecret(secret),
      status: 'Enabled',
      created_at: created.toISOString(),
      expires_at: expiryFor(created).toISOString(),
      last_used_at: null,
      demo_owner_pid: options.demoOwnerPid ?? null,
    };
    this.db.transaction(() => {
      const { n } = this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM credentials').get()!;
      if (n >= MAX_CREDENTIALS) {
        throw coreError('LimitExceeded', 'CredentialLimit', { max: MAX_CREDENTIALS });
      }
      this.db
        .prepare('INSERT INTO credentials (id, secret_hash, status, created_at, expires_at, demo_owner_pid) VALUES (@id, @secret_hash, @status, @created_at, @expires_at, @demo_owner_pid)')
        .run(row);
    }).immediate();
    this.byHash = null;
    return { ...this.view(row), CredentialSecret: secret };
  }

  setStatus(id: string, status: Status): Credential {
    assertStatus(status);
    const changed = this.db.prepare('UPDATE credentials SET status = ? WHERE id = ?').run(status, id).changes;
    this.byHash = null;
    if (!changed) throw notFound('CredentialNotFound', { id });
    return this.view(this.db.prepare<[string], Row>('SELECT * FROM credentials WHERE id = ?').get(id)!);
  }

  delete(id: string): void {
    const deleted = this.db.prepare('DELETE FROM credentials WHERE id = ?').run(id).changes;
    this.byHash = null;
    if (!deleted) throw notFound('CredentialNotFound', { id });
  }

  /** Deletes demo IdP credentials whose process is gone (a demo run killed before it could delete its own), and
   *  returns their ids. A demo running in another live process keeps its credential. */
  removeLeftoverDemo(isAlive: (pid: number) => boolean = processAlive): string[] {
    const leftover = this.db
      .prepare<[], { id: string; demo_owner_pid: number }>('SELECT id, demo_owner_pid FROM credentials WHERE demo_owner_pid IS NOT NULL')
      .all()
      .filter((r) => !isAlive(r.demo_owner_pid))
      .map((r) => r.id);
    if (leftover.length === 0) return [];
    const remove = this.db.prepare('DELETE FROM credentials WHERE id = ?');
    this.db.transaction(() => leftover.forEach((id) => remove.run(id))).immediate();
    this.byHash = null;
    return leftover;
  }

  /** Checks a bearer secret. Found by its hash, then compared in constant time. */
  authenticate(secret: string | null): AuthOutcome {
    if (!secret) return { ok: false, reason: 'missing' };
    const hash = hashSecret(secret);
    const row = this.rowsByHash().get(hash);
    if (!row || !sameHash(row.secret_hash, hash)) return { ok: false, reason: 'unknown' };
    if (row.status !== 'Enabled') return { ok: false, reason: 'disabled', credentialId: row.id };
    if (!(msUntilExpiry(row.expires_at, this.now()) > 0)) return { ok: false, reason: 'expired', credentialId: row.id };
    return { ok: true, credentialId: row.id };
  }

  private rowsByHash(): Map<string, Row> {
    const version = this.watch.current();
    if (this.byHash === null || version !== this.loadedAt) {
      this.byHash = new Map(this.allRows.all().map((r) => [r.secret_hash, r]));
      this.loadedAt = version;
    }
    return this.byHash;
  }

  /** Recorded at most once a minute per credential so authentication stays a read. */
  touch(id: string): void {
    const at = this.now();
    const last = this.touchedAt.get(id);
    // An UPDATE that changes nothing still takes the write lock; within the minute there is nothing to write.
    if (last !== undefined && at.getTime() >= last && at.getTime() - last < 60_000) return;
    const now = at.toISOString();
    try {
      if (this.markUsed.run(now, id, now).changes) this.touchedAt.set(id, at.getTime());
    } catch (e) {
      // Another process holds the write lock: a read must still be answered; LastUsedTime waits for the next request.
      if (!isLockContention(e)) throw e;
    }
  }

  private view(r: Row): Credential {
    const msLeft = msUntilExpiry(r.expires_at, this.now());
    const daysLeft = Math.max(Math.floor(msLeft / DAY_MS), -999_999);
    return {
      CredentialId: r.id,
      CredentialType: 'BearerToken',
      Status: r.status,
      CreateTime: r.created_at,
      ExpireTime: r.expires_at,
      DirectoryId: this.directoryId(),
      LastUsedTime: r.last_used_at,
      DaysToExpire: daysLeft,
      ExpiryWarning: msLeft > 0 && daysLeft < EXPIRY_WARNING_DAYS,
      Expired: msLeft <= 0,
      DemoIdP: r.demo_owner_pid !== null,
    };
  }
}

