import type { ExternalChangeWatch } from '../store/external-change-watch';
import type { SqliteDatabase } from '../store/open-database';
import type { Region } from '../types';

export interface DirectoryRow {
  id: string;
  name: string;
  region: Region;
  created_at: string;
}

/** The settings rows and the directory row, read again only when they may have changed: another process
 *  committed (the watch) or this process wrote them (invalidate()). One SCIM request asks for settings three
 *  times (faults, the sync switch for auth, the lock state of what it returns). */
export class SettingsSnapshot {
  private values: Map<string, string> | null = null;
  private directoryRow: DirectoryRow | null = null;
  private loadedAt = -1;
  private readonly allSettings;
  private readonly directory;

  constructor(
    db: SqliteDatabase,
    private readonly watch: ExternalChangeWatch,
  ) {
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
    const version = this.watch.current();
    if (version !== this.loadedAt || this.values === null || this.directoryRow === null) {
      this.values = new Map(this.allSettings.all().map((r) => [r.key, r.value]));
      this.directoryRow = this.directory.get()!;
      this.loadedAt = version;
    }
    return { values: this.values, directory: this.directoryRow };
  }
}
