/**
 * The dispatch model: many store runs in flight per process, each paced only by its own store's rate
 * budget and platform answers.
 *
 * A store run is I/O-bound: it spends nearly all its time waiting on its platform (and on its store's rate
 * budget), holding no database connection while it does (no transaction is open during platform calls). So
 * a run in flight is a promise, not a thread or a connection: the process keeps up to `concurrency` of them
 * (HUB_SYNC_CONCURRENCY, hundreds), and what stays scarce — the database pool — is taken only for each
 * statement. Jobs are claimed from pg-boss in batches (`fetch` with a batchSize: ONE `FOR UPDATE SKIP LOCKED`
 * statement per batch, whatever the number of processes), as soon as slots free up: when a run ends, when
 * this process enqueues (wake), or at the idle poll for jobs other processes enqueued. There is no fixed
 * delay between one store's run and the next. Finished jobs are completed in batches (one statement).
 *
 * Fairness across platforms (fair-share.ts): a platform holds at most its share of the slots; a job over it,
 * or a duplicate of a store already in flight here, is completed at once (a job is only a wake-up call: the
 * scheduler offers the store again while it has due work, so nothing is lost).
 */
import { Logger } from '@nestjs/common';
import { decideDispatch } from './fair-share';
import type { SyncJobData } from './sync-queue';

export interface ClaimedJob {
  id: string;
  data: SyncJobData;
}

/** Where jobs come from (pg-boss in the hub; a fake in unit tests). */
export interface JobSource {
  fetch(max: number): Promise<ClaimedJob[]>;
  complete(ids: readonly string[]): Promise<void>;
}

export interface DispatcherOptions {
  /** Runs in flight at most in this process. */
  concurrency: number;
  /** How often to look for jobs while nothing else wakes the dispatcher (jobs sent by other processes). */
  idlePollMs: number;
  /** Jobs claimed per fetch statement at most. */
  maxBatch?: number;
}

interface Candidate {
  storeId: string;
  platform: string;
  job: ClaimedJob;
}

export class SyncDispatcher {
  private readonly log = new Logger('SyncDispatcher');
  private readonly inFlight = new Map<string, { platform: string; done: Promise<void> }>();
  private readonly byPlatform = new Map<string, number>();
  private finished: string[] = [];
  private pumping: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Diagnostics (tests, logs). */
  readonly stats = { fetches: 0, started: 0, dropped: 0, maxInFlight: 0 };

  constructor(
    private readonly source: JobSource,
    private readonly handler: (job: SyncJobData) => Promise<unknown>,
    private readonly options: DispatcherOptions,
  ) {}

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.timer = setInterval(() => void this.pump(), this.options.idlePollMs);
    this.timer.unref();
    void this.pump();
  }

  /** Look for jobs now (a local enqueue, a run that ended). Coalesced: one pass at a time, one more if asked meanwhile. */
  pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      do {
        this.again = false;
        await this.pumpOnce();
      } while (this.again);
    })().finally(() => (this.pumping = undefined));
    return this.pumping;
  }

  /** Stops claiming jobs, waits (up to `timeoutMs`) for the runs in flight, and completes their jobs. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.pumping;
    const all = Promise.allSettled([...this.inFlight.values()].map((r) => r.done));
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise((r) => (timeout = setTimeout(r, timeoutMs)))]);
    if (timeout) clearTimeout(timeout);
    await this.flushFinished();
  }

  private async pumpOnce(): Promise<void> {
    await this.flushFinished();
    if (!this.running) return;
    const room = this.options.concurrency - this.inFlight.size;
    if (room <= 0) return;
    let jobs: ClaimedJob[];
    try {
      jobs = await this.source.fetch(Math.min(room, this.options.maxBatch ?? 500));
      this.stats.fetches++;
    } catch (e) {
      if (this.running) this.log.warn(`fetching jobs failed: ${(e as Error).message}`);
      return;
    }
    if (jobs.length === 0) return;
    const candidates: Candidate[] = jobs.map((job) => ({ storeId: job.data.storeId, platform: job.data.platform ?? '', job }));
    const counts = new Map<string, number>(this.byPlatform);
    const decision = decideDispatch(candidates, new Set(this.inFlight.keys()), counts, this.options.concurrency);
    for (const c of decision.drop) this.finished.push(c.job.id);
    this.stats.dropped += decision.drop.length;
    for (const c of decision.start) this.launch(c);
    // A full batch may mean more jobs wait: look again at once (the loop in pump()).
    if (jobs.length === Math.min(room, this.options.maxBatch ?? 500) && this.inFlight.size < this.options.concurrency) this.again = true;
    if (decision.drop.length) await this.flushFinished();
  }

  private launch(c: Candidate): void {
    this.byPlatform.set(c.platform, (this.byPlatform.get(c.platform) ?? 0) + 1);
    const done = (async () => {
      try {
        await this.handler(c.job.data);
      } catch (e) {
        this.log.warn(`store ${c.storeId}: the sync job failed: ${(e as Error)?.message ?? String(e)}`);
      } finally {
        this.inFlight.delete(c.storeId);
        const left = (this.byPlatform.get(c.platform) ?? 1) - 1;
        if (left > 0) this.byPlatform.set(c.platform, left);
        else this.byPlatform.delete(c.platform);
        this.finished.push(c.job.id);
        if (this.running) void this.pump();
      }
    })();
    this.inFlight.set(c.storeId, { platform: c.platform, done });
    this.stats.started++;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.inFlight.size);
  }

  private async flushFinished(): Promise<void> {
    if (this.finished.length === 0) return;
    const ids = this.finished;
    this.finished = [];
    try {
      await this.source.complete(ids);
    } catch (e) {
      // Not fatal: an uncompleted job expires (pg-boss) and is only a wake-up call.
      this.log.warn(`completing ${ids.length} job(s) failed: ${(e as Error).message}`);
    }
  }
}
