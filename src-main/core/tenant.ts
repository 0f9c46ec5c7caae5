import { AccessKeyStore } from './accesskeys/access-key-store';
import { FileKeyVault, type KeyVault } from './accesskeys/key-vault';
import { ActivityLog, ACTIVITY_LIMITS } from './activity/activity-log';
import { ChangeFeed, type ChangeListener } from './change-feed';
import { CredentialStore } from './credentials/credential-store';
import { DriftStore } from './directory/drift-store';
import { GroupStore } from './directory/group-store';
import { UserStore } from './directory/user-store';
import { coreError, conflict } from './errors';
import { randomString } from './ids';
import { PasswordPolicyStore } from './settings/password-policy';
import { FaultSettingsStore } from './settings/fault-settings';
import { SettingsStore } from './settings/settings-store';
import { ExternalChangeWatch } from './store/external-change-watch';
import { COMMAND_BUSY_TIMEOUT_MS, LockWait, SERVING_BUSY_TIMEOUT_MS } from './store/lock-wait';
import { openDatabase, type SqliteDatabase } from './store/open-database';
import { asCoreError, isLockContention } from './store/store-errors';
import type { Directory, DirectoryStatistics } from './types';

/** 'serve': the long-running server (short lock waits, see SERVING_BUSY_TIMEOUT_MS); 'command': a CLI command
 *  or a test; 'read': a command that only reads, opened read-only so it works on a tenant it may not write. */
export type TenantRole = 'serve' | 'command' | 'read';

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
  private readonly lockWait: LockWait;
  private closed = false;

  private constructor(
    readonly db: SqliteDatabase,
    readonly file: string,
    role: TenantRole,
    keyVault: KeyVault,
  ) {
    this.lockWait = new LockWait(db, role === 'serve' ? SERVING_BUSY_TIMEOUT_MS : COMMAND_BUSY_TIMEOUT_MS);
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
    this.activity = new ActivityLog(db, (n) => this.changes.noteActivityFlush(n), ACTIVITY_LIMITS, () => this.lockWait.contended());
  }

  /** `keyVault` seals the AccessKey secrets; by default a key file beside the tenant file (the desktop app may
   *  pass one over the operating system's keychain). */
  static open(file: string, role: TenantRole = 'command', options: { keyVault?: KeyVault } = {}): Tenant {
    return new Tenant(openDatabase(file, { readonly: role === 'read' }), file, role, options.keyVault ?? FileKeyVault.besideTenant(file));
  }


  /** What a failed store call means for the caller: another process's lock ('Busy', after which the next writes
   *  fail fast for a moment), an unwritable file ('CannotWrite'), or the error itself. */
  storeError(e: unknown): unknown {
    if (isLockContention(e)) this.lockWait.contended();
    return asCoreError(e, this.file);
  }

  /** SCIM requests are served only while the switch is on (CloudSSO); callers check this before anything else. */
  assertScimAllowed(): void {
    if (!this.settings.syncEnabled()) {
      throw coreError('SyncDisabled', 'SyncDisabled', {});
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
      if (s.UserCount || s.GroupCount || s.CredentialCount) {
        throw coreError('Precondition', 'DirectoryNotEmpty', { users: s.UserCount, groups: s.GroupCount, credentials: s.CredentialCount });
      }
      this.settings.markDirectoryDeleted();
    }).immediate();
  }

  /** One directory per account: a new one only after the old one was deleted. */
  createDirectory(name?: string): Directory {
    if (this.settings.directoryExists()) {
      throw conflict('DirectoryExists', { attribute: 'DirectoryId', directoryId: this.settings.directory().DirectoryId });
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
    // Nothing waits on this connection any more: give another process's lock time to go so the log's tail lands.
    this.lockWait.waitLongest();
    this.changes.close(); // first: its timer must never poll a closed connection, whatever happens below
    try {
      this.activity.close();
      if (!this.db.readonly) this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (e) {
      // Still locked after the wait: the WAL stays (the next opener recovers it) and the log's unsaved tail is lost.
      if (!isLockContention(e)) throw e;
    } finally {
      this.db.close();
    }
  }
}
