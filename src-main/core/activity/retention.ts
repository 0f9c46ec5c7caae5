// Which provisioning-log entries are kept. The log is bounded three ways, checked after every write:
// - rows: the newest `rows` entries;
// - bytes: the text the entries hold (path, bodies, outcome…) plus a fixed overhead per row, at most `bytes`;
// - requests without a credential (anonymous, or a wrong token) keep only `anonymousRows` of their own, oldest
//   out first, so a flood of them pushes out earlier anonymous entries, never the entries of a real IdP.
// Entry sizes are kept in memory (read once, at the first write), so deciding never scans the table.

export interface ActivityLimits {
  rows: number;
  bytes: number;
  anonymousRows: number;
}

/** Counted per row on top of its text: the numbers, the record header and the index entry. */
export const ROW_OVERHEAD_BYTES = 64;

/** What is deleted after a write: everything up to `upTo` (the oldest, as one range), plus single rows. */
export interface Eviction {
  upTo: number | null;
  rows: number[];
}

/** Entries of one kind, oldest first: seq and size, in two arrays with a moving head. */
class EntryQueue {
  private seqs: number[] = [];
  private sizes: number[] = [];
  private head = 0;
  bytes = 0;

  get count(): number {
    return this.seqs.length - this.head;
  }

  oldestSeq(): number {
    return this.count > 0 ? this.seqs[this.head]! : Infinity;
  }

  push(seq: number, size: number): void {
    this.seqs.push(seq);
    this.sizes.push(size);
    this.bytes += size;
  }

  shift(): number {
    const seq = this.seqs[this.head]!;
    this.bytes -= this.sizes[this.head]!;
    this.head++;
    if (this.head > 4096 && this.head * 2 > this.seqs.length) {
      this.seqs = this.seqs.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
    return seq;
  }
}

export class RetentionLedger {
  private readonly credentialed = new EntryQueue();
  private readonly anonymous = new EntryQueue();

  constructor(readonly limits: ActivityLimits) {}

  /** Entries must be added in seq order. */
  add(seq: number, size: number, anonymous: boolean): void {
    (anonymous ? this.anonymous : this.credentialed).push(seq, size + ROW_OVERHEAD_BYTES);
  }

  get rows(): number {
    return this.credentialed.count + this.anonymous.count;
  }

  get bytes(): number {
    return this.credentialed.bytes + this.anonymous.bytes;
  }

  /** Forgets the entries that no longer fit and says which rows to delete. */
  evict(): Eviction {
    const rows: number[] = [];
    while (this.anonymous.count > this.limits.anonymousRows) rows.push(this.anonymous.shift());
    let upTo: number | null = null;
    while (this.rows > 0 && (this.rows > this.limits.rows || this.bytes > this.limits.bytes)) {
      // always the oldest of both kinds: then every entry up to `upTo` is gone, and one range delete does it
      const queue = this.anonymous.oldestSeq() < this.credentialed.oldestSeq() ? this.anonymous : this.credentialed;
      upTo = queue.shift();
    }
    return { upTo, rows: upTo === null ? rows : rows.filter((seq) => seq > upTo!) };
  }
}
