/** Test plumbing: a running Nuvemshop simulator and the real plugin connected to it over HTTP. */
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
import { simulator, type NuvemSimState } from '../../src/simulator';

export type NuvemSim = RunningSimulator<NuvemSimState>;

export function startNuvemSimulator(): Promise<NuvemSim> {
  return startSimulator(simulator);
}

/** The hub's way (the testkit's connectToSimulator): credentials validated, the SDK client with the secret values registered, a short backoff. */
export function connect(sim: NuvemSim, overrides: Record<string, string> = {}): StoreConnection {
  return connectToSimulator({ plugin, simulator: sim, credentials: overrides }).connection;
}

/** One seeded product: `count` variants numbered from the first id (the testkit's seedProduct). */
export const product = seedProduct;

export const refsOf = refsOfProduct;

export function apiPath(sim: NuvemSim, rest: string): string {
  return `/2025-03/${sim.credentials.storeId}${rest}`;
}

/** A raw call to the simulated store, as any HTTP client would make it. */
export async function call(
  sim: NuvemSim,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string | undefined> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const h: Record<string, string> = {
    authentication: `bearer ${sim.credentials.accessToken}`,
    'user-agent': 'QuirkTests (tests@example.com)',
  };
  if (body !== undefined) h['content-type'] = 'application/json';
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) delete h[k];
    else h[k] = v;
  }
  return fetchParsed(`${sim.baseUrl}${path}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function calls(sim: NuvemSim, method: string, pattern: RegExp): number {
  return sim.requests.filter((r) => r.method === method && pattern.test(r.path)).length;
}
