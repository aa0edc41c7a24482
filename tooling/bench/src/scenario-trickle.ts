/**
 * The trickle: small facility-stock POSTs at a steady rate while the stores' reconciliation runs in the
 * background. Latency is measured per (POST, store): from sending the POST until the store's shop shows
 * every variant that POST changed there. A later POST changing the same variant of a store before it showed
 * the earlier one supersedes it (counted, not timed).
 */
import { BENCH_FACILITY } from './bench-fleet';
import { callsOf, resetCalls } from './fleet-watch';
import { peakRssBytes, resetPeakRss } from './process-usage';
import { quantityTarget, tricklePostVariants, type ObservationClock } from './scenario-changes';
import { hubCounters, settled, type MeasureContext } from './scenario-measure';
import type { FleetStore } from './scenario-fleet';
import { maxOf, percentile } from './stats';

export interface TrickleFigures {
  durationMs: number;
  posts: number;
  postMs: number[];
  pairs: number;
  latencyMs: number[];
  superseded: number;
  unreached: number;
  calls: number;
  http429: number;
  clientThrottled: number;
  statements: number;
  runs: Map<string, number>;
  hubCpuMs: number | undefined;
  peakRssBytes: (number | undefined)[];
}

export async function runTrickle(
  ctx: MeasureContext,
  clock: ObservationClock,
  opts: { durationMs: number; postsPerSecond: number; perPost: number; catalog: number; drainMs: number },
): Promise<TrickleFigures> {
  const { fleet, hubs, watch } = ctx;
  resetCalls(fleet.stores);
  await settled(ctx);
  hubs.forEach((h) => resetPeakRss(h.pid));
  const before = await hubCounters(hubs);
  const latencyMs: number[] = [];
  const postMs: number[] = [];
  const open = new Map<string, { cancel: () => void; done: boolean }>();
  let pairs = 0;
  let superseded = 0;
  const interval = 1000 / opts.postsPerSecond;
  const start = performance.now();
  let p = 0;
  while (performance.now() - start < opts.durationMs) {
    const due = start + p * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const variants = tricklePostVariants(p, opts.perPost, opts.catalog);
    const quantity = 6 + p; // never shown before: each POST's value is new
    const observedAt = clock.next();
    const perStore = new Map<FleetStore, number[]>();
    for (const c of variants) {
      for (const { store, k } of fleet.byCatalog.get(c) ?? []) {
        const list = perStore.get(store) ?? [];
        list.push(k);
        perStore.set(store, list);
      }
    }
    const t0 = performance.now();
    await ctx.hub.postFacilityStock(variants.map((variantId) => ({ variantId, facility: BENCH_FACILITY, quantity, observedAt })));
    postMs.push(performance.now() - t0);
    for (const [store, ks] of perStore) {
      const entry = { cancel: () => undefined as void, done: false };
      for (const k of ks) {
        const key = `${store.id}:${k}`;
        const prev = open.get(key);
        if (prev && !prev.done) {
          prev.done = true;
          prev.cancel();
          superseded++;
        }
        open.set(key, entry);
      }
      pairs++;
      entry.cancel = watch.expect(
        store,
        ks.map((k) => ({ k, target: quantityTarget(quantity) })),
        t0,
        (ms) => {
          if (entry.done) return;
          entry.done = true;
          latencyMs.push(ms);
        },
      );
    }
    p++;
  }
  const durationMs = performance.now() - start;
  const drainUntil = Date.now() + opts.drainMs;
  const outstanding = () => [...new Set(open.values())].filter((e) => !e.done).length;
  while (outstanding() > 0 && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 200));
  const unreached = outstanding();
  for (const e of open.values()) e.cancel();
  await settled(ctx);
  const after = await hubCounters(hubs);
  let calls = 0;
  let http429 = 0;
  for (const c of callsOf(fleet.stores).values()) {
    calls += c.calls;
    http429 += c.http429;
  }
  const runs = new Map<string, number>();
  for (const [k, v] of after.runs) if (v - (before.runs.get(k) ?? 0) > 0) runs.set(k, v - (before.runs.get(k) ?? 0));
  return {
    durationMs,
    posts: p,
    postMs,
    pairs,
    latencyMs,
    superseded,
    unreached,
    calls,
    http429,
    clientThrottled: after.throttled - before.throttled,
    statements: after.statements - before.statements,
    runs,
    hubCpuMs: after.cpuMs !== undefined && before.cpuMs !== undefined ? after.cpuMs - before.cpuMs : undefined,
    peakRssBytes: hubs.map((h) => peakRssBytes(h.pid)),
  };
}

export function trickleSummary(t: TrickleFigures) {
  const pct = (xs: number[], q: number) => (xs.length ? percentile(xs, q) : undefined);
  return {
    postP50: pct(t.postMs, 50),
    postP95: pct(t.postMs, 95),
    p50: pct(t.latencyMs, 50),
    p95: pct(t.latencyMs, 95),
    max: t.latencyMs.length ? maxOf(t.latencyMs) : undefined,
  };
}
