import type { SqliteDatabase } from './open-database';

/** A command (CLI) runs one short job and has no one else to serve: it may wait for the server's brief write
 *  transactions to finish. */
export const COMMAND_BUSY_TIMEOUT_MS = 5_000;

/** The serving connection waits for a held write lock at most this long. better-sqlite3 is synchronous, so every
 *  millisecond of SQLite's busy wait is a millisecond in which the whole process answers nothing: no read, no other
 *  IdP, no console. The locks this server meets in normal use are the CLI's one-row transactions and the checkpoint
 *  a closing CLI runs, which last from under a millisecond to some tens of milliseconds, so 250 ms covers them with
 *  room to spare. A lock held longer belongs to a process that may keep it for minutes (a database browser with an
 *  open transaction); waiting longer for it would freeze every request and help none, so the write is refused
 *  (SCIM: 503 with Retry-After) and the IdP retries. */
export const SERVING_BUSY_TIMEOUT_MS = 250;

/** After a write met a held lock, the next writes fail at once for this long instead of each waiting the full
 *  timeout: under a lock held for seconds, 20 writes a second would otherwise keep the event loop busy waiting. */
const FAIL_FAST_MS = 1_000;

/** The connection's busy timeout, shortened to nothing for a moment after a write found the lock held. */
export class LockWait {
  private failFast: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly waitMs: number,
  ) {
    this.set(waitMs);
  }

  /** A statement just failed on another process's lock. */
  contended(): void {
    if (this.failFast === null) this.set(0);
    else clearTimeout(this.failFast);
    this.failFast = setTimeout(() => {
      this.failFast = null;
      this.set(this.waitMs);
    }, FAIL_FAST_MS).unref();
  }

  /** For the last writes before closing, when waiting no longer holds anyone up. */
  waitLongest(): void {
    if (this.failFast) clearTimeout(this.failFast);
    this.failFast = null;
    this.set(Math.max(this.waitMs, COMMAND_BUSY_TIMEOUT_MS));
  }

  private set(ms: number): void {
    if (this.db.open) this.db.pragma(`busy_timeout = ${ms}`);
  }
}
