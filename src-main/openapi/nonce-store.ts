/** SignatureNonces seen recently, per AccessKey: a request is refused if its nonce was used while its timestamp can
 *  still pass (±15 minutes, so a nonce is remembered for 30). Bounded: when full, the oldest is forgotten first
 *  (a replay of it would still need a timestamp inside the window). In memory: a restart forgets them. */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly rememberMs: number,
    private readonly capacity = 100_000,
  ) {}

  /** False when this nonce was already used with this key. */
  claim(accessKeyId: string, nonce: string, now: number): boolean {
    const key = `${accessKeyId}\u0000${nonce}`;
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    this.seen.delete(key);
    this.evict(now);
    this.seen.set(key, now + this.rememberMs);
    return true;
  }

  /** Entries were added in time order, so expired ones sit at the front. */
  private evict(now: number): void {
    for (const [key, until] of this.seen) {
      if (until > now && this.seen.size < this.capacity) break;
      this.seen.delete(key);
    }
  }
}
