/** Test plumbing: a running Wix simulator (V1 or V3 site) and the real plugin connected to it over HTTP. */
import type { StoreConnection, TargetStock } from '@stock-sync/plugin-api';
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import { seedProduct } from '@stock-sync/plugin-testkit/fixtures';
import type { RunningSimulator, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../../src';
import type { WixSimState } from '../../src/simulator';

export { startSimulator as start, refsOfProduct as refsOf } from '@stock-sync/plugin-testkit';
export type WixSim = RunningSimulator<WixSimState>;

/** The hub's way (the testkit's connectToSimulator); an override of '' removes the field (a site without it). */
export function connect(sim: WixSim, overrides: Record<string, string> = {}): StoreConnection {
  const credentials = Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, v === '' ? undefined : v]));
  return connectToSimulator({ plugin, simulator: sim, credentials }).connection;
}

/** Variants `<productId>-v1` … `-v<count>`. */
export const product = (productId: string, count: number, initial?: TargetStock): SeedProduct =>
  seedProduct(productId, 1, count, initial, (n) => `${productId}-v${n}`);

/** One raw request with the sandbox's credentials (JSON body when given); an empty answer's body is undefined. */
export async function call(sim: WixSim, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const { accessToken, siteId } = sim.credentials;
  const res = await fetchParsed(`${sim.baseUrl}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      authorization: accessToken!,
      'wix-site-id': siteId!,
      ...headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (res.body === '' ? undefined : res.body) as any };
}

/** The requests the simulator saw, its paths named for reading. */
export const calls = (sim: WixSim) =>
  sim.requests.map(
    (r) =>
      `${r.method} ${r.path.replace('/stores/v3/provision/version', 'probe').replace('/stores/v3/inventory-items/query', 'v3 query').replace('/stores/v3/bulk/inventory-items/update', 'v3 bulk').replace('/stores-reader/v2/inventoryItems/query', 'v1 query').replace('/stores/v2/inventoryItems/product/', 'v1 product ')}`,
  );
