/**
 * TargetStock ⇄ BigCommerce's three stock fields: the one place that knows README's "Mapping" table. A run's changes
 * plus the products read for them become the fewest writes (planWrites).
 */
import { NotFound, Rejected } from '@stock-sync/plugin-api';
import type { Planned } from '@stock-sync/plugin-sdk';
import type { PluginError, StockWrite, TargetStock, VariantRef } from '@stock-sync/plugin-api';
import type { BcProductStock, BcVariantStock } from './bc-types';
import { EMULATED_UNLIMITED_QUANTITY } from './manifest';

const count = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.trunc(n)) : 0);

/** Disabled → out of stock; not tracked → unlimited; by variant → its count (≥ the emulation count: unlimited); by product → the product's. */
export function fromBcStock(
  product: Pick<BcProductStock, 'inventory_tracking' | 'inventory_level'>,
  variant: Pick<BcVariantStock, 'purchasing_disabled' | 'inventory_level'>,
): TargetStock {
  if (variant.purchasing_disabled) return { kind: 'out_of_stock' };
  if (product.inventory_tracking === 'none') return { kind: 'unlimited' };
  if (product.inventory_tracking !== 'variant') return { kind: 'quantity', quantity: count(product.inventory_level) };
  const n = count(variant.inventory_level);
  return n >= EMULATED_UNLIMITED_QUANTITY ? { kind: 'unlimited' } : { kind: 'quantity', quantity: n };
}

/** What one variant needs so that it shows the target; undefined fields are already right. */
export interface VariantChange {
  purchasingDisabled?: boolean;
  inventoryLevel?: number;
}

/** The smallest change that makes a variant of a product tracked by variant show `target` (README "Mapping"); a count not read is written. */
export function trackedChange(
  target: TargetStock,
  current: Pick<BcVariantStock, 'purchasing_disabled' | 'inventory_level'>,
): VariantChange {
  // null: the location's count was not read (a write sets it whatever it is).
  const known = typeof current.inventory_level === 'number';
  const level = count(current.inventory_level);
  const change: VariantChange = {};
  if (target.kind === 'out_of_stock' || (target.kind === 'quantity' && target.quantity === 0)) {
    if (!current.purchasing_disabled && (!known || level !== 0)) change.inventoryLevel = 0;
    return change;
  }
  if (current.purchasing_disabled) change.purchasingDisabled = false;
  const wanted = target.kind === 'unlimited' ? Math.max(level, EMULATED_UNLIMITED_QUANTITY) : target.quantity;
  if (!known || wanted !== level) change.inventoryLevel = wanted;
  return change;
}

/** An untracked product's variant: purchasable (unlimited) or not (sold out); quantities need tracking. */
export function untrackedChange(target: TargetStock, current: Pick<BcVariantStock, 'purchasing_disabled'>): VariantChange {
  const disabled = target.kind !== 'unlimited';
  return current.purchasing_disabled === disabled ? {} : { purchasingDisabled: disabled };
}

const needsCount = (target: TargetStock): boolean => target.kind === 'quantity' && target.quantity > 0;

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

/** The product and variant a run names, or the NotFound it fails with. */
export function located(products: Map<number, BcProductStock>, productId: number, variantId: number) {
  const product = products.get(productId);
  const variant = product?.variants?.find((v) => v.id === variantId);
  if (product && variant) return { product, variant };
  const missing = product ? `BigCommerce product ${productId} has no variant ${variantId}` : `BigCommerce has no product ${productId}`;
  return new NotFound(missing, { productId, variantId });
}

/** The tracking switches, purchasing switches and counts a run needs; per-variant problems are decided here, before any call. */
export function planWrites(groups: Map<number, PlannedChange[]>, products: Map<number, BcProductStock>): WritePlan {
  const plan: WritePlan = { trackingSwitches: [], purchasing: [], counts: [], failed: [] };
  const push = (productId: number, variantId: number, change: VariantChange, owners: PlannedChange[]) => {
    if (change.purchasingDisabled !== undefined)
      plan.purchasing.push({ item: { productId, variantId, purchasingDisabled: change.purchasingDisabled }, owners });
    if (change.inventoryLevel !== undefined) plan.counts.push({ item: { productId, variantId, quantity: change.inventoryLevel }, owners });
  };
  for (const [productId, changes] of groups) {
    const live: { change: PlannedChange; variant: BcVariantStock }[] = [];
    for (const change of changes) {
      const found = located(products, productId, change.variantId);
      if (found instanceof NotFound) plan.failed.push({ change, error: found });
      else live.push({ change, variant: found.variant });
    }
    const product = products.get(productId);
    if (!product || live.length === 0) continue;

    if (product.inventory_tracking === 'product') {
      for (const { change, variant } of live) {
        const { target } = change.input;
        // One count for all its variants: only a sold-out variant (out of stock, or 0) can be set on its own.
        if (target.kind !== 'unlimited' && !needsCount(target)) push(productId, variant.id, untrackedChange(target, variant), [change]);
        else {
          const error = new Rejected(
            `BigCommerce product ${productId} tracks inventory per product (one count for all its variants), so variant ${variant.id} cannot get its own stock: ` +
              'set the product to "Track inventory by variant" (or to not tracked, for print-on-demand)',
            { productId, variantId: variant.id, inventoryTracking: 'product' },
          );
          plan.failed.push({ change, error });
        }
      }
      continue;
    }

    const switching = product.inventory_tracking === 'none' && live.some(({ change }) => needsCount(change.input.target));
    if (product.inventory_tracking === 'none' && !switching) {
      for (const { change, variant } of live) push(productId, variant.id, untrackedChange(change.input.target, variant), [change]);
      continue;
    }

    if (switching) {
      // Once tracked, every variant sells only its count: siblings the hub does not manage keep what shoppers saw
      // (a purchasable one gets the emulation count, a disabled one stays sold out; README "Mapping").
      const owners = live.map(({ change }) => change);
      plan.trackingSwitches.push({ item: { productId }, owners });
      const managed = new Set(live.map(({ variant }) => variant.id));
      for (const sibling of product.variants ?? []) {
        if (managed.has(sibling.id) || sibling.purchasing_disabled) continue;
        plan.counts.push({ item: { productId, variantId: sibling.id, quantity: EMULATED_UNLIMITED_QUANTITY }, owners });
      }
    }
    for (const { change, variant } of live) {
      // Untracked counts mean nothing: after a switch each managed variant's count is written whatever it was.
      const current = switching ? { ...variant, inventory_level: -1 } : variant;
      const wanted = trackedChange(change.input.target, current);
      if (switching && wanted.inventoryLevel === undefined && !variant.purchasing_disabled) wanted.inventoryLevel = 0;
      push(productId, variant.id, wanted, [change]);
    }
  }
  return plan;
}
