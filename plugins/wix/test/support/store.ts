/** Test plumbing: a running Wix simulator (V1 or V3 site) and the real plugin connected to it over HTTP. */
import { type StoreConnection, type TargetStock } from '@stock-sync/plugin-sdk';
import {
  refsOfProduct,
  connectToSimulator,
  startSimulator,
  type PlatformSimulatorDefinition,
  type RunningSimulator,
  type SeedProduct,
} from '@stock-sync/plugin-testkit';
import { plugin } from '../../src';
import type { WixSimState } from '../../src/simulator';

export type WixSim = RunningSimulator<WixSimState>;

export function start(def: PlatformSimulatorDefinition<WixSimState>): Promise<WixSim> {
  return startSimulator(def);
}

/** The hub's way (the testkit's connectToSimulator); an override of '' removes the field (a site without it). */
export function connect(sim: WixSim, overrides: Record<string, string> = {}): StoreConnection {
  const credentials = Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, v === '' ? undefined : v]));
  return connectToSimulator({ plugin, simulator: sim, credentials }).connection;
}

export function product(productId: string, count: number, initial?: TargetStock): SeedProduct {
  return { productId, variants: Array.from({ length: count }, (_, i) => ({ variantId: `${productId}-v${i + 1}`, initial })) };
}

export const refsOf = refsOfProduct;

export async function call(
  sim: WixSim,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const h: Record<string, string> = {
    accept: 'application/json',
    authorization: sim.credentials.accessToken,
    'wix-site-id': sim.credentials.siteId,
    ...headers,
  };
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(`${sim.baseUrl}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export const calls = (sim: WixSim) =>
  sim.requests.map(
    (r) =>
      `${r.method} ${r.path.replace('/stores/v3/provision/version', 'probe').replace('/stores/v3/inventory-items/query', 'v3 query').replace('/stores/v3/bulk/inventory-items/update', 'v3 bulk').replace('/stores-reader/v2/inventoryItems/query', 'v1 query').replace('/stores/v2/inventoryItems/product/', 'v1 product ')}`,
  );
