/**
 * writeStock, one listing (a batch of the SDK's pipeline, grouped by listing): one fresh read and the planned
 * writes (usually one PUT), serialised per listing. Why a fresh read per listing (Etsy has no ETag): README "Writes".
 */
import { NotFound, Transient } from '@stock-sync/plugin-api';
import { StopTheWork, stopsTheWork, toPluginError } from '@stock-sync/plugin-sdk';
import type { Planned, WriteAnswer } from '@stock-sync/plugin-sdk';
import type { PluginError, PluginLogger, StockWrite } from '@stock-sync/plugin-api';
import type { EtsyApi } from './etsy-api';
import { liveOfferings, liveProducts, toInventoryUpdate } from './etsy-types';
import { lacksProcessingProfile, planListingWrite, type ListingChange, type PlanOptions } from './listing-write-plan';
import type { OfferingStock } from './stock-mapping';

/** Etsy ids are positive integers; anything else cannot exist there. */
export const isEtsyId = (id: string): boolean => /^[1-9]\d*$/.test(id);

export const notAnEtsyId = (kind: 'listing' | 'product', id: string): NotFound =>
  new NotFound(`'${id}' is not an Etsy ${kind} id`, { [`${kind}Id`]: id });

/**
 * Runs tasks one at a time per key. Etsy's inventory PUT replaces the whole listing and has no ETag, so two
 * read-modify-write cycles on one listing must never overlap (the later PUT would undo the earlier).
 */
export function serialPerKey(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const result = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    // Forget the key once nothing more is queued behind this task.
    void tail.then(() => tails.get(key) === tail && tails.delete(key));
    return result;
  };
}

/** Listings worked on at once; the store's rate budget, not this, sets the pace. */
export const LISTING_CONCURRENCY = 4;

/** A PUT built from a read without processing profiles would be refused (or guessed): never send it. */
function missingProfile(listingId: string): Transient {
  return new Transient(
    `Etsy returned no processing profile (readiness_state_id) for listing ${listingId}, which every written offering needs: nothing written`,
    { listingId },
  );
}

/**
 * After a reactivation: read again (now with the processing profiles) and write the stock planned from the first
 * read, never guessing at a changed product set. On failure the listing is set inactive again (best effort), so
 * the unit that made it activatable is not left for sale (README "Processing profiles").
 */
async function writeAfterReactivation(api: EtsyApi, log: PluginLogger, listingId: string, stock: ReadonlyMap<string, OfferingStock[]>) {
  try {
    const fresh = await api.getListingInventory(listingId);
    if (lacksProcessingProfile(fresh)) throw missingProfile(listingId);
    const products = liveProducts(fresh);
    const planned = products.map((p) => stock.get(String(p.product_id)));
    if (products.length !== stock.size || planned.some((s, i) => !s || s.length !== liveOfferings(products[i]!).length)) {
      throw new Transient(`Etsy listing ${listingId} changed its products while being reactivated; nothing written`, { listingId });
    }
    await api.updateListingInventory(listingId, toInventoryUpdate(fresh, planned as OfferingStock[][]));
  } catch (e) {
    await api
      .updateListingState(listingId, 'inactive')
      .catch(() => log.warn(`etsy listing ${listingId}: could not deactivate it again after a failed write`));
    throw e;
  }
}

/**
 * One listing's changes. A product id that cannot be Etsy's fails without a call; an error that stops the
 * work ends the run (StopTheWork, keeping those refusals); any other fails this listing's changes.
 */
export async function writeListing(
  api: EtsyApi,
  log: PluginLogger,
  listingId: string,
  batch: readonly Planned<StockWrite>[],
  options: PlanOptions = {},
): Promise<WriteAnswer> {
  const verdicts: (PluginError | 'written' | undefined)[] = new Array(batch.length);
  const group: ListingChange[] = [];
  batch.forEach(({ input }, index) => {
    if (isEtsyId(input.externalVariantId)) group.push({ index, productId: input.externalVariantId, target: input.target });
    else verdicts[index] = notAnEtsyId('product', input.externalVariantId);
  });
  if (group.length > 0) {
    try {
      const inventory = await api.getListingInventory(listingId);
      const plan = planListingWrite(listingId, inventory.listing?.state ?? 'active', inventory, group, options);
      if (plan.steps.some((s) => s.kind === 'put-inventory') && lacksProcessingProfile(inventory)) throw missingProfile(listingId);
      for (const step of plan.steps) {
        if (step.kind === 'set-state') await api.updateListingState(listingId, step.state);
        else if (step.kind === 'put-inventory') await api.updateListingInventory(listingId, step.body);
        else await writeAfterReactivation(api, log, listingId, step.stock);
      }
      if (plan.steps.length === 0) log.debug(`etsy listing ${listingId}: already as targeted, nothing written`);
      for (const o of plan.outcomes) verdicts[o.index] = o.status === 'written' ? 'written' : o.error;
    } catch (e) {
      const error = toPluginError(e, 'Etsy');
      if (stopsTheWork(error)) throw new StopTheWork(error, { answered: verdicts });
      for (const g of group) verdicts[g.index] = error;
    }
  }
  return verdicts.map((v) => (v === 'written' ? undefined : (v ?? toPluginError(undefined, 'Etsy'))));
}
