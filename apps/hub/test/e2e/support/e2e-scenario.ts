/** Builders for the end-to-end tests: catalog, stores on simulators, facility updates, run inspection. */
import type { TargetStock } from '@stock-sync/domain';
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import type { TestHub } from '../../support/hub-harness';

let clock = Date.parse('2026-03-01T00:00:00Z');
/** Strictly increasing observation times, well in the past. */
export function observedAt(): string {
  clock += 1000;
  return new Date(clock).toISOString();
}

export const pod = (variantId: number, facility: string, status: string, at = observedAt()) => ({
  variantId,
  facility,
  status,
  observedAt: at,
});
export const qty = (variantId: number, facility: string, quantity: number, at = observedAt()) => ({
  variantId,
  facility,
  quantity,
  observedAt: at,
});

export const UNLIMITED: TargetStock = { kind: 'unlimited' };
export const OUT: TargetStock = { kind: 'out_of_stock' };
export const Q = (quantity: number): TargetStock => ({ kind: 'quantity', quantity });

export async function putCatalog(
  hub: TestHub,
  variants: { id: number; productId: number; fulfillment: 'pod' | 'warehouse' }[],
): Promise<void> {
  await hub.put('/v1/catalog/variants', { variants: variants.map((v) => ({ ...v, name: `catalog ${v.id}` })) }).expect(200);
}

export async function createPlatformStore(
  hub: TestHub,
  sim: RunningSimulator<unknown>,
  input: { sellingRegion: string; name?: string; driftPolicy?: 'reassert' | 'report'; stockSyncEnabled?: boolean },
): Promise<string> {
  const res = await hub.post('/v1/stores', {
    name: input.name ?? `${sim.id} ${input.sellingRegion}`,
    platform: sim.id,
    sellingRegion: input.sellingRegion,
    ...(input.driftPolicy ? { driftPolicy: input.driftPolicy } : {}),
    ...(input.stockSyncEnabled === undefined ? {} : { stockSyncEnabled: input.stockSyncEnabled }),
    credentials: sim.credentials,
  });
  if (res.status !== 201) throw new Error(`creating a ${sim.id} store failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function postStock(
  hub: TestHub,
  updates: object[],
): Promise<{ accepted: number; stale: number; affectedSyncVariants: number }> {
  const res = await hub.post('/v1/facility-stock', { updates });
  if (res.status !== 202) throw new Error(`facility-stock failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function linkVariants(
  hub: TestHub,
  storeId: string,
  variants: { productId: string; variantId: string; catalogVariantId: number | null; ignored?: boolean }[],
): Promise<void> {
  await hub
    .put(`/v1/stores/${storeId}/sync-variants`, {
      variants: variants.map((v) => ({
        externalProductId: v.productId,
        externalVariantId: v.variantId,
        catalogVariantId: v.catalogVariantId,
        ...(v.ignored === undefined ? {} : { ignored: v.ignored }),
      })),
    })
    .expect(200);
}

export async function getRun(hub: TestHub, runId: string) {
  return (await hub.get(`/v1/sync-runs/${runId}`).expect(200)).body;
}

export async function getChanges(hub: TestHub, runId: string) {
  return (await hub.get(`/v1/sync-runs/${runId}/changes`).expect(200)).body as {
    externalProductId: string;
    externalVariantId: string;
    from: TargetStock | null;
    to: TargetStock | null;
    outcome: string;
    error?: { code: string; message: string };
  }[];
}

export async function storeStatus(hub: TestHub, storeId: string): Promise<{ status: string; statusReason: string | null }> {
  return (await hub.get(`/v1/stores/${storeId}`).expect(200)).body;
}
