/** Small builders shared by the hub's HTTP tests. */
import type { TestHub } from './hub-harness';

export const POD = (id: number, productId = 1) => ({
  id,
  productId,
  name: `POD variant ${id}`,
  sku: `POD-${id}`,
  fulfillment: 'pod' as const,
});
export const WAREHOUSE = (id: number, productId = 2) => ({
  id,
  productId,
  name: `Warehouse variant ${id}`,
  fulfillment: 'warehouse' as const,
});

let clock = Date.parse('2026-01-01T00:00:00Z');
/** Strictly increasing observation times (well in the past, so never "in the future"). */
export function nextObservedAt(): string {
  clock += 1000;
  return new Date(clock).toISOString();
}

export async function putCatalog(hub: TestHub, variants: object[]): Promise<void> {
  await hub.put('/v1/catalog/variants', { variants }).expect(200);
}

export interface StoreInput {
  name?: string;
  sellingRegion: string;
  stockSyncEnabled?: boolean;
  credentials?: Record<string, string>;
}

/** Creates a demo-shop store (the fixture plugin) and returns its id. */
export async function createStore(hub: TestHub, input: StoreInput): Promise<string> {
  const res = await hub
    .post('/v1/stores', {
      name: input.name ?? `store ${input.sellingRegion}`,
      platform: 'demo-shop',
      sellingRegion: input.sellingRegion,
      ...(input.stockSyncEnabled === undefined ? {} : { stockSyncEnabled: input.stockSyncEnabled }),
      credentials: input.credentials ?? { shop: 'demo', accessToken: 'shpat_test_store_token_1' },
    })
    .expect(201);
  return res.body.id;
}

export async function putSyncVariants(hub: TestHub, storeId: string, variants: object[]): Promise<void> {
  await hub.put(`/v1/stores/${storeId}/sync-variants`, { variants }).expect(200);
}

export interface PendingRow {
  external_variant_id: string;
  pending: boolean;
  pending_version: number;
}

/** external_variant_id → pending, for one store. */
export async function pendingByVariant(hub: TestHub, storeId: string): Promise<Record<string, boolean>> {
  const rows = await hub.sql<PendingRow>(`SELECT external_variant_id, pending FROM sync_variants WHERE store_id = $1`, [storeId]);
  return Object.fromEntries(rows.map((r) => [r.external_variant_id, r.pending]));
}

export async function clearPending(hub: TestHub): Promise<void> {
  await hub.sql(`UPDATE sync_variants SET pending = false, pending_since = NULL, state = 'in_sync'`);
  await hub.sql(`UPDATE stores SET pending_trigger = NULL`);
}
