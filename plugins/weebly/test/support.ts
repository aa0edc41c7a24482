/** Test plumbing: a running Weebly simulator and the real plugin connected to it over HTTP. */
import type { StoreConnection, TargetStock } from '@stock-sync/plugin-api';
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { RunningSimulator, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../src';
import { ACCEPT } from '../src/manifest';
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

/** A raw call to the simulated site store, with the site's token (no plugin in between). */
export const call = (sim: WeeblySim, method: string, path: string, body?: unknown) =>
  fetchParsed(`${sim.baseUrl}/v1/user/sites/${sim.credentials.siteId}/store${path}`, {
    method,
    headers: { 'x-weebly-access-token': sim.credentials.accessToken, accept: ACCEPT, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

export const lines = (sim: WeeblySim) =>
  sim.requests.map((r) => `${r.method} ${r.path.replace(/^\/v1\/user\/sites\/\d+\/store/, '')} ${r.status}`);
