/**
 * Measures one change reaching the fleet: the facility-stock POST(s), each store's latency until its shop shows
 * the change, platform calls and 429s against the batching lower bound, SQL statements, the hubs' CPU
 * time and peak memory over the change, and the local PostgreSQL server's CPU over the same window.
 */
import type { BenchHubApi } from './bench-fleet';
import { callsOf, resetCalls, untilNoticesDelivered, type FleetWatch } from './fleet-watch';
import type { HubChild } from './hub-child';
import type { TargetStock, VariantRef } from './plugin-types';
import { cpuMs, machineSnapshot, machineUsageSince, peakRssBytes, resetPeakRss, type MachineUsage } from './process-usage';
import { postgresCpuMsBetween, postgresCpuSnapshot } from './postgres-usage';
import type { Fleet, FleetStore } from './scenario-fleet';
import { maxOf, percentile } from './stats';

export type Update = { variantId: number; facility: string; quantity: number; observedAt: string };

/** The hub's batch limit for facility-stock updates (HTTP-API.md: "Batches … carry at most 10 000 items"). */
export const POST_LIMIT = 10_000;

/**
 * Platforms whose batch write is per product (WooCommerce: POST /products/<id>/variations/batch,
 * https://woocommerce.github.io/woocommerce-rest-api-docs/#batch-update-product-variations): the fewest
 * calls there is one per product touched, whatever maxBatch says.
 */
const PER_PRODUCT_BATCH = new Set(['woocommerce']);

/** The fewest platform writes that can carry these variants of one store: maxBatch per call (per product where the API is). */
export function batchingLowerBound(platform: string, maxBatch: number, refs: readonly VariantRef[]): number {
  if (!PER_PRODUCT_BATCH.has(platform)) return Math.ceil(refs.length / maxBatch);
  const perProduct = new Map<string, number>();
  for (const r of refs) perProduct.set(r.externalProductId, (perProduct.get(r.externalProductId) ?? 0) + 1);
  let calls = 0;
  for (const n of perProduct.values()) calls += Math.ceil(n / maxBatch);
  return calls;
}

export interface PlatformChange {
  platform: string;
  stores: number;
  variantsChanged: number;
  calls: number;
  lowerBound: number;
  http429: number;
  clientThrottled: number;
  p95Ms: number | undefined;
}

export interface ChangeFigures {
  label: string;
  hubs: number;
  updates: number;
  posts: number;
  postMs: number;
  /** How long the bench waited, before the POST, for the shops' notices of earlier work to be answered; and how many were left. */
  noticesBefore: { waitedMs: number; pending: number };
  /** The same wait after the change (from when no platform request had come for 1.5 s): its own notices' tail. */
  noticesAfter: { waitedMs: number; pending: number };
  affected: number;
  stores: number;
  reached: number;
  storeMs: number[];
  p50Ms: number | undefined;
  p95Ms: number | undefined;
  lastMs: number | undefined;
  timeoutMs: number;
  variantsChanged: number;
  calls: number;
  lowerBound: number;
  http429: number;
  clientThrottled: number;
  statements: number;
  runs: Map<string, number>;
  hubCpuMs: number | undefined;
  /** The PostgreSQL server's processes over the hub CPU's window; undefined when embedded or not on this machine. */
  postgresCpuMs: number | undefined;
  /** The whole machine's CPU over the change and the bench's own share (its simulators): is the machine the limit? */
  machine: MachineUsage | undefined;
  /** Peak resident memory of each hub over the change (or since its start where the peak cannot be reset). */
  peakRssBytes: (number | undefined)[];
  peakRssReset: boolean;
  /** Store variants reached per second (reached stores × variants ÷ last reached store's time). */
  throughput: number | undefined;
  platforms: PlatformChange[];
}

export interface MeasureContext {
  hub: BenchHubApi;
  hubs: HubChild[];
  fleet: Fleet;
  watch: FleetWatch;
  timeoutMs: number;
  /** --db postgres: measure the server's CPU (when its processes are on this machine). */
  measurePostgresCpu: boolean;
}

const sum = (xs: readonly (number | undefined)[]) =>
  xs.some((x) => x === undefined) ? undefined : xs.reduce<number>((a, b) => a + (b ?? 0), 0);

function diffCounts(after: Map<string, number>, before: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of after) if (v - (before.get(k) ?? 0) > 0) out.set(k, v - (before.get(k) ?? 0));
  return out;
}

function mergeCounts(maps: Map<string, number>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of maps) for (const [k, v] of m) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}

/** Everything hub-side that is counted over a window: statements, CPU, throttles, runs. */
export async function hubCounters(hubs: readonly HubChild[]) {
  const statements = await Promise.all(hubs.map((h) => h.statements()));
  return {
    statements: statements.reduce((n, x) => n + x, 0),
    cpuMs: sum(hubs.map((h) => cpuMs(h.pid))),
    throttled: hubs.reduce((n, h) => n + [...h.runApi().values()].reduce((m, a) => m + a.throttled, 0), 0),
    throttledBy: (platform: string) => hubs.reduce((n, h) => n + (h.runApi().get(platform)?.throttled ?? 0), 0),
    runs: mergeCounts(hubs.map((h) => h.runCounts())),
  };
}

/**
 * Waits for the hubs to be idle: every notice the shops sent answered, then no statement or run for a second.
 * Returns the notice wait (ms) and the notices still unanswered when it gave up.
 */
export async function settled(ctx: Pick<MeasureContext, 'fleet' | 'hubs'>): Promise<{ waitedMs: number; pending: number }> {
  const notices = await untilNoticesDelivered(ctx.fleet.stores);
  await Promise.all(ctx.hubs.map((h) => h.drained()));
  return notices;
}

export async function measureChange(
  ctx: MeasureContext,
  label: string,
  updates: Update[],
  target: (store: FleetStore, k: number) => TargetStock,
): Promise<ChangeFigures> {
  const { fleet, hubs, watch } = ctx;
  resetCalls(fleet.stores);
  const noticesBefore = await settled(ctx);
  const peakRssReset = hubs.map((h) => resetPeakRss(h.pid)).every(Boolean);
  const before = await hubCounters(hubs);
  // Right after the hubs' CPU reading, with no await between: the same window as the hub CPU.
  const postgresBefore = ctx.measurePostgresCpu ? postgresCpuSnapshot() : undefined;
  const machineBefore = machineSnapshot();
  const throttledBefore = new Map([...fleet.plugins.keys()].map((p) => [p, before.throttledBy(p)]));

  const t0 = performance.now();
  let affected = 0;
  let posts = 0;
  for (let i = 0; i < updates.length; i += POST_LIMIT) {
    const res = await ctx.hub.postFacilityStock(updates.slice(i, i + POST_LIMIT));
    affected += res.affectedSyncVariants;
    posts++;
  }
  const postMs = performance.now() - t0;
  const seen = await watch.untilStoresShow(fleet.stores, target, t0, ctx.timeoutMs);
  // The machine's share is taken while the stores are being reached, not over the quiet wait that follows.
  const machine = machineUsageSince(machineBefore);
  await watch.quiet();
  // The change's own notices (the platforms' echoes of its writes) count in its hub CPU and statements.
  const noticesAfter = await settled(ctx);
  const after = await hubCounters(hubs);
  const postgresAfter = ctx.measurePostgresCpu ? postgresCpuSnapshot() : undefined;

  const storeMs = [...seen.values()];
  const perPlatform = callsOf(fleet.stores);
  const platforms: PlatformChange[] = [];
  for (const [platform, c] of perPlatform) {
    const own = fleet.stores.filter((s) => s.platform === platform);
    const maxBatch = fleet.plugins.get(platform)!.manifest.capabilities.maxBatch;
    const times = own.map((s) => seen.get(s.id)).filter((x): x is number => x !== undefined);
    platforms.push({
      platform,
      stores: own.length,
      variantsChanged: own.reduce((n, s) => n + s.refs.length, 0),
      calls: c.calls,
      lowerBound: own.reduce((n, s) => n + batchingLowerBound(platform, maxBatch, s.refs), 0),
      http429: c.http429,
      clientThrottled: after.throttledBy(platform) - (throttledBefore.get(platform) ?? 0),
      p95Ms: times.length ? percentile(times, 95) : undefined,
    });
  }
  const reached = storeMs.length;
  const lastMs = reached ? maxOf(storeMs) : undefined;
  const variantsChanged = fleet.stores.reduce((n, s) => n + s.refs.length, 0);
  return {
    label,
    hubs: hubs.length,
    updates: updates.length,
    posts,
    postMs,
    noticesBefore,
    noticesAfter,
    affected,
    stores: fleet.stores.length,
    reached,
    storeMs,
    p50Ms: reached ? percentile(storeMs, 50) : undefined,
    p95Ms: reached === fleet.stores.length ? percentile(storeMs, 95) : undefined,
    lastMs: reached === fleet.stores.length ? lastMs : undefined,
    timeoutMs: ctx.timeoutMs,
    variantsChanged,
    calls: platforms.reduce((n, p) => n + p.calls, 0),
    lowerBound: platforms.reduce((n, p) => n + p.lowerBound, 0),
    http429: platforms.reduce((n, p) => n + p.http429, 0),
    clientThrottled: after.throttled - before.throttled,
    statements: after.statements - before.statements,
    runs: diffCounts(after.runs, before.runs),
    hubCpuMs: after.cpuMs !== undefined && before.cpuMs !== undefined ? after.cpuMs - before.cpuMs : undefined,
    postgresCpuMs: postgresCpuMsBetween(postgresBefore, postgresAfter),
    machine,
    peakRssBytes: hubs.map((h) => peakRssBytes(h.pid)),
    peakRssReset,
    throughput: lastMs ? (reached * (variantsChanged / fleet.stores.length)) / (lastMs / 1000) : undefined,
    platforms,
  };
}
