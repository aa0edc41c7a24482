/** Test plumbing: a running Squarespace simulator, the real plugin connected to it over HTTP, raw inventory calls. */
import type { StoreConnection, TargetStock } from '@stock-sync/plugin-api';
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { ParsedResponse } from '@stock-sync/plugin-testkit/fixtures';
import type { PlatformSimulatorDefinition, RunningSimulator, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../../src';
import { simulator, type SquarespaceSimState } from '../../src/simulator';

export { refsOfProduct as refsOf } from '@stock-sync/plugin-testkit';
export type SqspSim = RunningSimulator<SquarespaceSimState>;

export const startSqspSimulator = (def: PlatformSimulatorDefinition<SquarespaceSimState> = simulator): Promise<SqspSim> =>
  startSimulator(def);

/** The hub's way (the testkit's connectToSimulator): credentials validated, secrets registered, a short backoff. */
export const connect = (sim: SqspSim, credentials: Record<string, string> = {}): StoreConnection =>
  connectToSimulator({ plugin, simulator: sim, credentials }).connection;

/** `count` variants "<productId>-v<n>" under one product. */
export function product(productId: string, count: number, initial?: TargetStock): SeedProduct {
  return { productId, variants: Array.from({ length: count }, (_, i) => ({ variantId: `${productId}-v${i + 1}`, initial })) };
}

/** A raw call to the simulated inventory API with the store's key and a User-Agent (JSON body when given). */
export function call(
  sim: SqspSim,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ParsedResponse> {
  const h: Record<string, string> = {
    accept: 'application/json',
    authorization: `Bearer ${sim.credentials.apiKey}`,
    'user-agent': 'quirk-tests/1.0',
  };
  if (body !== undefined) h['content-type'] = 'application/json';
  return fetchParsed(`${sim.baseUrl}/1.0/commerce/inventory${path}`, {
    method,
    headers: { ...h, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const paths = (sim: SqspSim) =>
  sim.requests.map((r) => `${r.method} ${r.path.replace('/1.0/commerce/inventory', '') || '/'} ${r.status}`);
