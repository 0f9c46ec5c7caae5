import type { SqliteDatabase } from '../store/open-database';
import { CoreError, invalid } from '../errors';
import { newId, nowIso } from '../ids';
import { REGIONS, type Directory, type Region, type Status, type SyncSettings } from '../types';
import { DIRECTORY_NAME } from '../directory/rules';

type Key = 'scim_sync' | 'accelerated';

/** The directory's identity, the SCIM sync switch and the accelerated endpoint switch. Read fresh every time:
 *  the CLI may change them in another process while a server runs. */
export class SettingsStore {
  private readonly getSetting;
  private readonly putSetting;
  private readonly getDirectory;

  constructor(private readonly db: SqliteDatabase) {
    this.getSetting = db.prepare<[Key], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.putSetting = db.prepare<[Key, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.getDirectory = db.prepare<[], { id: string; name: string; region: Region; created_at: string }>('SELECT id, name, region, created_at FROM directory');
    this.ensureDirectory();
  }

  private ensureDirectory(): void {
    this.db
      .prepare("INSERT OR IGNORE INTO directory (singleton, id, name, region, created_at) VALUES (1, ?, ?, 'cn-shanghai', ?)")
      .run(newId('d-'), 'local-directory', nowIso());
  }

  directory(): Directory {
    const row = this.getDirectory.get()!;
    return { DirectoryId: row.id, DirectoryName: row.name, Region: row.region, CreateTime: row.created_at };
  }

  updateDirectory(change: { DirectoryName?: string; Region?: Region }): Directory {
    if (change.DirectoryName !== undefined) {
      if (typeof change.DirectoryName !== 'string' || !DIRECTORY_NAME.test(change.DirectoryName)) {
        throw invalid('DirectoryName', 'DirectoryName must be 2–64 letters, digits or hyphens.');
      }
      this.db.prepare('UPDATE directory SET name = ?').run(change.DirectoryName);
    }
    if (change.Region !== undefined) {
      if (!REGIONS.includes(change.Region)) throw invalid('Region', `Region must be one of ${REGIONS.join(', ')}.`);
      this.db.transaction(() => {
        this.db.prepare('UPDATE directory SET region = ?').run(change.Region);
        // Accelerated endpoints exist only in cn-shanghai: moving away turns the feature off.
        if (change.Region !== 'cn-shanghai') this.putSetting.run('accelerated', 'Disabled');
      })();
    }
    return this.directory();
  }

  private status(key: Key): Status {
    return (this.getSetting.get(key)?.value as Status | undefined) ?? 'Disabled';
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
    this.putSetting.run('scim_sync', status);
    return this.sync();
  }

  setAccelerated(status: Status): SyncSettings {
    assertStatus(status);
    if (status === 'Enabled' && this.directory().Region !== 'cn-shanghai') {
      throw new CoreError('Precondition', 'Accelerated endpoints are available only for directories in region cn-shanghai, as in CloudSSO.');
    }
    this.putSetting.run('accelerated', status);
    return this.sync();
  }
}

export function assertStatus(status: unknown): asserts status is Status {
  if (status !== 'Enabled' && status !== 'Disabled') throw invalid('Status', 'Status must be Enabled or Disabled.');
}
