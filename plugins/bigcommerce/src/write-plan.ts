/**
 * Turns a run's changes plus the products read for them into the fewest BigCommerce writes:
 * product tracking switches (≤10 per call), purchasing switches (≤50 per call) and one absolute
 * adjustment (≤2,000 items). Changes already in place cost nothing; per-variant problems are decided
 * here, before anything is sent.
 */
import { NotFound, Rejected, type Planned, type PluginError, type StockWrite, type VariantRef } from '@stock-sync/plugin-sdk';
import type { BcProductStock, BcVariantStock } from './bc-types';
import { EMULATED_UNLIMITED_QUANTITY } from './manifest';
import { needsCount, trackedChange, untrackedChange, type VariantChange } from './stock-mapping';

/** One variant of a run (duplicates collapsed by the SDK's pipeline) with its BigCommerce ids. */
export type PlannedChange<T extends VariantRef = StockWrite> = Planned<T, { productId: number; variantId: number }>;

/** A write call's item, and the changes whose outcome depends on it. */
export interface Owned<T> {
  item: T;
  owners: PlannedChange[];
}

export interface WritePlan {
  /** Products switched to inventory_tracking "variant" before anything else (a quantity needs a count). */
  trackingSwitches: Owned<{ productId: number }>[];
  purchasing: Owned<{ productId: number; variantId: number; purchasingDisabled: boolean }>[];
  counts: Owned<{ productId: number; variantId: number; quantity: number }>[];
  /** Decided without a write: NotFound / Rejected. Changes not named anywhere are in place already. */
  failed: { change: PlannedChange; error: PluginError }[];
}

function push(plan: WritePlan, productId: number, variantId: number, change: VariantChange, owners: PlannedChange[]): void {
  if (change.purchasingDisabled !== undefined)
    plan.purchasing.push({ item: { productId, variantId, purchasingDisabled: change.purchasingDisabled }, owners });
  if (change.inventoryLevel !== undefined) plan.counts.push({ item: { productId, variantId, quantity: change.inventoryLevel }, owners });
}

export function planWrites(groups: Map<number, PlannedChange[]>, products: Map<number, BcProductStock>): WritePlan {
  const plan: WritePlan = { trackingSwitches: [], purchasing: [], counts: [], failed: [] };
  for (const [productId, changes] of groups) {
    const product = products.get(productId);
    if (!product) {
      for (const c of changes)
        plan.failed.push({ change: c, error: new NotFound(`BigCommerce has no product ${productId}`, { productId }) });
      continue;
    }
    const variants = new Map<number, BcVariantStock>((product.variants ?? []).map((v) => [v.id, v]));
    const live: { change: PlannedChange; variant: BcVariantStock }[] = [];
    for (const c of changes) {
      const variant = variants.get(c.variantId);
      if (variant) live.push({ change: c, variant });
      else
        plan.failed.push({
          change: c,
          error: new NotFound(`BigCommerce product ${productId} has no variant ${c.variantId}`, { productId, variantId: c.variantId }),
        });
    }
    if (live.length === 0) continue;

    if (product.inventory_tracking === 'product') {
      for (const { change, variant } of live) {
        if (
          change.input.target.kind === 'out_of_stock' ||
          (change.input.target.kind === 'quantity' && change.input.target.quantity === 0)
        ) {
          push(plan, productId, variant.id, untrackedChange(change.input.target, variant), [change]);
        } else {
          plan.failed.push({
            change,
            error: new Rejected(
              `BigCommerce product ${productId} tracks inventory per product (one count for all its variants), so variant ${variant.id} cannot get its own stock: ` +
                'set the product to "Track inventory by variant" (or to not tracked, for print-on-demand)',
              { productId, variantId: variant.id, inventoryTracking: 'product' },
            ),
          });
        }
      }
      continue;
    }

    const switching = product.inventory_tracking === 'none' && live.some(({ change }) => needsCount(change.input.target));
    if (product.inventory_tracking === 'none' && !switching) {
      for (const { change, variant } of live) push(plan, productId, variant.id, untrackedChange(change.input.target, variant), [change]);
      continue;
    }

    if (switching) {
      // Once tracked, every variant sells only its count. Variants the hub does not manage keep what the
      // shopper saw: a purchasable one (unlimited while untracked) gets the emulation count; a disabled
      // one stays sold out without a count.
      const owners = live.map(({ change }) => change);
      plan.trackingSwitches.push({ item: { productId }, owners });
      const managed = new Set(live.map(({ variant }) => variant.id));
      for (const sibling of variants.values()) {
        if (managed.has(sibling.id) || sibling.purchasing_disabled) continue;
        plan.counts.push({ item: { productId, variantId: sibling.id, quantity: EMULATED_UNLIMITED_QUANTITY }, owners });
      }
    }
    for (const { change, variant } of live) {
      // Untracked counts mean nothing: after a switch each managed variant's count is written whatever it was.
      const current = switching ? { ...variant, inventory_level: -1 } : variant;
      const wanted = trackedChange(change.input.target, current);
      if (switching && wanted.inventoryLevel === undefined && !variant.purchasing_disabled) wanted.inventoryLevel = 0;
      push(plan, productId, variant.id, wanted, [change]);
    }
  }
  return plan;
}
