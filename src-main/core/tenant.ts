import { AccessKeyStore } from './accesskeys/access-key-store';
import { FileKeyVault, type KeyVault } from './accesskeys/key-vault';
import { ActivityLog } from './activity/activity-log';
import { ChangeFeed, type ChangeListener } from './change-feed';
import { CredentialStore } from './credentials/credential-store';
import { DriftStore } from './directory/drift-store';
import { GroupStore } from './directory/group-store';
import { UserStore } from './directory/user-store';
import { conflict, CoreError } from './errors';
import { randomString } from './ids';
import { PasswordPolicyStore } from './settings/password-policy';
import { FaultSettingsStore } from './settings/fault-settings';
import { SettingsStore } from './settings/settings-store';
import { ExternalChangeWatch } from './store/external-change-watch';
import { openDatabase, type SqliteDatabase } from './store/open-database';
import type { Directory, DirectoryStatistics } from './types';

/** One tenant = one SQLite file, with every CloudSSO rule reachable from here. */
export class Tenant {
  readonly settings: SettingsStore;
  readonly credentials: CredentialStore;
  readonly drift: DriftStore;
  readonly users: UserStore;
  readonly groups: GroupStore;
  readonly activity: ActivityLog;
  readonly faults: FaultSettingsStore;
  readonly accessKeys: AccessKeyStore;
  readonly passwordPolicy: PasswordPolicyStore;
  private readonly changes: ChangeFeed;
  private closed = false;

  private constructor(
    readonly db: SqliteDatabase,
    readonly file: string,
    keyVault: KeyVault,
  ) {
    const watch = new ExternalChangeWatch(db);
    this.settings = new SettingsStore(db, watch);
    const syncEnabled = () => this.settings.syncEnabled();
    this.credentials = new CredentialStore(db, () => this.settings.directory().DirectoryId, undefined, watch);
    this.drift = new DriftStore(db, syncEnabled);
    this.users = new UserStore(db, syncEnabled, this.drift);
    this.groups = new GroupStore(db, syncEnabled, this.drift);
    this.faults = new FaultSettingsStore(this.settings);
    this.accessKeys = new AccessKeyStore(db, keyVault, watch);
    this.passwordPolicy = new PasswordPolicyStore(this.settings);
    this.changes = new ChangeFeed(db);
    this.activity = new ActivityLog(db, (n) => this.changes.noteActivityFlush(n));
  }

  /** `keyVault` seals the AccessKey secrets; by default a key file beside the tenant file (the desktop app may
   *  pass one over the operating system's keychain). */
  static open(file: string, options: { keyVault?: KeyVault } = {}): Tenant {
    return new Tenant(openDatabase(file), file, options.keyVault ?? FileKeyVault.besideTenant(file));
  }

  /** SCIM requests are served only while the switch is on (CloudSSO); callers check this before anything else. */
  assertScimAllowed(): void {
    if (!this.settings.syncEnabled()) {
      throw new CoreError('SyncDisabled', 'SCIM synchronization is disabled for this directory. Turn on the SCIM synchronization switch in Settings > User Settings.');
    }
  }

  statistics(): DirectoryStatistics {
    const counters = new Map(
      this.db.prepare<[], { name: string; value: number }>('SELECT name, value FROM counters').all().map((r) => [r.name, r.value]),
    );
    const credentials = this.credentials.list();
    const c = (name: string) => counters.get(name) ?? 0;
    return {
      UserCount: c('User:Manual') + c('User:Synchronized'),
      ManualUserCount: c('User:Manual'),
      SynchronizedUserCount: c('User:Synchronized'),
      GroupCount: c('Group:Manual') + c('Group:Synchronized'),
      ManualGroupCount: c('Group:Manual'),
      SynchronizedGroupCount: c('Group:Synchronized'),
      CredentialCount: credentials.length,
      EnabledCredentialCount: credentials.filter((x) => x.Status === 'Enabled' && !x.Expired).length,
      DriftCount: this.drift.count(),
    };
  }

  /** CloudSSO's DeleteDirectory preconditions: no users, groups or SCIM credentials left (access configurations
   *  and assignments do not exist here). */
  deleteDirectory(): void {
    this.db.transaction(() => {
      const s = this.statistics();
      const left = [
        s.UserCount && `${s.UserCount} user(s)`,
        s.GroupCount && `${s.GroupCount} group(s)`,
        s.CredentialCount && `${s.CredentialCount} SCIM credential(s)`,
      ].filter(Boolean);
      if (left.length) throw new CoreError('Precondition', `The directory still has ${left.join(', ')}. Delete them before deleting the directory (CloudSSO rule).`);
      this.settings.markDirectoryDeleted();
    }).immediate();
  }

  /** One directory per account: a new one only after the old one was deleted. */
  createDirectory(name?: string): Directory {
    if (this.settings.directoryExists()) {
      throw conflict(`This account already has a directory (${this.settings.directory().DirectoryId}); CloudSSO allows one directory per account.`, 'DirectoryId');
    }
    return this.settings.recreateDirectory(name ?? `directory-${randomString(8, 'abcdefghijklmnopqrstuvwxyz0123456789')}`);
  }

  onChange(listener: ChangeListener, pollMs?: number): () => void {
    return this.changes.subscribe(listener, pollMs);
  }

  /** A consistent copy of the live tenant, safe while it is being written. */
  async backup(toFile: string): Promise<void> {
    this.activity.flush();
    await this.db.backup(toFile);
  }

  /** Flushes the log, checkpoints the WAL into the main file and closes. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.activity.close();
    this.changes.close();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}
