import { nowIso } from '../ids';
import type { SqliteDatabase } from '../store/open-database';
import type { DriftEntry, ProvisionType } from '../types';

/** Synchronized objects an administrator changed while sync was off: the IdP's next push may undo the change. */
export class DriftStore {
  // clear() runs on every SCIM write: prepared once.
  private readonly clearStatement;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly syncEnabled: () => boolean,
  ) {
    this.clearStatement = db.prepare('DELETE FROM drift WHERE resource_type = ? AND (resource_id = ? OR name_key = ?)');
  }

  /** Called by every admin edit/delete; records only what the IdP may roll back. */
  noteAdminChange(type: 'User' | 'Group', provisionType: ProvisionType, id: string, name: string, change: 'Modified' | 'Deleted'): void {
    if (provisionType !== 'Synchronized' || this.syncEnabled()) return;
    this.db
      .prepare(
        `INSERT INTO drift (resource_type, name_key, resource_id, change, changed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (resource_type, name_key) DO UPDATE SET resource_id = excluded.resource_id, change = excluded.change, changed_at = excluded.changed_at`,
      )
      .run(type, name, id, change, nowIso());
  }

  /** The IdP wrote the object again: whatever drift there was has been rolled back or re-created. */
  clear(type: 'User' | 'Group', id: string, name: string): void {
    this.clearStatement.run(type, id, name);
  }

  list(): DriftEntry[] {
    return this.db
      .prepare<[], { resource_type: 'User' | 'Group'; resource_id: string; name_key: string; change: 'Modified' | 'Deleted'; changed_at: string }>(
        'SELECT * FROM drift ORDER BY changed_at DESC',
      )
      .all()
      .map((r) => ({ ResourceType: r.resource_type, ResourceId: r.resource_id, Name: r.name_key, Change: r.change, ChangeTime: r.changed_at }));
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM drift').get()!.n;
  }
}
