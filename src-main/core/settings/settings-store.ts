import type { SqliteDatabase } from '../store/open-database';
import { coreError, invalid } from '../errors';
import { newId, nowIso } from '../ids';
import { REGIONS, type Directory, type Region, type Status, type SyncSettings } from '../types';
import { DIRECTORY_NAME, FIELD_LIMITS } from '../directory/rules';
import type { ExternalChangeWatch } from '../store/external-change-watch';
import { SettingsSnapshot } from './settings-snapshot';

type Key = 'scim_sync' | 'accelerated' | 'https';

/** The directory's identity, the SCIM sync switch, the accelerated endpoint switch, the HTTPS switch, and the raw key/value
 *  settings other stores keep (faults). Reads come from a snapshot that notices the CLI's changes made in
 *  another process; every write here invalidates it. */
export class SettingsStore {
  private readonly putSetting;
  private readonly snapshot: SettingsSnapshot;

  constructor(
    private readonly db: SqliteDatabase,
    watch: ExternalChangeWatch,
  ) {
    this.putSetting = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.snapshot = new SettingsSnapshot(db, watch);
    this.ensureDirectory();
  }

  /** A raw setting, for stores that keep their own value here. */
  raw(key: string): string | undefined {
    return this.snapshot.get(key);
  }

  putRaw(key: string, value: string): void {
    this.putSetting.run(key, value);
    this.snapshot.invalidate();
  }

  private ensureDirectory(): void {
    // Written only when missing: a tenant opened read-only (verify in a read-only folder) must not write at all.
    if (this.db.prepare('SELECT 1 FROM directory').get()) return;
    this.db
      .prepare("INSERT OR IGNORE INTO directory (singleton, id, name, region, created_at) VALUES (1, ?, ?, 'cn-shanghai', ?)")
      .run(newId('d-'), 'local-directory', nowIso());
    this.snapshot.invalidate();
  }

  directory(): Directory {
    const row = this.snapshot.directoryRowNow();
    return { DirectoryId: row.id, DirectoryName: row.name, Region: row.region, CreateTime: row.created_at };
  }

  updateDirectory(change: { DirectoryName?: string; Region?: Region }): Directory {
    if (change.DirectoryName !== undefined) {
      if (typeof change.DirectoryName !== 'string' || !DIRECTORY_NAME.test(change.DirectoryName)) {
        throw invalid('DirectoryNameRule', { attribute: 'DirectoryName', max: FIELD_LIMITS.DirectoryName });
      }
      this.db.prepare('UPDATE directory SET name = ?').run(change.DirectoryName);
      this.snapshot.invalidate();
    }
    if (change.Region !== undefined) {
      if (!REGIONS.includes(change.Region)) throw invalid('UnknownRegion', { attribute: 'Region', regions: REGIONS.join(', ') });
      this.db.transaction(() => {
        this.db.prepare('UPDATE directory SET region = ?').run(change.Region);
        // Accelerated endpoints exist only in cn-shanghai: moving away turns the feature off.
        if (change.Region !== 'cn-shanghai') this.putSetting.run('accelerated', 'Disabled');
      })();
      this.snapshot.invalidate();
    }
    return this.directory();
  }

  /** CloudSSO has one directory per account; after DeleteDirectory the API sees none until CreateDirectory. */
  directoryExists(): boolean {
    return this.snapshot.get('directory_deleted') !== 'true';
  }

  markDirectoryDeleted(): void {
    this.putRaw('directory_deleted', 'true');
  }

  /** A new directory (new id, name and creation time) in place of a deleted one. */
  recreateDirectory(name: string): Directory {
    if (!DIRECTORY_NAME.test(name)) throw invalid('DirectoryNameRule', { attribute: 'DirectoryName', max: FIELD_LIMITS.DirectoryName });
    this.db.transaction(() => {
      this.db.prepare('UPDATE directory SET id = ?, name = ?, created_at = ?').run(newId('d-'), name, nowIso());
      this.putSetting.run('directory_deleted', 'false');
    })();
    this.snapshot.invalidate();
    return this.directory();
  }

  private status(key: Key): Status {
    return (this.snapshot.get(key) as Status | undefined) ?? 'Disabled';
  }

  syncEnabled(): boolean {
    return this.status('scim_sync') === 'Enabled';
  }

  acceleratedEnabled(): boolean {
    return this.status('accelerated') === 'Enabled' && this.directory().Region === 'cn-shanghai';
  }

  sync(): SyncSettings {
    const available = this.directory().Region === 'cn-shanghai';
    return {
      SCIMSynchronizationStatus: this.status('scim_sync'),
      AcceleratedEndpointStatus: available ? this.status('accelerated') : 'Disabled',
      AcceleratedEndpointAvailable: available,
    };
  }

  setSync(status: Status): SyncSettings {
    assertStatus(status);
    this.putRaw('scim_sync', status);
    return this.sync();
  }

  /** Whether the SCIM endpoints are served over HTTPS (remembered per tenant; the server follows it live). */
  httpsStatus(): Status {
    return this.status('https');
  }

  setHttps(status: Status): Status {
    assertStatus(status);
    this.putRaw('https', status);
    return status;
  }

  setAccelerated(status: Status): SyncSettings {
    assertStatus(status);
    if (status === 'Enabled' && this.directory().Region !== 'cn-shanghai') {
      throw coreError('Precondition', 'AcceleratedRegionOnly', { region: 'cn-shanghai' });
    }
    this.putRaw('accelerated', status);
    return this.sync();
  }
}

export function assertStatus(status: unknown): asserts status is Status {
  if (status !== 'Enabled' && status !== 'Disabled') throw invalid('StatusValue', { attribute: 'Status' });
}
