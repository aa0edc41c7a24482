/** The drill's catalog: warehouse and POD variants (pure: no I/O). */
import type { FulfillmentModel } from '@stock-sync/domain';

export const CATALOG_VARIANTS = 40;

export interface CatalogVariant {
  id: number;
  fulfillment: FulfillmentModel;
}

/** Three warehouse variants in five, the rest POD; catalog ids 1..n. */
export function drillCatalog(n = CATALOG_VARIANTS): CatalogVariant[] {
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, fulfillment: i % 5 < 3 ? 'warehouse' : 'pod' }));
}
