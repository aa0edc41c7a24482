import type { TargetStock } from '@stock-sync/plugin-api';

/** The count a state means: its quantity, 0 when sold out; undefined for unlimited or an unknown state. */
export function countedQuantity(t: TargetStock | null | undefined): number | undefined {
  return t?.kind === 'quantity' ? t.quantity : t?.kind === 'out_of_stock' ? 0 : undefined;
}
