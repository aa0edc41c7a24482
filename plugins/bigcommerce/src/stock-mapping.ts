/**
 * TargetStock ⇄ BigCommerce stock fields: the one place that knows the mapping table in README.md.
 * A variant's stock lives in three fields: the product's inventory_tracking, the variant's
 * purchasing_disabled switch and the variant's inventory_level (default location).
 */
import type { TargetStock } from '@stock-sync/plugin-sdk';
import type { BcProductStock, BcVariantStock } from './bc-types';
import { EMULATED_UNLIMITED_QUANTITY } from './manifest';

const count = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.trunc(n)) : 0);

/**
 * The neutral reading of a variant.
 * - purchasing_disabled: not purchasable whatever the count → out of stock.
 * - product not tracked ("none"): purchasable without limit → unlimited.
 * - tracked by variant: its count; at or above the emulation count → unlimited.
 * - tracked by product: the product's one count governs every variant.
 */
export function fromBcStock(
  product: Pick<BcProductStock, 'inventory_tracking' | 'inventory_level'>,
  variant: Pick<BcVariantStock, 'purchasing_disabled' | 'inventory_level'>,
): TargetStock {
  if (variant.purchasing_disabled) return { kind: 'out_of_stock' };
  switch (product.inventory_tracking) {
    case 'none':
      return { kind: 'unlimited' };
    case 'variant': {
      const n = count(variant.inventory_level);
      return n >= EMULATED_UNLIMITED_QUANTITY ? { kind: 'unlimited' } : { kind: 'quantity', quantity: n };
    }
    default:
      return { kind: 'quantity', quantity: count(product.inventory_level) };
  }
}

/** What one variant needs so that it shows the target; undefined fields are already right. */
export interface VariantChange {
  purchasingDisabled?: boolean;
  inventoryLevel?: number;
}

/**
 * The smallest change that makes a variant of a product tracked by variant show `target`:
 * - unlimited: purchasable with at least the emulation count;
 * - out of stock: a disabled variant already is; otherwise its count goes to 0 (BigCommerce's own
 *   tracked sold-out state, which the store's "out of stock" display settings act on);
 * - quantity n: purchasable with exactly n.
 */
export function trackedChange(
  target: TargetStock,
  current: Pick<BcVariantStock, 'purchasing_disabled' | 'inventory_level'>,
): VariantChange {
  const level = count(current.inventory_level);
  const change: VariantChange = {};
  if (target.kind === 'out_of_stock' || (target.kind === 'quantity' && target.quantity === 0)) {
    if (!current.purchasing_disabled && level !== 0) change.inventoryLevel = 0;
    return change;
  }
  if (current.purchasing_disabled) change.purchasingDisabled = false;
  if (target.kind === 'unlimited') {
    if (level < EMULATED_UNLIMITED_QUANTITY) change.inventoryLevel = EMULATED_UNLIMITED_QUANTITY;
  } else if (level !== target.quantity) {
    change.inventoryLevel = target.quantity;
  }
  return change;
}

/** An untracked product's variant: purchasable (unlimited) or not (sold out); quantities need tracking. */
export function untrackedChange(target: TargetStock, current: Pick<BcVariantStock, 'purchasing_disabled'>): VariantChange {
  const disabled = target.kind !== 'unlimited';
  return current.purchasing_disabled === disabled ? {} : { purchasingDisabled: disabled };
}

export function needsCount(target: TargetStock): boolean {
  return target.kind === 'quantity' && target.quantity > 0;
}
