/** Test plumbing: a running Weebly simulator and the real plugin connected to it over HTTP. */
import { type StoreConnection, type TargetStock } from '@stock-sync/plugin-sdk';
import { connectToSimulator, startSimulator, type RunningSimulator, type SeedProduct } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { simulator, type WeeblySimState } from '../src/simulator';

export type WeeblySim = RunningSimulator<WeeblySimState>;
export const startWeeblySimulator = (): Promise<WeeblySim> => startSimulator(simulator);

export function connect(sim: WeeblySim, overrides: Record<string, string> = {}): StoreConnection {
  return connectToSimulator({ plugin, simulator: sim, credentials: overrides }).connection;
}

export function product(productId: number, firstSku: number, count: number, initial?: TargetStock): SeedProduct {
  return {
    productId: String(productId),
    variants: Array.from({ length: count }, (_, i) => ({ variantId: String(firstSku + i), sku: `SKU-${firstSku + i}`, initial })),
  };
}

export const refsOf = (p: SeedProduct) => p.variants.map((v) => ({ externalProductId: p.productId, externalVariantId: v.variantId }));

export async function call(sim: WeeblySim, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sim.baseUrl}/v1/user/sites/${sim.credentials.siteId}/store${path}`, {
    method,
    headers: {
      'x-weebly-access-token': sim.credentials.accessToken,
      accept: 'application/vnd.weebly.v1+json',
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

export const lines = (sim: WeeblySim) =>
  sim.requests.map((r) => `${r.method} ${r.path.replace(/^\/v1\/user\/sites\/\d+\/store/, '')} ${r.status}`);
