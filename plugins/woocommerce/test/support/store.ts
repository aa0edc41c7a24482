/** Test plumbing: a running WooCommerce simulator and the real plugin connected to it over HTTP. */
import { type StoreConnection } from '@stock-sync/plugin-sdk';
import {
  seedProduct,
  refsOfProduct,
  fetchParsed,
  connectToSimulator,
  startSimulator,
  type RunningSimulator,
} from '@stock-sync/plugin-testkit';
import { plugin } from '../../src';
import { simulator, type WooSimState } from '../../src/simulator';

export type WooSim = RunningSimulator<WooSimState>;

export function startWooSimulator(): Promise<WooSim> {
  return startSimulator(simulator);
}

/** The hub's way (the testkit's connectToSimulator): credentials validated, the SDK client with the secret values registered, a short backoff. */
export function connect(sim: WooSim, overrides: Record<string, string> = {}): StoreConnection {
  return connectToSimulator({ plugin, simulator: sim, credentials: overrides }).connection;
}

/** `count` variations numbered from `firstVariation` under one product. */
export const product = seedProduct;

export const refsOf = refsOfProduct;

/** A raw call to the simulated store, as any HTTP client would make it. */
export async function call(
  sim: WooSim,
  method: string,
  path: string,
  body?: unknown,
  auth = true,
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (auth)
    headers.authorization = `Basic ${Buffer.from(`${sim.credentials.consumerKey}:${sim.credentials.consumerSecret}`).toString('base64')}`;
  return fetchParsed(`${sim.baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function batchCalls(sim: WooSim): number {
  return sim.requests.filter((r) => r.method === 'POST' && /\/variations\/batch$/.test(r.path)).length;
}
