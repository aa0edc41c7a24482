/**
 * The stores' notice keys as this process last read them (platform, opened notice secret), for a few seconds.
 * At scale the notices of the hub's own writes outnumber its store runs, and reading the store for each one was
 * half of all the hub's statements (issue 10). A key read from here is only a first try: a notice that does not
 * verify with it is verified again with the store read afresh (another process may have given the store a new
 * secret), and the record statement itself checks the store still exists.
 */
export interface NoticeStoreKey {
  platform: string;
  /** The store's notice secret, opened; undefined when it has none. */
  secret: string | undefined;
}

export class NoticeStoreKeys {
  private readonly entries = new Map<string, { key: NoticeStoreKey; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(storeId: string): NoticeStoreKey | undefined {
    const hit = this.entries.get(storeId);
    if (!hit) return undefined;
    if (hit.until > this.now()) return hit.key;
    this.entries.delete(storeId);
    return undefined;
  }

  set(storeId: string, key: NoticeStoreKey): void {
    this.entries.delete(storeId);
    // A Map iterates in insertion order: the first entry is the oldest.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(storeId, { key, until: this.now() + this.ttlMs });
  }

  forget(storeId: string): void {
    this.entries.delete(storeId);
  }
}
