/** Test plumbing: a running BigCommerce simulator and the real plugin connected to it over HTTP. */
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
import { simulator, type BigcommerceSimState } from '../../src/simulator';

export type BcSim = RunningSimulator<BigcommerceSimState>;

export const U = { kind: 'unlimited' } as const;
export const O = { kind: 'out_of_stock' } as const;
export const Q = (quantity: number) => ({ kind: 'quantity', quantity }) as const;

export function startBcSimulator(): Promise<BcSim> {
  return startSimulator(simulator);
}

/** The hub's way (the testkit's connectToSimulator), with a roomier budget than the manifest's: tests of the platform, not of its budget. */
export function connect(sim: BcSim, overrides: Record<string, string> = {}): StoreConnection {
  return connectToSimulator({
    plugin,
    simulator: sim,
    credentials: overrides,
    rateLimit: { ...plugin.manifest.rateLimit, requestsPerSecond: 100, burst: 100 },
  }).connection;
}

/** `count` variants numbered from `firstVariant` under one product. */
export const product = seedProduct;

export const refsOf = refsOfProduct;

/** A raw call to the simulated store, as any HTTP client would make it. */
export async function call(
  sim: BcSim,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = sim.credentials.accessToken,
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== null) headers['x-auth-token'] = token;
  return fetchParsed(`${sim.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export const V3 = '/stores/simstore1/v3';

/** The platform calls made, as `METHOD path-after-v3`. */
export function calls(sim: BcSim): string[] {
  return sim.requests.map((r) => `${r.method} ${r.path.replace(/^\/stores\/[^/]+\/v3/, '')}`);
}
