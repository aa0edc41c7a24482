/**
 * A simulator's outgoing platform notices (webhook deliveries, issue 13): each `send` POSTs a body the platform
 * has already signed to one URL, asynchronously as platforms push (the edit that caused it does not wait), and
 * keeps a record of it once answered. Signing and headers stay with each platform's simulator — they differ —
 * only the delivery bookkeeping is shared.
 */
import * as http from 'node:http';
import * as https from 'node:https';

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

/**
 * One keep-alive agent per protocol for every simulated shop of the process. Node's agent hands a request a free
 * socket in constant time; fetch's pool (undici) looked through its connections on each request, which cost the
 * bench's simulators seconds of CPU with thousands of deliveries in flight. No cap on sockets across shops: each
 * shop's outbox alone decides how many of its deliveries are on the wire (maxInFlight), as separate platforms
 * would. Every answered socket is kept for the next delivery (Node keeps
 * 256 free ones by default and closes the rest): at 3 000 shops the closed ones' ports, waiting out TIME_WAIT,
 * made each new connect() search the ephemeral range — 98 s of the bench's 214 s of CPU in one facility change.
 * The receiver still closes the idle ones (its keep-alive timeout).
 */
const KEEP = { keepAlive: true, maxFreeSockets: Infinity };
const AGENTS: Record<string, http.Agent> = { 'http:': new http.Agent(KEEP), 'https:': new https.Agent(KEEP) };

/** POSTs `body` to `url`; resolves with the answer's status once its body is read, 0 when none came. Never rejects; no redirect is followed. */
function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve(0);
    }
    const agent = AGENTS[target.protocol];
    if (!agent) return resolve(0);
    const send = target.protocol === 'https:' ? https.request : http.request;
    const named = new Set(Object.keys(headers).map((k) => k.toLowerCase()));
    const all: Record<string, string | number> = { ...headers, 'content-length': Buffer.byteLength(body) };
    if (!named.has('content-type')) all['content-type'] = 'text/plain;charset=UTF-8'; // what fetch sent for a string body
    const req = send(target, { method: 'POST', headers: all, agent, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      // The status counts once it came, as fetch's did; the body is read (and dropped) so the socket can serve again.
      res.once('close', () => resolve(res.statusCode ?? 0));
      res.resume();
    });
    req.once('error', () => resolve(0));
    req.end(body);
  });
}

/** How many answered deliveries are kept: the newest ones. */
export const NOTICE_OUTBOX_KEEPS = 100;

export interface NoticeOutboxOptions {
  /**
   * How many deliveries the platform has on the wire at once (default: no limit, every one sent when due). The
   * rest wait their turn in order; a delivery's timeout starts when it is sent. A platform that delivers from a
   * queue worker one action after another (WooCommerce's Action Scheduler) sends one at a time.
   */
  maxInFlight?: number;
}

export class NoticeOutbox<TMeta = Record<string, unknown>> {
  /** The latest answered deliveries, oldest first (at most NOTICE_OUTBOX_KEEPS; the same array throughout). */
  readonly deliveries: NoticeDelivery<TMeta>[] = [];
  private readonly inFlight = new Set<Promise<number>>();
  private readonly maxInFlight: number;
  private onWire = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(opts: NoticeOutboxOptions = {}) {
    const max = opts.maxInFlight ?? Infinity;
    if (!(max >= 1)) throw new RangeError(`maxInFlight must be at least 1, got ${opts.maxInFlight}`);
    this.maxInFlight = max;
  }

  /** Resolves when this delivery may go on the wire. */
  private turn(): Promise<void> {
    if (this.onWire < this.maxInFlight) {
      this.onWire++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A delivery left the wire: the next waiting one goes (its slot is handed over), else the slot frees. */
  private done(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.onWire--;
  }

  /** POSTs one notice (after its delay) without waiting; counted as pending at once; resolves with the receiver's status (0: no answer), never rejects. */
  send(notice: NoticeToSend<TMeta>): Promise<number> {
    const record: NoticeDelivery<TMeta> = { url: notice.url, body: notice.body, status: 0 };
    if (notice.meta !== undefined) record.meta = notice.meta;
    const waited = notice.delayMs ? new Promise<void>((resolve) => setTimeout(resolve, notice.delayMs).unref()) : Promise.resolve();
    const sent: Promise<number> = waited
      .then(() => this.turn())
      .then(() => post(notice.url, notice.headers, notice.body, notice.timeoutMs ?? 60_000))
      .then((status) => {
        this.done();
        record.status = status;
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
