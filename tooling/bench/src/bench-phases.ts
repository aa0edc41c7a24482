/** The three measured phases. Each returns plain figures; printing is report.ts's job. */
import { BENCH_FACILITY, INGEST_CATALOG_BASE, type BenchHubApi, type BenchStore } from './bench-fleet';
import type { HubChild } from './hub-child';
import { distinctSims, resetSimRequests, simRequests, waitForQuiet, waitUntilStoresShow } from './sim-watch';
import { percentile } from './stats';

export const INGEST_BATCH = 10_000;
export const INGEST_POSTS = 5;

type Update = { variantId: number; facility: string; quantity: number; observedAt: string };

/** One quantity for every synced variant at the benchmark facility, observed at `at`. */
export function facilityChange(variants: number, quantity: number, at: Date): Update[] {
  return Array.from({ length: variants }, (_, i) => ({
    variantId: i + 1,
    facility: BENCH_FACILITY,
    quantity,
    observedAt: at.toISOString(),
  }));
}

/** INGEST_BATCH distinct (variant, facility) observations over the unsynced ingest range. */
export function ingestBatch(facilities: readonly string[], post: number, at: Date): Update[] {
  return Array.from({ length: INGEST_BATCH }, (_, i) => ({
    variantId: INGEST_CATALOG_BASE + Math.floor(i / facilities.length),
    facility: facilities[i % facilities.length],
    quantity: (i + post) % 50,
    observedAt: at.toISOString(),
  }));
}

export interface IngestFigures {
  ms: number[];
  statements: number[];
  accepted: number;
  affected: number;
  p50: number;
  p95: number;
  firstMs: number;
  firstStatements: number;
}

export async function measureIngest(hub: BenchHubApi, child: HubChild, facilities: readonly string[]): Promise<IngestFigures> {
  const ms: number[] = [];
  const statements: number[] = [];
  let accepted = 0;
  let affected = 0;
  const base = Date.now() - 60_000;
  for (let p = 0; p < INGEST_POSTS; p++) {
    const body = ingestBatch(facilities, p, new Date(base + p * 1_000)); // each post newer: applied, not stale
    await child.settle();
    const before = await child.statements();
    const t = performance.now();
    const res = await hub.postFacilityStock(body);
    ms.push(performance.now() - t);
    await child.settle();
    statements.push((await child.statements()) - before);
    accepted = res.accepted;
    affected = res.affectedSyncVariants;
  }
  return {
    ms,
    statements,
    accepted,
    affected,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    firstMs: ms[0],
    firstStatements: statements[0],
  };
}

export interface PlatformFigures {
  platform: string;
  stores: number;
  variantsChanged: number;
  calls: number;
  throttled: number;
  /** Throttles the hub's SDK client reported in its run logs (429s and in-body throttles alike). */
  clientThrottled: number;
  lastStoreMs: number;
}

export interface EndToEndFigures {
  postMs: number;
  affected: number;
  lastStoreMs: number;
  medianStoreMs: number;
  statements: number;
  throttled: number;
  clientThrottled: number;
  platforms: PlatformFigures[];
}

/** Counts every simulated shop's platform requests since the last reset, summed per platform. */
async function callsPerPlatform(stores: readonly BenchStore[]): Promise<Map<string, { calls: number; throttled: number }>> {
  const out = new Map<string, { calls: number; throttled: number }>();
  for (const simUrl of distinctSims(stores)) {
    const platform = stores.find((s) => s.simUrl === simUrl)!.platform;
    const { requests } = await simRequests(simUrl);
    const sum = out.get(platform) ?? { calls: 0, throttled: 0 };
    out.set(platform, { calls: sum.calls + requests.length, throttled: sum.throttled + requests.filter((r) => r.status === 429).length });
  }
  return out;
}

export async function measureEndToEnd(
  hub: BenchHubApi,
  child: HubChild,
  stores: BenchStore[],
  variants: number,
  quantity: number,
  at: Date,
  timeoutMs: number,
): Promise<EndToEndFigures> {
  const sims = distinctSims(stores);
  await Promise.all(sims.map(resetSimRequests));
  await child.settle();
  const before = await child.statements();
  const apiBefore = child.runApi();
  const t0 = performance.now();
  const res = await hub.postFacilityStock(facilityChange(variants, quantity, at));
  const postMs = performance.now() - t0;
  const seen = await waitUntilStoresShow(stores, quantity, t0, timeoutMs);
  await waitForQuiet(sims);
  await child.settle();
  const statements = (await child.statements()) - before;
  const calls = await callsPerPlatform(stores);
  const apiAfter = child.runApi();
  const times = [...seen.values()];
  const platforms = [...calls].map(([platform, c]) => {
    const own = stores.filter((s) => s.platform === platform);
    return {
      platform,
      stores: own.length,
      variantsChanged: own.length * variants,
      calls: c.calls,
      throttled: c.throttled,
      clientThrottled: (apiAfter.get(platform)?.throttled ?? 0) - (apiBefore.get(platform)?.throttled ?? 0),
      lastStoreMs: Math.max(...own.map((s) => seen.get(s.id)!)),
    };
  });
  return {
    postMs,
    affected: res.affectedSyncVariants,
    lastStoreMs: Math.max(...times),
    medianStoreMs: percentile(times, 50),
    statements,
    throttled: platforms.reduce((n, p) => n + p.throttled, 0),
    clientThrottled: platforms.reduce((n, p) => n + p.clientThrottled, 0),
    platforms,
  };
}

export interface NoOpFigures {
  accepted: number;
  stale: number;
  affected: number;
  statements: number;
  calls: number;
  waitedMs: number;
}

/** The same observations again, then a few scheduler ticks: what does the hub do when nothing changed? */
export async function measureNoOp(
  hub: BenchHubApi,
  child: HubChild,
  stores: BenchStore[],
  variants: number,
  quantity: number,
  at: Date,
  waitMs = 3_000,
): Promise<NoOpFigures> {
  const sims = distinctSims(stores);
  await Promise.all(sims.map(resetSimRequests));
  await child.settle();
  const before = await child.statements();
  const res = await hub.postFacilityStock(facilityChange(variants, quantity, at));
  await new Promise((r) => setTimeout(r, waitMs));
  await child.settle();
  const statements = (await child.statements()) - before;
  const calls = [...(await callsPerPlatform(stores)).values()].reduce((n, c) => n + c.calls, 0);
  return { accepted: res.accepted, stale: res.stale, affected: res.affectedSyncVariants, statements, calls, waitedMs: waitMs };
}
