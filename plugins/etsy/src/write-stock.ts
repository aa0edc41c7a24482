/**
 * writeStock: group the changes by listing; per listing one fresh read (getListingInventory) and the
 * planned writes (usually one PUT), serialised per listing. A fresh read right before each PUT keeps the
 * read-modify-write window small: Etsy has no ETag, and a PUT built on an older read would undo sales
 * of sibling variants made in between.
 */
import type { PluginError, PluginLogger, StockWrite, WriteOutcome } from '@stock-sync/plugin-sdk';
import type { EtsyApi } from './etsy-api';
import type { KeyedSerialQueue } from './keyed-serial-queue';
import { planListingWrite, type ListingChange } from './listing-write-plan';
import { isConnectionLevel, isEtsyId, notAnEtsyId, toPluginError } from './outcome-errors';
import { runPool } from './run-pool';

/** Listings worked on at once; the store's rate budget, not this, sets the pace. */
const LISTING_CONCURRENCY = 4;

export async function writeStock(api: EtsyApi, locks: KeyedSerialQueue, log: PluginLogger, changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
  const outcomes: (WriteOutcome | undefined)[] = new Array(changes.length);
  const fail = (i: number, error: PluginError) => {
    const c = changes[i]!;
    outcomes[i] = { externalProductId: c.externalProductId, externalVariantId: c.externalVariantId, status: 'failed', error };
  };

  const groups = new Map<string, ListingChange[]>();
  changes.forEach((c, index) => {
    if (!isEtsyId(c.externalProductId)) return fail(index, notAnEtsyId('listing', c.externalProductId));
    if (!isEtsyId(c.externalVariantId)) return fail(index, notAnEtsyId('product', c.externalVariantId));
    const group = groups.get(c.externalProductId) ?? [];
    group.push({ index, productId: c.externalVariantId, target: c.target });
    groups.set(c.externalProductId, group);
  });

  let stopped: PluginError | undefined;
  const work = async ([listingId, group]: [string, ListingChange[]]) => {
    if (stopped) {
      for (const g of group) fail(g.index, stopped);
      return;
    }
    try {
      await locks.run(listingId, async () => {
        const inventory = await api.getListingInventory(listingId);
        const state = inventory.listing?.state ?? 'active';
        const plan = planListingWrite(listingId, state, inventory, group);
        for (const step of plan.steps) {
          if (step.kind === 'set-state') await api.updateListingState(listingId, step.state);
          else await api.updateListingInventory(listingId, step.body);
        }
        if (plan.steps.length === 0) log.debug(`etsy listing ${listingId}: already as targeted, nothing written`);
        for (const o of plan.outcomes) {
          if (o.status === 'written') {
            const c = changes[o.index]!;
            outcomes[o.index] = { externalProductId: c.externalProductId, externalVariantId: c.externalVariantId, status: 'written' };
          } else fail(o.index, o.error);
        }
      });
    } catch (e) {
      const error = toPluginError(e);
      if (isConnectionLevel(error)) stopped ??= error;
      for (const g of group) fail(g.index, error);
    }
  };
  // The first listing goes alone: a revoked token, a spent quota or a throttled store is found with one
  // call instead of a fan-out of doomed ones; then the rest run a few at a time.
  const entries = [...groups.entries()];
  if (entries.length > 0) await work(entries[0]!);
  await runPool(entries.slice(1), LISTING_CONCURRENCY, work);

  return outcomes.map((o, i) => o ?? { ...pick(changes[i]!), status: 'failed' as const, error: stopped ?? toPluginError(undefined) });
}

function pick(c: StockWrite) {
  return { externalProductId: c.externalProductId, externalVariantId: c.externalVariantId };
}
