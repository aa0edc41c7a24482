/**
 * The dispatcher over a fake job source (no database): many runs in flight, claimed in batches, no polling
 * delay between a run that ends and the next, fair across platforms, every job completed.
 */
import { SyncDispatcher, type ClaimedJob, type JobSource } from '../../src/sync/sync-dispatcher';
import type { SyncJobData } from '../../src/sync/sync-queue';

class FakeSource implements JobSource {
  queued: ClaimedJob[] = [];
  completed: string[] = [];
  fetchSizes: number[] = [];
  private n = 0;
  add(storeId: string, platform = 'p'): void {
    this.queued.push({ id: `job-${++this.n}`, data: { storeId, trigger: 'stock_update', platform } });
  }
  async fetch(max: number): Promise<ClaimedJob[]> {
    this.fetchSizes.push(max);
    return this.queued.splice(0, max);
  }
  async complete(ids: readonly string[]): Promise<void> {
    this.completed.push(...ids);
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('SyncDispatcher', () => {
  it('keeps up to `concurrency` runs in flight, claiming them in one batch', async () => {
    const source = new FakeSource();
    for (let i = 0; i < 5; i++) source.add(`s${i}`);
    const gate = deferred();
    const started: string[] = [];
    const d = new SyncDispatcher(
      source,
      async (job: SyncJobData) => {
        started.push(job.storeId);
        await gate.promise;
      },
      { concurrency: 3, idlePollMs: 60_000 },
    );
    d.start();
    await settle();
    expect(started).toEqual(['s0', 's1', 's2']);
    expect(d.inFlightCount).toBe(3);
    expect(source.fetchSizes[0]).toBe(3);
    gate.resolve();
    await settle();
    await settle();
    expect(started).toEqual(['s0', 's1', 's2', 's3', 's4']);
    await d.stop();
    expect(source.completed.sort()).toEqual(['job-1', 'job-2', 'job-3', 'job-4', 'job-5']);
  });

  it('starts the next job as soon as a run ends, without waiting for the idle poll', async () => {
    const source = new FakeSource();
    source.add('a');
    source.add('b');
    const order: string[] = [];
    const d = new SyncDispatcher(
      source,
      async (job: SyncJobData) => {
        order.push(job.storeId);
      },
      { concurrency: 1, idlePollMs: 60_000 },
    );
    d.start();
    for (let i = 0; i < 5; i++) await settle();
    expect(order).toEqual(['a', 'b']);
    await d.stop();
  });

  it('a wake (pump) claims jobs enqueued after start at once', async () => {
    const source = new FakeSource();
    const seen: string[] = [];
    const d = new SyncDispatcher(source, async (job: SyncJobData) => void seen.push(job.storeId), { concurrency: 10, idlePollMs: 60_000 });
    d.start();
    await settle();
    source.add('late');
    await d.pump();
    await settle();
    expect(seen).toEqual(['late']);
    await d.stop();
  });

  it("hands back (completes) a job over its platform's share and a job of a store already in flight", async () => {
    const source = new FakeSource();
    source.add('w1', 'webflow');
    source.add('w2', 'webflow');
    source.add('w3', 'webflow');
    source.add('s1', 'shopify');
    source.add('w1', 'webflow');
    const gate = deferred();
    const started: string[] = [];
    const d = new SyncDispatcher(
      source,
      async (job: SyncJobData) => {
        started.push(job.storeId);
        await gate.promise;
      },
      { concurrency: 4, idlePollMs: 60_000 },
    );
    d.start();
    for (let i = 0; i < 5; i++) await settle();
    // Two platforms in the batch: 2 slots each; w3 is over webflow's share, the second w1 is in flight already.
    expect(started).toEqual(['w1', 'w2', 's1']);
    expect(d.stats.dropped).toBe(2);
    expect(source.completed.sort()).toEqual(['job-3', 'job-5']);
    gate.resolve();
    await d.stop();
    expect(source.completed.sort()).toEqual(['job-1', 'job-2', 'job-3', 'job-4', 'job-5']);
  });

  it('a handler that throws does not stop the dispatcher; its job is completed', async () => {
    const source = new FakeSource();
    source.add('bad');
    source.add('good');
    const ran: string[] = [];
    const d = new SyncDispatcher(
      source,
      async (job: SyncJobData) => {
        if (job.storeId === 'bad') throw new Error('boom');
        ran.push(job.storeId);
      },
      { concurrency: 1, idlePollMs: 60_000 },
    );
    d.start();
    for (let i = 0; i < 5; i++) await settle();
    expect(ran).toEqual(['good']);
    await d.stop();
    expect(source.completed.sort()).toEqual(['job-1', 'job-2']);
  });

  it('after stop claims nothing more', async () => {
    const source = new FakeSource();
    const d = new SyncDispatcher(source, async () => undefined, { concurrency: 5, idlePollMs: 60_000 });
    d.start();
    await d.stop();
    source.add('x');
    await d.pump();
    expect(source.queued).toHaveLength(1);
  });
});
