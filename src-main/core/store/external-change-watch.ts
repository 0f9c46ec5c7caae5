import type { SqliteDatabase } from './open-database';

/** Notices commits made by another connection (the CLI in another process): SQLite moves PRAGMA data_version
 *  for them. It is read at most once per event-loop turn and shared by every in-memory snapshot of the tenant,
 *  because one SCIM request consults several of them and each SQLite statement costs microseconds. A store's
 *  own writes go through this connection, which data_version does not count: the store drops its snapshot itself. */
export class ExternalChangeWatch {
  private readonly dataVersion;
  private version = -1;
  private checkedThisTurn = false;

  constructor(db: SqliteDatabase) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** A number that differs from the last one a caller saw when another connection has committed since. */
  current(): number {
    if (!this.checkedThisTurn) {
      this.version = this.dataVersion.get()!;
      this.checkedThisTurn = true;
      setImmediate(() => (this.checkedThisTurn = false)).unref();
    }
    return this.version;
  }
}
