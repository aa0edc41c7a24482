/** A simulated store's inspection routes (/__sim), spoken over HTTP like any outside tool would. */
import type { TargetStock } from '@stock-sync/domain';
import { requestJson } from './http-json';

export interface SimStockRow {
  productId: string;
  variantId: string;
  stock: TargetStock | 'deleted' | null | undefined;
}
export interface SimSeedProduct {
  productId: string;
  title?: string;
  variants: { variantId: string; sku?: string; initial?: TargetStock }[];
}
export interface SimRequestLog {
  total: number;
  requests: { at: number; method: string; path: string; status: number }[];
}

export const simStock = (baseUrl: string) => requestJson<{ variants: SimStockRow[] }>(`${baseUrl}/__sim/stock`, { timeoutMs: 5_000 });
export const simSeed = (baseUrl: string, products: SimSeedProduct[]) =>
  requestJson<{ seeded: number }>(`${baseUrl}/__sim/seed`, { method: 'POST', body: { products } });
export const simRequests = (baseUrl: string) => requestJson<SimRequestLog>(`${baseUrl}/__sim/requests`);
/** A merchant's own edit in the platform's admin (the simulator then notifies the subscribed apps, as the platform does). */
export const simManualEdit = (baseUrl: string, ref: { externalProductId: string; externalVariantId: string }, to: TargetStock) =>
  requestJson<{ stock: TargetStock | null }>(`${baseUrl}/__sim/manual-edit`, { method: 'POST', body: { ref, to } });
