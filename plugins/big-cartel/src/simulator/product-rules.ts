/**
 * How the simulated account treats option quantities. Documented: an option's `quantity` is "the
 * quantity in stock", `sold` counts sales, a product's `status` is active | hidden | sold_out |
 * coming_soon. Assumed (unverified, README.md): `sold_out` is derived — an active product whose
 * options are all at 0 shows sold_out, and back to active when one is restocked.
 */
import type { TargetStock } from '@stock-sync/plugin-api';
import type { BigCartelSimState, SimOption, SimProduct } from './state';

/** The emulated-unlimited quantity the plugin writes (the platform itself has no such notion). */
const MERCHANT_UNLIMITED = 999;

export function deriveStatus(state: BigCartelSimState, p: SimProduct): void {
  const quantities = p.optionIds.map((id) => state.options.get(id)?.quantity ?? 0);
  const allGone = quantities.length > 0 && quantities.every((q) => q <= 0);
  if (p.status === 'active' && allGone) p.status = 'sold_out';
  else if (p.status === 'sold_out' && !allGone) p.status = 'active';
}

export function setQuantity(state: BigCartelSimState, o: SimOption, quantity: number, now: number): void {
  o.quantity = quantity;
  const p = state.products.get(o.productId);
  if (p) {
    p.updatedAt = now;
    deriveStatus(state, p);
  }
}

/** A merchant's edit in the admin; "unlimited" is a large stock count there too. */
export function applyMerchantEdit(state: BigCartelSimState, o: SimOption, to: TargetStock, now: number): void {
  setQuantity(state, o, to.kind === 'unlimited' ? MERCHANT_UNLIMITED : to.kind === 'quantity' ? to.quantity : 0, now);
}

/**
 * The simulator's own neutral reading: the count in stock (0 = sold out), and the emulation's full
 * 999 as unlimited (Big Cartel has no such state; the contract suite compares a never-written seed of
 * "unlimited" with unlimited).
 */
export function neutralStock(o: SimOption): TargetStock {
  if (o.quantity >= MERCHANT_UNLIMITED) return { kind: 'unlimited' };
  return { kind: 'quantity', quantity: Math.max(0, o.quantity) };
}
