import { coreError, notFound } from '../errors';
import { randomString } from '../ids';
import { assertStatus } from '../settings/settings-store';
import { ExternalChangeWatch } from '../store/external-change-watch';
import type { SqliteDatabase } from '../store/open-database';
import type { AccessKey, CreatedAccessKey, Status } from '../types';
import type { KeyVault } from './key-vault';

/** Alibaba Cloud allows two AccessKey pairs per account or RAM user. */
export const MAX_ACCESS_KEYS = 2;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

interface Row {
  id: string;
  secret_sealed: string;
  status: Status;
  created_at: string;
  last_used_at: string | null;
}

export type SigningKey =
  | { ok: true; accessKeyId: string; secret: string }
  | { ok: false; reason: 'unknown' | 'disabled' | 'unsealable' };

/** Alibaba Cloud's shapes: a 24-character id starting LTAI5t, a 30-character secret. */
const newAccessKeyId = () => `LTAI5t${randomString(18, ALPHANUMERIC)}`;
const newSecret = () => randomString(30, ALPHANUMERIC);

export class AccessKeyStore {
  // signingKey() runs on every API request: the (at most two) keys are kept opened in memory and read again
  // when another process (the CLI) may have changed them.
  private cache: Map<string, SigningKey> | null = null;
  private loadedAt = -1;
  private readonly touchedAt = new Map<string, number>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly vault: KeyVault,
    private readonly watch = new ExternalChangeWatch(db),
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): AccessKey[] {
    return this.db.prepare<[], Row>('SELECT * FROM access_keys ORDER BY created_at, id').all().map((r) => this.view(r));
  }

  create(): CreatedAccessKey {
    const id = newAccessKeyId();
    const secret = newSecret();
    const row: Row = { id, secret_sealed: this.vault.seal(secret, id), status: 'Enabled', created_at: this.now().toISOString(), last_used_at: null };
    this.db.transaction(() => {
      const { n } = this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM access_keys').get()!;
      if (n >= MAX_ACCESS_KEYS) {
        throw coreError('LimitExceeded', 'AccessKeyLimit', { max: MAX_ACCESS_KEYS });
      }
      this.db.prepare('INSERT INTO access_keys (id, secret_sealed, status, created_at) VALUES (@id, @secret_sealed, @status, @created_at)').run(row);
    }).immediate();
    this.cache = null;
    return { ...this.view(row), Usable: true, AccessKeySecret: secret };
  }

  setStatus(id: string, status: Status): AccessKey {
    assertStatus(status);
    const changed = this.db.prepare('UPDATE access_keys SET status = ? WHERE id = ?').run(status, id).changes;
    this.cache = null;
    if (!changed) throw notFound('AccessKeyNotFound', { id: String(id) });
    return this.view(this.db.prepare<[string], Row>('SELECT * FROM access_keys WHERE id = ?').get(id)!);
  }

  delete(id: string): void {
    const deleted = this.db.prepare('DELETE FROM access_keys WHERE id = ?').run(id).changes;
    this.cache = null;
    if (!deleted) throw notFound('AccessKeyNotFound', { id: String(id) });
  }

  /** The secret a signature is checked with, when the key may sign. */
  signingKey(accessKeyId: string): SigningKey {
    const version = this.watch.current();
    if (this.cache === null || version !== this.loadedAt) {
      this.cache = new Map(this.db.prepare<[], Row>('SELECT * FROM access_keys').all().map((r) => [r.id, this.open(r)]));
      this.loadedAt = version;
    }
    return this.cache.get(accessKeyId) ?? { ok: false, reason: 'unknown' };
  }

  /** Recorded at most once a minute per key, so checking a signature stays a read. */
  touch(id: string): void {
    const at = this.now().getTime();
    const last = this.touchedAt.get(id);
    if (last !== undefined && at >= last && at - last < 60_000) return;
    this.db.prepare('UPDATE access_keys SET last_used_at = ? WHERE id = ?').run(new Date(at).toISOString(), id);
    this.touchedAt.set(id, at);
  }

  private open(r: Row): SigningKey {
    if (r.status !== 'Enabled') return { ok: false, reason: 'disabled' };
    const secret = this.vault.open(r.secret_sealed, r.id);
    return secret === null ? { ok: false, reason: 'unsealable' } : { ok: true, accessKeyId: r.id, secret };
  }

  private view(r: Row): AccessKey {
    return { AccessKeyId: r.id, Status: r.status, CreateTime: r.created_at, LastUsedTime: r.last_used_at, Usable: this.vault.open(r.secret_sealed, r.id) !== null };
  }
}
