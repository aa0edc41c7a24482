/**
 * A simulator's outgoing platform notices (webhook deliveries, issue 13): each `send` POSTs a body the platform
 * has already signed to one URL, asynchronously as platforms push (the edit that caused it does not wait), and
 * keeps a record of it once answered. Signing and headers stay with each platform's simulator — they differ —
 * only the delivery bookkeeping is shared.
 */

/** One delivery, recorded when answered: `status` is the receiver's, 0 when none came (refused, timed out). */
export interface NoticeDelivery<TMeta = Record<string, unknown>> {
  url: string;
  body: string;
  status: number;
  /** What the platform's simulator wants to remember of it (its webhook id, topic, …). */
  meta?: TMeta;
}

export interface NoticeToSend<TMeta> {
  url: string;
  headers: Record<string, string>;
  body: string;
  meta?: TMeta;
  /** How long the platform waits for an answer (default 60 s); a redirect is an answer, not followed. */
  timeoutMs?: number;
  /**
   * How long after the edit the platform sends it (default 0: at once). Platforms that queue their deliveries in the
   * background (WooCommerce's Action Scheduler) send them after the request that caused them has answered.
   */
  delayMs?: number;
}

/** How many answered deliveries are kept: the newest ones. */
export const NOTICE_OUTBOX_KEEPS = 100;

export class NoticeOutbox<TMeta = Record<string, unknown>> {
  /** The latest answered deliveries, oldest first (at most NOTICE_OUTBOX_KEEPS; the same array throughout). */
  readonly deliveries: NoticeDelivery<TMeta>[] = [];
  private readonly inFlight = new Set<Promise<number>>();

  /** POSTs one notice (after its delay) without waiting; counted as pending at once; resolves with the receiver's status (0: no answer), never rejects. */
  send(notice: NoticeToSend<TMeta>): Promise<number> {
    const record: NoticeDelivery<TMeta> = { url: notice.url, body: notice.body, status: 0 };
    if (notice.meta !== undefined) record.meta = notice.meta;
    const waited = notice.delayMs ? new Promise<void>((resolve) => setTimeout(resolve, notice.delayMs).unref()) : Promise.resolve();
    const sent: Promise<number> = waited
      .then(() =>
        fetch(notice.url, {
          method: 'POST',
          headers: notice.headers,
          body: notice.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(notice.timeoutMs ?? 60_000),
        }),
      )
      .then(async (res) => {
        record.status = res.status;
        await res.arrayBuffer().catch(() => undefined);
      })
      .catch(() => undefined)
      .then(() => {
        this.deliveries.push(record);
        if (this.deliveries.length > NOTICE_OUTBOX_KEEPS) this.deliveries.shift();
        this.inFlight.delete(sent);
        return record.status;
      });
    this.inFlight.add(sent);
    return sent;
  }

  /** How many deliveries are still waiting for an answer. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Resolves when every delivery sent so far — and any sent meanwhile — has been answered (or failed). */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }
}
