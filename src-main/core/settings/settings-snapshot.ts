import type { SqliteDatabase } from '../store/open-database';
import type { Region } from '../types';

export interface DirectoryRow {
  id: string;
  name: string;
  region: Region;
  created_at: string;
}

/** The settings rows and the directory row, read again only when they may have changed: a commit by another
 *  process (the CLI) moves PRAGMA data_version, and this process's own writes call invalidate(). The check runs
 *  at most once per event-loop turn, since one SCIM request asks for settings three times (faults, the sync
 *  switch for auth, the lock state of what it returns) and each SQLite statement costs microseconds. */
export class SettingsSnapshot {
  private values: Map<string, string> | null = null;
  private directoryRow: DirectoryRow | null = null;
  private version = -1;
  private checkedThisTurn = false;
  private readonly dataVersion;
  private readonly allSettings;
  private readonly directory;

  constructor(db: SqliteDatabase) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.allSettings = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.directory = db.prepare<[], DirectoryRow>('SELECT id, name, region, created_at FROM directory');
  }

  get(key: string): string | undefined {
    return this.fresh().values.get(key);
  }

  directoryRowNow(): DirectoryRow {
    return this.fresh().directory;
  }

  invalidate(): void {
    this.values = null;
  }

  private fresh(): { values: Map<string, string>; directory: DirectoryRow } {
    if (!this.checkedThisTurn || this.values === null) {
      const version = this.dataVersion.get()!;
      if (version !== this.version || this.values === null || this.directoryRow === null) {
        this.values = new Map(this.allSettings.all().map((r) => [r.key, r.value]));
        this.directoryRow = this.directory.get()!;
        this.version = version;
      }
      this.checkedThisTurn = true;
      setImmediate(() => (this.checkedThisTurn = false)).unref();
    }
    return { values: this.values, directory: this.directoryRow! };
  }
}
