/** Test plumbing: a running BASE simulator and the real plugin connected to it over HTTP. */
import { type StoreConnection, type TargetStock } from '@stock-sync/plugin-sdk';
import { connectToSimulator, startSimulator, type RunningSimulator, type SeedProduct } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { simulator, type BaseSimState } from '../src/simulator';

export type BaseSim = RunningSimulator<BaseSimState>;
export const startBaseSimulator = (): Promise<BaseSim> => startSimulator(simulator);

export function connect(sim: BaseSim, overrides: Record<string, string> = {}): StoreConnection {
  return connectToSimulator({ plugin, simulator: sim, credentials: overrides }).connection;
}

export function item(itemId: number, firstVariation: number, count: number, initial?: TargetStock): SeedProduct {
  return {
    productId: String(itemId),
    variants: Array.from({ length: count }, (_, i) => ({ variantId: String(firstVariation + i), initial })),
  };
}

export function refsOf(p: SeedProduct) {
  return p.variants.map((v) => ({ externalProductId: p.productId, externalVariantId: v.variantId }));
}

/** A raw call as any BASE client makes it (form-encoded POSTs, Bearer token). */
export async function call(
  sim: BaseSim,
  method: string,
  path: string,
  form?: Record<string, string>,
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${sim.credentials.accessToken}` };
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const res = await fetch(`${sim.baseUrl}${path}`, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined });
  return { status: res.status, body: await res.json() };
}

export const paths = (sim: BaseSim) => sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
