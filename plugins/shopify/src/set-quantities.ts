/**
 * Sets "available" with inventorySetQuantities (compare-and-set, idempotency key), ≤ 250 quantities
 * per call.
 *
 * inventorySetQuantities is all-or-nothing: one refused quantity and none are applied
 * (inventoryAdjustmentGroup null). So after userErrors, the refused items fail and the rest are sent
 * again without them. A CHANGE_FROM_QUANTITY_STALE item means the quantity moved between our read and
 * our write (an order, a merchant edit): the hub is the source of truth for this location, so it is
 * re-read ONCE and sent again with the fresh changeFromQuantity; stale a second time → Transient (the
 * orchestrator retries later). At most MAX_ROUNDS calls per chunk; each round strictly shrinks.
 */
import { randomUUID } from 'node:crypto';
import { chunk, NotFound, toPluginError, Transient } from '@stock-sync/plugin-sdk';
import type { TargetStock } from '@stock-sync/plugin-sdk';
import { SET_AVAILABLE, SET_AVAILABLE_COST } from './documents';
import type { Ledger } from './ledger';
import { MAX_INPUT_ARRAY } from './manifest';
import type { QuantitySet } from './mapping';
import { readVariants } from './read-variants';
import type { ShopifyApi } from './shopify-api';
import { errorForUserError, isStale, userErrorIndex, type UserError } from './user-errors';
import type { VariantState } from './variant-state';

/** First try, the retry after removing refused items / re-reading stale ones, and one more. */
export const MAX_ROUNDS = 3;

/** The reason Shopify records on the adjustment (one of its documented reasons). */
export const SET_REASON = 'correction';

export interface PendingSet {
  key: string;
  target: TargetStock;
  set: QuantitySet;
}

interface SetPayload {
  inventorySetQuantities: {
    inventoryAdjustmentGroup: { id: string } | null;
    userErrors: UserError[];
  } | null;
}

export async function setQuantities(api: ShopifyApi, ledger: Ledger, pending: readonly PendingSet[], locationId: string): Promise<void> {
  for (const part of chunk(pending, MAX_INPUT_ARRAY)) {
    await setChunk(api, ledger, part, locationId);
  }
}

async function setChunk(api: ShopifyApi, ledger: Ledger, items: PendingSet[], locationId: string): Promise<void> {
  let round = items;
  let reread = false;
  for (let n = 1; round.length > 0; n++) {
    if (n > MAX_ROUNDS) {
      for (const p of round) ledger.fail(p.key, new Transient('Shopify kept refusing the quantity batch; left for the next run'));
      return;
    }
    const result = await sendOnce(api, ledger, round, locationId);
    if (!result) return; // the call failed; the ledger has it (a stop was thrown on)
    const { applied, errorsByIndex, unindexed } = result;
    if (unindexed.length > 0) {
      // An error about the whole input (location, reason, idempotency): every item shares it.
      const error = errorForUserError(unindexed[0], 'the quantity update');
      for (const p of round) ledger.fail(p.key, error);
      return;
    }
    const next: PendingSet[] = [];
    const stale: PendingSet[] = [];
    round.forEach((p, i) => {
      const ue = errorsByIndex.get(i);
      if (!ue) {
        if (applied) ledger.succeed(p.key);
        else next.push(p); // not applied because another item was refused: send again
      } else if (isStale(ue) && !reread) {
        stale.push(p);
      } else {
        ledger.fail(p.key, errorForUserError(ue, 'the quantity update'));
      }
    });
    if (stale.length > 0) {
      reread = true;
      next.push(...(await refreshStale(api, ledger, stale, locationId)));
    }
    round = next;
  }
}

async function sendOnce(
  api: ShopifyApi,
  ledger: Ledger,
  items: PendingSet[],
  locationId: string,
): Promise<{ applied: boolean; errorsByIndex: Map<number, UserError>; unindexed: UserError[] } | undefined> {
  const input = {
    name: 'available',
    reason: SET_REASON,
    quantities: items.map((p) => ({ ...p.set, locationId })),
  };
  try {
    // A fresh key per distinct request; the SDK's retries resend the same body, hence the same key.
    const data = await api.graphql<SetPayload>(SET_AVAILABLE, { input, idempotencyKey: randomUUID() }, SET_AVAILABLE_COST);
    const payload = data.inventorySetQuantities;
    if (!payload) throw new Transient('Shopify returned no result for inventorySetQuantities');
    const errorsByIndex = new Map<number, UserError>();
    const unindexed: UserError[] = [];
    for (const ue of payload.userErrors ?? []) {
      const idx = userErrorIndex(ue, 'quantities');
      if (idx === undefined || idx >= items.length) unindexed.push(ue);
      else if (!errorsByIndex.has(idx)) errorsByIndex.set(idx, ue);
    }
    return {
      applied: payload.inventoryAdjustmentGroup !== null && payload.inventoryAdjustmentGroup !== undefined,
      errorsByIndex,
      unindexed,
    };
  } catch (e) {
    ledger.callFailed(
      items.map((p) => p.key),
      toPluginError(e, 'Shopify'),
    );
    return undefined;
  }
}

/** Re-reads stale items; returns those still needing a write, with the fresh changeFromQuantity. */
async function refreshStale(api: ShopifyApi, ledger: Ledger, stale: PendingSet[], locationId: string): Promise<PendingSet[]> {
  const fresh = new Map<string, VariantState | undefined>();
  await readVariants(
    api,
    ledger,
    stale.map((p) => p.key),
    locationId,
    (id, s) => fresh.set(id, s),
  );
  const again: PendingSet[] = [];
  for (const p of stale) {
    if (ledger.done(p.key) || !fresh.has(p.key)) continue;
    const s = fresh.get(p.key);
    if (!s) {
      ledger.fail(p.key, new NotFound('the variant no longer exists on Shopify'));
      continue;
    }
    if (s.available === null || !s.tracked || s.inventoryPolicy !== 'DENY') {
      ledger.fail(p.key, new Transient('the variant changed on Shopify while it was being written; left for the next run'));
      continue;
    }
    const done = p.target.kind === 'out_of_stock' ? s.available <= 0 : s.available === p.set.quantity;
    if (done) ledger.succeed(p.key);
    else again.push({ ...p, set: { ...p.set, changeFromQuantity: s.available } });
  }
  return again;
}
