/**
 * The platform-notices part of the demo (issue 13): a merchant edits stock by hand on the platform, the platform's
 * signed webhook reaches the hub, and the hub reads the variant back within seconds and applies the store's drift
 * policy. Two stores of a platform the hub subscribes when it creates them: one `reassert` (the hub's value is
 * written back, timed from the merchant's edit), one `report` (a notice run records the drift, nothing written).
 * Played after the scenario, so its edits are never taken for scenario changes; the reassertion's write is handed
 * back to the report, which says it is included in its counts.
 */
import * as fs from 'node:fs';
import { describeTargetStock, type TargetStock } from '@stock-sync/domain';
import type { DemoStore, TrackedVariant } from './fleet';
import type { HubApi, SyncChange, SyncRun } from './hub-api';
import type { Output } from './output';
import { simManualEdit } from './sim-api';
import { describeObserved, isSoldOut, showsExpected } from './stock-match';
import { observeStores } from './store-observer';

/** Platforms whose stores the hub subscribes to notices at creation (POST /v1/stores), in the order preferred. */
export const NOTICE_PLATFORMS: readonly string[] = ['woocommerce', 'shopify'];

const SOLD_OUT: TargetStock = { kind: 'out_of_stock' };

export interface DriftPick {
  store: DemoStore;
  variant: TrackedVariant;
  /** What the hub last wrote there, which the store shows: the value a reassertion puts back. */
  hubValue: TargetStock;
}

export interface DriftNoticeResult {
  /** Undefined when the fleet has no store of a platform in NOTICE_PLATFORMS (the step is skipped). */
  platform?: string;
  reasserted?: { store: DemoStore; ms: number; run: SyncRun };
  reported?: { store: DemoStore; ms: number; run: SyncRun; drift: SyncChange };
  /** Store updates the step made the hub write (the reassertion): they are in the report's "written" counts. */
  written: number;
  failures: string[];
}

export interface DriftNoticeContext {
  hub: HubApi;
  stores: DemoStore[];
  out: Output;
  /** The hub's log: where its `notices_subscribed` events say which stores were subscribed. */
  logFile: string;
  timeoutMs?: number;
  pollMs?: number;
}

/** A synced variant showing an available hub value: a sold-out edit on it is drift. */
function pickVariant(store: DemoStore): DriftPick | undefined {
  const variant = store.variants.find(
    (v) =>
      v.link === 'synced' &&
      v.lastExpected &&
      !isSoldOut(v.lastExpected) &&
      showsExpected(v.observed, v.lastExpected, store.emulatedUnlimited),
  );
  return variant ? { store, variant, hubValue: variant.lastExpected! } : undefined;
}

/**
 * The platform the step plays on and its two stores (reassert, report): the first of `preferred` the fleet has
 * stores of; undefined picks when it has no two stores with a variant to edit (a failure, not a skip).
 */
export function pickDriftPair(
  stores: readonly DemoStore[],
  preferred: readonly string[] = NOTICE_PLATFORMS,
): { platform: string; picks?: [DriftPick, DriftPick] } | undefined {
  const platform = preferred.find((p) => stores.some((s) => s.platform === p));
  if (!platform) return undefined;
  const picks = stores
    .filter((s) => s.platform === platform)
    .map(pickVariant)
    .filter((p): p is DriftPick => p !== undefined);
  return { platform, picks: picks.length >= 2 ? [picks[0], picks[1]] : undefined };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const refOf = (v: TrackedVariant) => ({ externalProductId: v.productId, externalVariantId: v.variantId });
const stockText = (s: TargetStock | null) => (s ? describeTargetStock(s) : 'unknown');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function subscribedInLog(logFile: string, storeId: string): boolean {
  try {
    return fs
      .readFileSync(logFile, 'utf8')
      .split('\n')
      .some((l) => l.includes('notices_subscribed') && l.includes(storeId));
  } catch {
    return false;
  }
}

/** No run queued or running and no variant pending: the notices the step causes are then the only news. */
async function waitSettled(hub: HubApi, stores: DemoStore[], maxMs: number): Promise<boolean> {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    const busy = await Promise.all(
      stores.map(async (s) => {
        const [runs, pending] = await Promise.all([hub.syncRuns(s.id, 20), hub.syncVariants(s.id, 'pending', 1)]);
        return pending.length > 0 || runs.some((r) => r.status === 'queued' || r.status === 'running');
      }),
    );
    if (!busy.includes(true)) return true;
    await sleep(200);
  }
  return false;
}

/** A notice run of the store, newer than `known`, finished, that found exactly the one drift. */
async function driftRun(hub: HubApi, store: DemoStore, known: ReadonlySet<string>): Promise<SyncRun | undefined> {
  const runs = await hub.syncRuns(store.id, 20);
  return runs.find((r) => !known.has(String(r.id)) && r.trigger === 'notice' && r.status === 'succeeded' && r.counts?.drift === 1);
}

export async function demoDriftNotices(ctx: DriftNoticeContext): Promise<DriftNoticeResult> {
  const { hub, out } = ctx;
  const timeoutMs = ctx.timeoutMs ?? 10_000;
  const pollMs = ctx.pollMs ?? 50;
  const failures: string[] = [];
  const fail = (msg: string) => {
    failures.push(`platform notices: ${msg}`);
    out.line(`  ${out.fail('✗')} ${msg}`);
  };

  const candidates = ctx.stores.filter((s) => NOTICE_PLATFORMS.includes(s.platform));
  await observeStores(candidates);
  const pair = pickDriftPair(candidates);
  if (!pair) {
    out.line(`  ${out.warn('!')} no store of ${NOTICE_PLATFORMS.join(' or ')} in this build: skipped`);
    return { written: 0, failures };
  }
  if (!pair.picks) {
    fail(`${pair.platform}: no two stores with a synced variant in stock to edit`);
    return { platform: pair.platform, written: 0, failures };
  }
  const [a, b] = pair.picks;
  const platform = a.store.displayName;

  const unsubscribed = [a, b].filter((p) => !subscribedInLog(ctx.logFile, p.store.id)).map((p) => p.store.name);
  out.line(
    unsubscribed.length === 0
      ? `  ${platform}: both stores were subscribed to the platform's notices when POST /v1/stores created them (hub log: notices_subscribed)`
      : `  ${out.warn('!')} the hub log shows no notices_subscribed for ${unsubscribed.join(', ')}: their notices may never come`,
  );
  await hub.updateStore(a.store.id, { driftPolicy: 'reassert' });
  await hub.updateStore(b.store.id, { driftPolicy: 'report' });
  out.line(`  ${a.store.name}: driftPolicy reassert · ${b.store.name}: driftPolicy report (PATCH /v1/stores/:id)`);
  if (!(await waitSettled(hub, [a.store, b.store], timeoutMs)))
    out.line(`  ${out.warn('!')} the two stores still had runs in flight after ${seconds(timeoutMs)}; editing anyway`);

  const known = new Map<DemoStore, Set<string>>();
  for (const p of [a, b]) known.set(p.store, new Set((await hub.syncRuns(p.store.id, 20)).map((r) => String(r.id))));
  const t0 = Date.now();
  const edited = await Promise.all([a, b].map((p) => simManualEdit(p.store.simUrl, refOf(p.variant), SOLD_OUT)));
  const same = a.variant.title === b.variant.title && describeTargetStock(a.hubValue) === describeTargetStock(b.hubValue);
  out.line(
    same
      ? `  The merchant marks ${a.variant.title} sold out by hand in both stores (the hub's value: ${describeTargetStock(a.hubValue)}) ${out.dim('(POST /__sim/manual-edit)')}`
      : `  The merchant marks ${a.variant.title} (${describeTargetStock(a.hubValue)}) sold out by hand in ${a.store.name},` +
          ` and ${b.variant.title} (${describeTargetStock(b.hubValue)}) in ${b.store.name} ${out.dim('(POST /__sim/manual-edit)')}`,
  );
  for (const [i, e] of edited.entries()) {
    if (!e.stock || !isSoldOut(e.stock)) fail(`the simulator did not apply the manual edit in ${[a, b][i].store.name}`);
  }

  // Until the reasserting store shows the hub's value again and both notice runs are done.
  let reassertedMs: number | undefined;
  let aRun: SyncRun | undefined;
  let bRun: { run: SyncRun; ms: number } | undefined;
  for (let tick = 0; Date.now() < t0 + timeoutMs; tick++) {
    await observeStores([a.store, b.store]);
    if (reassertedMs === undefined && showsExpected(a.variant.observed, a.hubValue, a.store.emulatedUnlimited))
      reassertedMs = Date.now() - t0;
    // Runs every fourth poll: the stock is what is timed, the runs only have to be found.
    if (tick % 4 === 0) {
      aRun ??= await driftRun(hub, a.store, known.get(a.store)!);
      if (!bRun) {
        const run = await driftRun(hub, b.store, known.get(b.store)!);
        if (run) bRun = { run, ms: Date.now() - t0 };
      }
    }
    if (reassertedMs !== undefined && aRun && bRun) break;
    await sleep(pollMs);
  }

  const result: DriftNoticeResult = { platform: a.store.platform, written: 0, failures };
  const hint = (p: DriftPick) =>
    unsubscribed.includes(p.store.name) ? ' (the hub log shows no subscription for it)' : ` (see the hub log, ${ctx.logFile})`;
  if (reassertedMs === undefined || !aRun) {
    fail(
      `${a.store.name} › ${a.variant.title}: the manual edit was not reasserted within ${seconds(timeoutMs)}: ` +
        `the store shows ${describeObserved(a.variant.observed)}, ${aRun ? `notice run ${aRun.id} found the drift` : 'no notice run found the drift'}${hint(a)}`,
    );
  } else {
    const changes = await hub.runChanges(aRun.id);
    const written = changes.filter((c) => c.outcome === 'written').length;
    result.written += written;
    if (written !== 1) fail(`${a.store.name}: notice run ${aRun.id} wrote ${written} changes, expected the one reassertion`);
    out.line(
      `  ${out.ok('✓')} ${a.store.name}: reasserted in ${seconds(reassertedMs)} after the merchant's edit, by a notice run` +
        ` — ${a.variant.title} → ${describeTargetStock(a.hubValue)} again ${out.dim(`(run ${aRun.id}: drift ${aRun.counts?.drift}, written ${aRun.counts?.written})`)}`,
    );
    result.reasserted = { store: a.store, ms: reassertedMs, run: aRun };
  }

  if (!bRun) {
    fail(`${b.store.name} › ${b.variant.title}: no notice run recorded the drift within ${seconds(timeoutMs)}${hint(b)}`);
  } else {
    const changes = await hub.runChanges(bRun.run.id);
    const drift = changes.find((c) => c.outcome === 'drift');
    const written = changes.filter((c) => c.outcome === 'written').length + (bRun.run.counts?.written ?? 0);
    if (written > 0) fail(`${b.store.name}: notice run ${bRun.run.id} wrote ${written} change(s) under driftPolicy report`);
    const shows = b.variant.observed;
    if (shows === undefined || shows === 'deleted' || !isSoldOut(shows))
      fail(`${b.store.name} › ${b.variant.title}: the store shows ${describeObserved(b.variant.observed)}, not the merchant's edit`);
    if (!drift) fail(`${b.store.name}: notice run ${bRun.run.id} counts a drift but lists no drift change`);
    else {
      out.line(
        `  ${out.ok('✓')} ${b.store.name}: drift recorded within ${seconds(bRun.ms)} of the merchant's edit by a notice run, nothing written —` +
          ` ${b.variant.title} ${stockText(drift.from)} → ${stockText(drift.to)}` +
          ` ${out.dim(`(GET /v1/sync-runs/${bRun.run.id}/changes; run counts: drift ${bRun.run.counts?.drift}, written ${bRun.run.counts?.written ?? 0})`)}`,
      );
      result.reported = { store: b.store, ms: bRun.ms, run: bRun.run, drift };
    }
  }
  // The reassertion's own echo (the platform notifies the hub's write too) is read back and writes nothing; let
  // it finish so the report reads a quiet hub.
  await waitSettled(hub, [a.store, b.store], timeoutMs);
  return result;
}
