import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NoticeOutbox } from '@stock-sync/plugin-testkit';
import { noticesPending, showsTarget, untilNoticesDelivered } from '../src/fleet-watch';
import type { FleetShop } from '../src/scenario-fleet';
import { forEachLimit } from '../src/pool';
import { postgresCpuMsBetween } from '../src/postgres-usage';
import { parseCpuMs, parseMachineTimes, parsePeakRssBytes } from '../src/process-usage';
import { catalogVariantOf, isScenarioRun, latencyFor, parseScenarioArgs, scenarioCommand } from '../src/scenario-args';
import { facilityChangeUpdates, flipFacilities, flipUpdates, tricklePostVariants } from '../src/scenario-changes';
import { shopVariantIds } from '../src/scenario-fleet';
import { batchingLowerBound, type ChangeFigures } from '../src/scenario-measure';
import { formatScenarioReport } from '../src/scenario-report';
import { maxOf } from '../src/stats';
import { syncRunKind } from '../src/hub-child';

describe('parseScenarioArgs', () => {
  it('has the scale defaults (150 ms latency, a third of it as jitter, 100 variants per store)', () => {
    const a = parseScenarioArgs(['--scenario', 'flip']);
    expect(a).toMatchObject({
      scenarios: ['flip'],
      db: 'embedded',
      stores: 1000,
      variants: 100,
      catalog: 1000,
      latencyMs: 150,
      jitterMs: 50,
      hubs: 1,
      naiveStores: 50,
    });
  });
  it('reads every flag and spells them all out in the command', () => {
    const a = parseScenarioArgs([
      '--scenario=trickle',
      '--db',
      'postgres',
      '--stores',
      '10000',
      '--variants',
      '100',
      '--catalog',
      '2000',
      '--latency',
      '200',
      '--jitter=0',
      '--latency-for',
      'shopify=300, ecwid=50',
      '--hubs',
      '2',
      '--naive-stores',
      '10',
      '--duration',
      '30',
      '--rate',
      '4',
      '--per-post',
      '5',
      '--reconcile',
      '60',
      '--timeout',
      '900',
    ]);
    expect(a).toMatchObject({
      scenarios: ['trickle'],
      stores: 10_000,
      catalog: 2000,
      latencyMs: 200,
      jitterMs: 0,
      latencyFor: { shopify: 300, ecwid: 50 },
      hubs: 2,
      durationSeconds: 30,
      postsPerSecond: 4,
      perPost: 5,
      reconcileSeconds: 60,
      timeoutSeconds: 900,
    });
    expect(scenarioCommand(a)).toBe(
      'pnpm bench --scenario trickle --db postgres --stores 10000 --variants 100 --catalog 2000 --platforms shopify,woocommerce,bigcommerce,ecwid --latency 200 --jitter 0 --latency-for shopify=300,ecwid=50 --hubs 2 --naive-stores 10 --duration 30 --rate 4 --per-post 5 --reconcile 60 --timeout 900',
    );
    expect(latencyFor(a, 'shopify')).toEqual({ ms: 300, jitterMs: 0 });
    expect(latencyFor(a, 'woocommerce')).toEqual({ ms: 200, jitterMs: 0 });
  });
  it('gives facility-change alone a catalog of exactly the synced variants', () => {
    expect(parseScenarioArgs(['--scenario', 'facility-change', '--variants', '40']).catalog).toBe(40);
    expect(parseScenarioArgs(['--scenario', 'facility-change,flip', '--variants', '40']).catalog).toBe(1000);
  });
  it('runs several scenarios on one fleet in a fixed order, or all of them', () => {
    expect(parseScenarioArgs(['--scenario', 'trickle,facility-change']).scenarios).toEqual(['facility-change', 'trickle']);
    const all = parseScenarioArgs(['--scenario', 'all']);
    expect(all.scenarios).toEqual(['facility-change', 'flip', 'trickle']);
    expect(scenarioCommand(all)).toMatch(
      /^pnpm bench --scenario facility-change,flip,trickle .* --catalog 1000 .* --flips 3 --duration 60 /,
    );
  });
  it.each([
    [['--scenario', 'nope'], /--scenario is one or more of/],
    [['--scenario', 'flip,nope'], /--scenario is one or more of/],
    [['--scenario', 'flip', '--stores', '20001'], /--stores needs a whole number 1-20000/],
    [['--scenario', 'flip', '--hubs', '2'], /--hubs 2 needs --db postgres/],
    [['--scenario', 'flip', '--variants', '2000'], /cannot exceed --catalog/],
    [['--scenario', 'flip', '--latency-for', 'shopify'], /platform=MS/],
    [['--scenario', 'flip', '--latency', '-1'], /--latency needs/],
    [['--scenario', 'trickle', '--reconcile', '59'], /--reconcile needs a whole number 60-/],
    [['--scenario', 'flip', '--fast'], /unknown argument/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseScenarioArgs(argv as string[])).toThrow(message as RegExp);
  });
  it('is chosen by --scenario only', () => {
    expect(isScenarioRun(['--scenario=flip'])).toBe(true);
    expect(isScenarioRun(['--db', 'postgres'])).toBe(false);
  });
});

describe('the fleet layout', () => {
  it('gives each store a window of distinct catalog variants, every catalog variant in as many stores', () => {
    const counts = new Map<number, number>();
    for (let s = 0; s < 100; s++) {
      const ids = Array.from({ length: 10 }, (_, k) => catalogVariantOf(s, k, 10, 50));
      expect(new Set(ids).size).toBe(10);
      for (const c of ids) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(counts.values())).toEqual(new Set([20]));
  });
  it('uses the same numeric ids in every shop, ten variants per product', () => {
    expect(shopVariantIds(0)).toEqual({ externalProductId: '1000', externalVariantId: '100001' });
    expect(shopVariantIds(9).externalProductId).toBe('1000');
    expect(shopVariantIds(10)).toEqual({ externalProductId: '1001', externalVariantId: '100101' });
  });
});

describe('the changes', () => {
  it('a facility change is one update per catalog variant at the bench facility', () => {
    const u = facilityChangeUpdates(3, 9, '2026-01-01T00:00:00.000Z');
    expect(u.map((x) => `${x.variantId}@${x.facility}=${x.quantity}`)).toEqual(['1@US-NC=9', '2@US-NC=9', '3@US-NC=9']);
  });
  it('a flip writes ten facilities per variant: the quantity at the bench facility when in stock, 0 elsewhere', () => {
    const fac = flipFacilities(['DE-BE', 'US-NC', ...Array.from({ length: 12 }, (_, i) => `X-${i}`)]);
    expect(fac).toHaveLength(10);
    expect(fac[0]).toBe('US-NC');
    const inStock = flipUpdates(1000, fac, true, 7, 'now');
    expect(inStock).toHaveLength(10_000);
    expect(inStock.filter((u) => u.quantity === 7).every((u) => u.facility === 'US-NC')).toBe(true);
    expect(inStock.filter((u) => u.quantity === 7)).toHaveLength(1000);
    expect(flipUpdates(2, fac, false, 7, 'now').every((u) => u.quantity === 0)).toBe(true);
  });
  it('the trickle walks the catalog round robin', () => {
    expect(tricklePostVariants(0, 3, 5)).toEqual([1, 2, 3]);
    expect(tricklePostVariants(1, 3, 5)).toEqual([4, 5, 1]);
  });
});

describe('showsTarget', () => {
  it('accepts quantity 0 for out of stock and nothing else loose', () => {
    expect(showsTarget({ kind: 'quantity', quantity: 0 }, { kind: 'out_of_stock' })).toBe(true);
    expect(showsTarget({ kind: 'out_of_stock' }, { kind: 'out_of_stock' })).toBe(true);
    expect(showsTarget({ kind: 'quantity', quantity: 9 }, { kind: 'quantity', quantity: 9 })).toBe(true);
    expect(showsTarget({ kind: 'quantity', quantity: 8 }, { kind: 'quantity', quantity: 9 })).toBe(false);
    expect(showsTarget({ kind: 'out_of_stock' }, { kind: 'quantity', quantity: 0 })).toBe(false);
    expect(showsTarget('deleted', { kind: 'out_of_stock' })).toBe(false);
    expect(showsTarget(undefined, { kind: 'unlimited' })).toBe(false);
  });
});

describe('the notices the shops still have to deliver', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    // A receiver that answers each notice after 150 ms.
    server = createServer((req, res) => {
      req.resume();
      setTimeout(() => res.writeHead(202).end(), 150);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const shopWith = (state: unknown) => ({ platform: 'p', tenant: 1, refs: [], shop: { state } }) as unknown as FleetShop;

  it('counts the deliveries of every shop’s outbox not yet answered, and waits for them', async () => {
    const one = new NoticeOutbox({ maxInFlight: 1 });
    const two = new NoticeOutbox();
    const shops = [shopWith({ outbox: one }), shopWith({ outbox: two }), shopWith({})];
    for (let i = 0; i < 3; i++) void one.send({ url, headers: {}, body: `a${i}` });
    void two.send({ url, headers: {}, body: 'b' });
    expect(noticesPending(shops)).toBe(4);
    const waited = await untilNoticesDelivered(shops);
    expect(waited.pending).toBe(0);
    // One at a time in the first shop: three answers of 150 ms each.
    expect(waited.waitedMs).toBeGreaterThanOrEqual(400);
    expect(noticesPending(shops)).toBe(0);
    expect(one.deliveries.map((d) => d.status)).toEqual([202, 202, 202]);
  });

  it('gives up after its limit and says how many are left', async () => {
    const slow = new NoticeOutbox({ maxInFlight: 1 });
    for (let i = 0; i < 4; i++) void slow.send({ url, headers: {}, body: `s${i}` });
    const waited = await untilNoticesDelivered([shopWith({ outbox: slow })], 100);
    expect(waited.pending).toBeGreaterThan(0);
    await slow.settle();
  });
});

describe('batchingLowerBound', () => {
  const refs = Array.from({ length: 25 }, (_, k) => ({ externalProductId: String(Math.floor(k / 10)), externalVariantId: String(k) }));
  it('is the variants over maxBatch, per product where the batch endpoint is per product', () => {
    expect(batchingLowerBound('shopify', 250, refs)).toBe(1);
    expect(batchingLowerBound('bigcommerce', 10, refs)).toBe(3);
    expect(batchingLowerBound('woocommerce', 100, refs)).toBe(3); // products of 10, 10 and 5
    expect(batchingLowerBound('woocommerce', 4, refs)).toBe(3 + 3 + 2);
  });
});

describe('process usage from /proc', () => {
  it('reads utime + stime after the command name, spaces and parentheses in it included', () => {
    const stat = '4242 (node (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 11 0 1000 100000 5000';
    expect(parseCpuMs(stat)).toBe(3000);
    expect(parseCpuMs('garbage')).toBeUndefined();
  });
  it('reads VmHWM in bytes', () => {
    expect(parsePeakRssBytes('Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t 1000 kB\n')).toBe(204_800 * 1024);
    expect(parsePeakRssBytes('Name:\tnode\n')).toBeUndefined();
  });
  it("reads the machine's busy and total time from /proc/stat's first line (idle and iowait are not busy)", () => {
    // user nice system idle iowait irq softirq steal guest guest_nice, in USER_HZ ticks
    const stat = 'cpu  1000 20 300 5000 80 10 40 0 0 0\ncpu0 500 10 150 2500 40 5 20 0 0 0\nintr 1\n';
    expect(parseMachineTimes(stat)).toEqual({ busyMs: 13_700, totalMs: 64_500 });
    expect(parseMachineTimes('cpu0 1 2 3 4 5\n')).toBeUndefined();
    expect(parseMachineTimes('cpu  a b c d e')).toBeUndefined();
  });
});

describe("the PostgreSQL server's CPU over a window (pid → ms snapshots)", () => {
  it('sums per-pid deltas; a pid that appeared counts whole, one that is gone is lost', () => {
    const before = new Map([
      [100, 5_000], // the postmaster: 5000 → 5200
      [200, 1_000], // a pool backend: 1000 → 3500
      [300, 700], // a backend closed inside the window: lost
    ]);
    const after = new Map([
      [100, 5_200],
      [200, 3_500],
      [400, 900], // a backend opened inside the window
    ]);
    expect(postgresCpuMsBetween(before, after)).toBe(200 + 2_500 + 900);
  });
  it('counts a pid whose time went backwards as a new process (a reused pid)', () => {
    expect(postgresCpuMsBetween(new Map([[100, 5_000]]), new Map([[100, 40]]))).toBe(40);
  });
  it('is undefined when either snapshot saw no postgres process', () => {
    expect(postgresCpuMsBetween(undefined, new Map([[100, 1]]))).toBeUndefined();
    expect(postgresCpuMsBetween(new Map([[100, 1]]), undefined)).toBeUndefined();
  });
});

describe("the changes table's PostgreSQL CPU column", () => {
  const change = (postgresCpuMs: number | undefined): ChangeFigures => ({
    label: 'one facility change (quantity 9)',
    hubs: 1,
    updates: 1000,
    posts: 1,
    postMs: 120,
    noticesBefore: { waitedMs: 0, pending: 0 },
    noticesAfter: { waitedMs: 0, pending: 0 },
    affected: 4000,
    stores: 40,
    reached: 40,
    storeMs: [1_000, 2_000],
    p50Ms: 1_000,
    p95Ms: 2_000,
    lastMs: 2_000,
    timeoutMs: 300_000,
    variantsChanged: 800,
    calls: 40,
    lowerBound: 40,
    http429: 0,
    clientThrottled: 0,
    statements: 500,
    runs: new Map(),
    hubCpuMs: 4_000,
    postgresCpuMs,
    machine: { busyMs: 1_000, capacityMs: 2_000, benchMs: 300 },
    peakRssBytes: [200 * 1024 * 1024],
    peakRssReset: true,
    throughput: 400,
    platforms: [],
  });
  /** The changes table's headers and its first row's cells (set apart by two spaces or more). */
  const changesTable = (changes: ChangeFigures[]) => {
    const text = formatScenarioReport({
      args: parseScenarioArgs(['--scenario', 'facility-change', '--db', 'postgres', '--stores', '40']),
      command: 'pnpm bench',
      database: 'PostgreSQL',
      setupMs: 1_000,
      changes,
      main: 0,
      facilityChange: 0,
      flips: [],
    });
    const lines = text.split('\n');
    const head = lines.findIndex((l) => l.startsWith('change '));
    const headers = lines[head].trim().split(/\s{2,}/);
    const cells = lines[head + 2].trim().split(/\s{2,}/);
    return { headers, cell: (header: string) => cells[headers.indexOf(header)] };
  };
  it('prints the seconds next to the hub CPU, and n/a when not measured', () => {
    const measured = changesTable([change(3_456)]);
    expect(measured.headers.indexOf('PostgreSQL CPU')).toBe(measured.headers.indexOf('hub CPU') + 1);
    expect(measured.cell('hub CPU')).toBe('4 s');
    expect(measured.cell('PostgreSQL CPU')).toBe('3.46 s');
    expect(changesTable([change(undefined)]).cell('PostgreSQL CPU')).toBe('n/a');
  });
});

describe('helpers', () => {
  it('forEachLimit keeps at most `limit` in flight and does every item', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await forEachLimit([1, 2, 3, 4, 5, 6, 7], 3, async (x) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      done.push(x);
      inFlight--;
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await expect(
      forEachLimit([1, 2], 2, async (x) => {
        if (x === 2) throw new Error('two');
      }),
    ).rejects.toThrow('two');
  });
  it('maxOf takes long lists', () => {
    expect(maxOf(Array.from({ length: 300_000 }, (_, i) => i))).toBe(299_999);
  });
  it('names a sync_run by its trigger, full runs apart', () => {
    expect(syncRunKind('x LOG [SyncRun] {"event":"sync_run","trigger":"schedule","full":true}')).toBe('schedule (full)');
    expect(syncRunKind('x LOG [SyncRun] {"event":"sync_run","trigger":"stock_update","full":false}')).toBe('stock_update');
    expect(syncRunKind('x LOG [Other] {"event":"other"}')).toBeUndefined();
  });
});
