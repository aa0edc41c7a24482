/**
 * Plays one scenario step: works out which store variants must change (and which must not), sends the
 * facility reports to the hub, then watches the simulated stores, printing a line per store as its
 * update lands with the latency since the facility update, and checks that nothing else moved.
 */
import { describeTargetStock, type TargetStock } from '@stock-sync/domain';
import type { DemoStore, TrackedVariant } from './fleet';
import type { FacilityModel } from './facility-model';
import type { HubApi } from './hub-api';
import type { Output } from './output';
import type { ScenarioStep } from './scenario';
import { describeObserved, sameObserved, showsExpected, type ObservedStock } from './stock-match';
import { observeStores } from './store-observer';

export interface Latency {
  platform: string;
  store: string;
  ms: number;
}

export interface StepResult {
  title: string;
  expectedChanges: number;
  arrived: number;
  untouchedChecked: number;
  failures: string[];
  /** No expected change arrived at all: the hub is not syncing, later steps would only wait too. */
  stalled: boolean;
}

export interface StepRunnerOptions {
  hub: HubApi;
  stores: DemoStore[];
  model: FacilityModel;
  out: Output;
  latencies: Latency[];
  timeoutMs: number;
  pollMs: number;
  /** After the last expected change: how long to keep watching that nothing else moves. */
  settleMs: number;
}

interface Expected {
  store: DemoStore;
  variant: TrackedVariant;
  from: ObservedStock;
  to: TargetStock;
  arrivedMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runStep(step: ScenarioStep, index: number, total: number, o: StepRunnerOptions): Promise<StepResult> {
  const { out } = o;
  const failures: string[] = [];
  out.heading(`Step ${index + 1}/${total}: ${step.title}`);
  for (const s of step.story) out.line(`  ${s}`);

  // 1. What must change, and what must not.
  const updates = step.updates(new Date());
  const { stale: expectedStale } = o.model.apply(updates);
  const changes: Expected[] = [];
  /** `holds`: the stock it must keep showing (synced variants); otherwise it must not move at all. */
  const steady: { store: DemoStore; variant: TrackedVariant; before: ObservedStock; holds?: TargetStock }[] = [];
  for (const store of o.stores) {
    for (const variant of store.variants) {
      let to: TargetStock | undefined;
      if (variant.link === 'synced' && variant.catalogVariantId !== null) {
        to = o.model.expected(variant.catalogVariantId, store.region, variant.lastExpected);
        if (to) variant.lastExpected = to;
      }
      if (to && !showsExpected(variant.observed, to, store.emulatedUnlimited)) changes.push({ store, variant, from: variant.observed, to });
      else steady.push({ store, variant, before: variant.observed, holds: to });
    }
  }
  printExpectations(out, changes);

  // 2. The facility update.
  const t0 = Date.now();
  const accepted = await o.hub.postFacilityStock(updates);
  out.line(
    out.dim(
      `  → POST /v1/facility-stock: ${updates.length} reports, accepted ${accepted.accepted}, stale ${accepted.stale}, affecting ${accepted.affectedSyncVariants} synced variants`,
    ),
  );
  if (accepted.stale !== expectedStale)
    failures.push(`${step.title}: the hub counted ${accepted.stale} stale report(s), expected ${expectedStale}`);

  // 3. Watch the stores.
  const byStore = new Map<DemoStore, Expected[]>();
  for (const c of changes) byStore.set(c.store, [...(byStore.get(c.store) ?? []), c]);
  const reportedUnexpected = new Set<TrackedVariant>();
  const checkSteady = () => {
    for (const s of steady) {
      const kept = s.holds
        ? showsExpected(s.variant.observed, s.holds, s.store.emulatedUnlimited)
        : sameObserved(s.variant.observed, s.before);
      if (!reportedUnexpected.has(s.variant) && !kept) {
        reportedUnexpected.add(s.variant);
        const msg = `${s.store.name} › ${s.variant.title} changed from ${describeObserved(s.before)} to ${describeObserved(s.variant.observed)} but should not have (${whyUntouched(s.variant)})`;
        failures.push(msg);
        out.line(`  ${out.fail('✗')} ${msg}`);
      }
    }
  };

  const deadline = t0 + o.timeoutMs;
  while ([...byStore.keys()].length > 0 && Date.now() < deadline) {
    await sleep(o.pollMs);
    await observeStores(o.stores);
    const now = Date.now();
    for (const [store, list] of byStore) {
      for (const c of list) {
        if (c.arrivedMs === undefined && showsExpected(c.variant.observed, c.to, store.emulatedUnlimited)) {
          c.arrivedMs = now - t0;
          o.latencies.push({ platform: store.displayName, store: store.name, ms: c.arrivedMs });
        }
      }
      if (list.every((c) => c.arrivedMs !== undefined)) {
        const first = Math.min(...list.map((c) => c.arrivedMs!));
        const last = Math.max(...list.map((c) => c.arrivedMs!));
        // Two changes read well in full; more (the first step) would wrap, so count them instead.
        const what =
          list.length <= 2
            ? list.map((c) => `${c.variant.title} → ${describeTargetStock(c.to)}`).join(', ')
            : `${list.length} variants updated`;
        out.line(`  ${out.ok('✓')} ${store.name}: ${what}  ${out.dim(first === last ? `${last} ms` : `${first}–${last} ms`)}`);
        byStore.delete(store);
      }
    }
    checkSteady();
  }

  const arrived = changes.filter((c) => c.arrivedMs !== undefined).length;
  for (const [store, list] of byStore) {
    for (const c of list.filter((x) => x.arrivedMs === undefined)) {
      const msg = `${store.name} › ${c.variant.title}: expected ${describeTargetStock(c.to)} within ${Math.round(o.timeoutMs / 1000)} s, the store shows ${describeObserved(c.variant.observed)}`;
      failures.push(msg);
      out.line(`  ${out.fail('✗')} ${msg}`);
    }
  }

  // 4. Let the hub finish whatever it is still doing, then check nothing else moved.
  await waitForHubIdle(o.hub, o.stores, Math.min(10_000, o.settleMs * 4));
  const settleUntil = Date.now() + o.settleMs;
  while (Date.now() < settleUntil) {
    await sleep(o.pollMs);
    await observeStores(o.stores);
    checkSteady();
  }
  const moved = reportedUnexpected.size;
  const counts = countByReason(steady.map((s) => s.variant));
  if (moved === 0) out.line(`  ${out.ok('✓')} ${steady.length} variants not expected to change did not change ${out.dim(`(${counts})`)}`);

  return {
    title: step.title,
    expectedChanges: changes.length,
    arrived,
    untouchedChecked: steady.length,
    failures,
    stalled: changes.length > 0 && arrived === 0,
  };
}

function printExpectations(out: Output, changes: Expected[]): void {
  if (changes.length === 0) {
    out.line(`  Expected: no store variant changes.`);
    return;
  }
  const stores = [...new Set(changes.map((c) => c.store))];
  out.line(
    `  Expected: ${changes.length} store variant${changes.length === 1 ? '' : 's'} in ${stores.length} store${stores.length === 1 ? '' : 's'} change:`,
  );
  if (stores.length <= 12) {
    for (const store of stores) {
      const list = changes
        .filter((c) => c.store === store)
        .map((c) => `${c.variant.title} ${describeObserved(c.from)} → ${describeTargetStock(c.to)}`);
      out.line(out.dim(`    ${store.name}: ${list.join('; ')}`));
    }
    return;
  }
  // Many stores: one line per platform, naming its stores' regions, keeps the screen readable.
  const platforms = [...new Set(stores.map((s) => s.displayName))];
  for (const p of platforms) {
    const mine = changes.filter((c) => c.store.displayName === p);
    const regions = [...new Set(mine.map((c) => c.store.regionName))];
    out.line(out.dim(`    ${p}: ${regions.join(', ')} ${plural(mine.length, 'variant')}`));
  }
}

const plural = (n: number, word: string) => `(${n} ${word}${n === 1 ? '' : 's'})`;

function whyUntouched(v: TrackedVariant): string {
  if (v.link === 'not_synced') return 'not synced';
  if (v.link === 'ignored') return 'ignored';
  return 'its region is not affected';
}

function countByReason(variants: TrackedVariant[]): string {
  const n = (k: TrackedVariant['link']) => variants.filter((v) => v.link === k).length;
  return `${n('not_synced')} not synced, ${n('ignored')} ignored, ${n('synced')} synced but unaffected`;
}

/** Until no store has pending sync variants (or the time is up). The hub's own word that it is done. */
async function waitForHubIdle(hub: HubApi, stores: DemoStore[], maxMs: number): Promise<void> {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    let pending: number;
    try {
      const lists = await Promise.all(stores.map((s) => hub.syncVariants(s.id, 'pending', 1)));
      pending = lists.reduce((n, l) => n + l.length, 0);
    } catch {
      return; // the listing is unavailable: the settle window alone has to do
    }
    if (pending === 0) return;
    await sleep(200);
  }
}
