/** Test plumbing: a running Webflow simulator and the real plugin connected to it over HTTP. */
import { type StoreConnection, type TargetStock } from '@stock-sync/plugin-sdk';
import {
  seedProduct,
  refsOfProduct,
  fetchParsed,
  connectToSimulator,
  startSimulator,
  type RunningSimulator,
  type SeedProduct,
} from '@stock-sync/plugin-testkit';
import { plugin } from '../../src';
import { simulator, type WebflowSimState } from '../../src/simulator';

export type WebflowSim = RunningSimulator<WebflowSimState>;

export function startWebflowSimulator(): Promise<WebflowSim> {
  return startSimulator(simulator);
}

/** The hub's way (the testkit's connectToSimulator), with a roomier budget than the manifest's: tests of the platform, not of its budget. */
export function connect(sim: WebflowSim, overrides: Record<string, string> = {}): StoreConnection {
  // the platform's budget is tested apart; keep tests fast
  return connectToSimulator({ plugin, simulator: sim, credentials: overrides, rateLimit: { requestsPerSecond: 50, burst: 50 } }).connection;
}

/** SKU ids in Webflow's 24-hex form. */
export function skuId(n: number): string {
  return n.toString(16).padStart(24, '0');
}

export function product(productId: string, firstSku: number, count: number, initial?: TargetStock): SeedProduct {
  return seedProduct(productId, firstSku, count, initial, skuId);
}

export const refsOf = refsOfProduct;

export async function call(
  sim: WebflowSim,
  method: string,
  path: string,
  body?: unknown,
  auth = true,
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (auth) headers.authorization = `Bearer ${sim.credentials.accessToken}`;
  return fetchParsed(`${sim.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
