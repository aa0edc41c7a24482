/**
 * Group commit: requests that arrive while the database is busy with earlier ones are written together, in one
 * statement, when it is free again. A quiet hub writes each request at once (a batch of one, no added wait); a
 * busy one — a platform sending hundreds of notices a second — pays one statement per batch instead of one per
 * request (issue 10). Each caller gets its own item's answer, or the batch's error (nothing of a failed batch is
 * written: it is one statement).
 */
export class GroupCommit<In, Out> {
  private waiting: { item: In; resolve: (out: Out) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  /** Batches written and the items they carried (tests, benchmarks). */
  readonly stats = { batches: 0, items: 0 };

  /**
   * @param write writes a batch in one statement; answers one result per item, in order.
   * @param maxInFlight batches written at once (each takes a database connection).
   * @param maxBatch items in one statement at most.
   */
  constructor(
    private readonly write: (items: In[]) => Promise<Out[]>,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 200,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      this.stats.batches++;
      this.stats.items += batch.length;
      this.write(batch.map((b) => b.item))
        .then(
          (outs) => {
            if (outs.length !== batch.length) throw new Error(`group commit: ${outs.length} answers for ${batch.length} items`);
            batch.forEach((b, i) => b.resolve(outs[i]));
          },
          (e: unknown) => batch.forEach((b) => b.reject(e)),
        )
        .catch((e: unknown) => batch.forEach((b) => b.reject(e)))
        .finally(() => {
          this.inFlight--;
          this.next();
        });
    }
  }
}
