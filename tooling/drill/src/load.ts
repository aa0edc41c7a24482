/**
 * The drill's load: facility-stock clients posting small batches to either hub (every observation recorded
 * in the ledger with the hub's answer), and a client asking for store syncs. Each loop ends at `until` and
 * after at most `maxRequests` requests.
 */
import type { CatalogVariant } from './catalog';
import type { DrillStore } from './fleet';
import type { HubPair } from './hub-pair';
import type { HubTraffic } from './hub-traffic';
import type { ObservationLedger, SentObservation } from './observation-ledger';
import type { Rng } from './rng';

export const POD_STATUSES = ['in_stock', 'stocked_on_demand', 'out_of_stock', 'discontinued'] as const;
/** observedAt is up to this much in the past, so concurrent clients deliver out of order (some stale). */
const MAX_SKEW_MS = 3_000;

export interface LoadContext {
  traffic: HubTraffic;
  hubs: HubPair;
  ledger: ObservationLedger;
  catalog: readonly CatalogVariant[];
  facilities: readonly string[];
}

/** One random observation: POD a status, warehouse a quantity (0 a third of the time, so stores flip). */
export function randomObservation(
  rng: Rng,
  ledger: ObservationLedger,
  variant: CatalogVariant,
  facility: string,
  nowMs: number,
): SentObservation {
  const at = ledger.uniqueTime(variant.id, facility, nowMs - rng.int(0, MAX_SKEW_MS));
  return variant.fulfillment === 'pod'
    ? { variantId: variant.id, facility, at, status: rng.pick(POD_STATUSES) }
    : { variantId: variant.id, facility, at, quantity: rng.next() < 0.34 ? 0 : rng.int(1, 9) };
}

export function toUpdate(o: SentObservation): Record<string, unknown> {
  return {
    variantId: o.variantId,
    facility: o.facility,
    observedAt: new Date(o.at).toISOString(),
    ...(o.status !== undefined ? { status: o.status } : { quantity: o.quantity }),
  };
}

/** Posts one batch to one hub and records every observation's outcome. */
export async function postBatch(
  ctx: LoadContext,
  hub: { label: string; url: string },
  batch: readonly SentObservation[],
): Promise<'acknowledged' | 'unknown' | 'refused'> {
  const a = await ctx.traffic.call(hub, 'POST', '/v1/facility-stock', { updates: batch.map(toUpdate) });
  const outcome = a.kind === 'no_answer' ? 'unknown' : a.status === 202 ? 'acknowledged' : 'refused';
  ctx.ledger.record(batch, outcome);
  return outcome;
}

/** Every (variant, facility) once, an hour back: every region then decides every variant (no "unknown"). */
export function initialObservations(ctx: LoadContext, rng: Rng, nowMs: number): SentObservation[] {
  return ctx.catalog.flatMap((v) => ctx.facilities.map((f) => randomObservation(rng, ctx.ledger, v, f, nowMs - 3_600_000)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Returns the number of batches it posted. */
export async function facilityClient(ctx: LoadContext, rng: Rng, until: number, maxRequests: number): Promise<number> {
  let posts = 0;
  for (let n = 0; n < maxRequests && Date.now() < until; n++) {
    const up = ctx.hubs.up();
    if (up.length === 0) {
      await sleep(200);
      continue;
    }
    const size = rng.int(1, 25);
    const batch = Array.from({ length: size }, () =>
      randomObservation(rng, ctx.ledger, rng.pick(ctx.catalog), rng.pick(ctx.facilities), Date.now()),
    );
    await postBatch(ctx, rng.pick(up), batch);
    posts++;
    await sleep(rng.int(20, 250));
  }
  return posts;
}

/** Asks a random hub for a sync of a random store now and then (a third of them full: they read the platform back). */
export async function syncClient(
  ctx: LoadContext,
  stores: readonly DrillStore[],
  rng: Rng,
  until: number,
  maxRequests: number,
): Promise<number> {
  let asked = 0;
  for (let n = 0; n < maxRequests && Date.now() < until; n++) {
    await sleep(rng.int(1_500, 4_000));
    const up = ctx.hubs.up();
    if (up.length === 0 || Date.now() >= until) continue;
    const store = rng.pick(stores);
    const a = await ctx.traffic.call(rng.pick(up), 'POST', `/v1/stores/${store.id}/sync`, { full: rng.next() < 0.33 });
    if (a.kind === 'answer' && a.status === 202) asked++;
  }
  return asked;
}
