import type { SqliteDatabase } from './store/open-database';

export type ChangeTopic = 'directory' | 'settings' | 'credentials' | 'activity';
export type ChangeListener = (topics: ChangeTopic[]) => void;

const ALL: ChangeTopic[] = ['directory', 'settings', 'credentials', 'activity'];

/** Tells listeners that the tenant changed, whoever changed it: this process (total_changes) or another
 *  one such as the CLI (data_version). Polling two counters is cheaper and surer than instrumenting every write. */
export class ChangeFeed {
  private listeners = new Set<ChangeListener>();
  private timer: NodeJS.Timeout | null = null;
  private lastDataVersion: number;
  private lastTotal: number;
  private activityChanges = 0;
  private activityFlushed = false;

  constructor(private readonly db: SqliteDatabase) {
    this.lastDataVersion = this.dataVersion();
    this.lastTotal = this.totalChanges();
  }

  subscribe(listener: ChangeListener, pollMs = 250): () => void {
    this.listeners.add(listener);
    this.timer ??= setInterval(() => this.poll(), pollMs).unref();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /** The activity log reports its own writes so they are not mistaken for directory changes. */
  noteActivityFlush(rowsWritten: number): void {
    this.activityChanges += rowsWritten;
    this.activityFlushed = true;
  }

  poll(): void {
    const dv = this.dataVersion();
    const total = this.totalChanges();
    const topics = new Set<ChangeTopic>();
    if (dv !== this.lastDataVersion) ALL.forEach((t) => topics.add(t));
    if (total - this.lastTotal > this.activityChanges) ['directory', 'settings', 'credentials'].forEach((t) => topics.add(t as ChangeTopic));
    if (this.activityFlushed) topics.add('activity');
    this.lastDataVersion = dv;
    this.lastTotal = total;
    this.activityChanges = 0;
    this.activityFlushed = false;
    if (topics.size) for (const l of this.listeners) l([...topics]);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private totalChanges(): number {
    return (this.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  }
}
