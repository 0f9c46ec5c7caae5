import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './open-database';

/** How often the worker copies committed WAL pages into the database file while writes come in, and how often
 *  it looks when none have come since its last look. */
const CHECKPOINT_EVERY_MS = 25;
const IDLE_LOOK_EVERY_MS = 250;
/** The serving connection's own checkpoint threshold while the worker runs (SQLite's default is 1,000 pages).
 *  It still bounds the WAL (here to 64 MB): a writer that never pauses keeps the worker from ever finishing a
 *  checkpoint, and only a checkpoint at a commit lets the next write start the WAL again from its beginning.
 *  Measured at 100,000 users against 4,000 pages: PATCH/PUT p99 21 → 5 ms and 10–20 % more writes a second;
 *  the price is a rarer but longer stall (up to ~80 ms) when this connection does checkpoint. */
const SERVING_AUTOCHECKPOINT_PAGES = 16_000;

// The worker's whole program. Inline (eval) so that no second entry file has to be found next to the bundle in
// a packaged app; it loads the same better-sqlite3 binary the main thread resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.addon ? { fileMustExist: true, nativeBinding: workerData.addon } : { fileMustExist: true });
db.pragma('busy_timeout = 0');
let last = -1;
let timer;
const step = () => {
  let moved = false;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    moved = r.log !== last;
    last = r.log;
  } catch {
    // SQLITE_BUSY while another process holds a lock (a database browser's open transaction): try again next time
  }
  // an idle server (the desktop app in the background) is looked at four times a second, a busy one forty
  timer = setTimeout(step, moved ? workerData.everyMs : workerData.idleMs);
};
timer = setTimeout(step, workerData.everyMs);
parentPort.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Copies the WAL into the database file from a worker thread. Done by the serving connection, as SQLite does by
 * default, each checkpoint (copying a thousand pages and two fsyncs) stopped the event loop: with PATCH/PUT at
 * 100,000 users that wait cost more than the requests' own work. The worker's PASSIVE checkpoints never block a
 * reader or a writer; what the serving connection still checkpoints itself is the short tail the worker has not
 * reached yet. If the worker cannot start or dies, SQLite's own checkpoints carry on as before.
 */
export class BackgroundCheckpointer {
  private constructor(
    private readonly worker: Worker,
    private readonly exited: Promise<void>,
    private readonly db: SqliteDatabase,
  ) {}

  /** `addon`: the better-sqlite3 addon file to load instead of the default one (see ServeOptions.sqliteAddon). */
  static start(db: SqliteDatabase, file: string, addon?: string): BackgroundCheckpointer | null {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, addon, driver: require.resolve('better-sqlite3'), everyMs: CHECKPOINT_EVERY_MS, idleMs: IDLE_LOOK_EVERY_MS } });
    } catch {
      return null;
    }
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('error', () => {
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
    });
    worker.unref();
    db.pragma(`wal_autocheckpoint = ${SERVING_AUTOCHECKPOINT_PAGES}`);
    return new BackgroundCheckpointer(worker, exited, db);
  }

  /** Stops the worker and waits until its connection is closed; call it before the tenant itself closes. */
  async stop(): Promise<void> {
    // Referenced again while it winds down: otherwise a process whose servers are already closed could exit
    // before the tenant's own close (the log's last flush, the final checkpoint) has run.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }
}
