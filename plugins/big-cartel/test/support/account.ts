/** Test plumbing: a running Big Cartel simulator and the real plugin connected to it over HTTP. */
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
import { simulator, type BigCartelSimState } from '../../src/simulator';

export type BigCartelSim = RunningSimulator<BigCartelSimState>;

export function startBigCartelSimulator(): Promise<BigCartelSim> {
  return startSimulator(simulator);
}

/**
 * The hub's way (the testkit's connectToSimulator) with a roomier budget than the manifest's: tests of the
 * platform's behaviour, not of the budget. `drop` removes credential fields (a store using HTTP Basic, or none).
 */
export function connect(sim: BigCartelSim, overrides: Record<string, string> = {}, drop: string[] = []): StoreConnection {
  const credentials: Record<string, string | undefined> = { ...overrides };
  for (const k of drop) credentials[k] = undefined;
  return connectToSimulator({ plugin, simulator: sim, credentials, rateLimit: { requestsPerSecond: 50, burst: 50 } }).connection;
}

/** One seeded product: `count` variants numbered from the first id (the testkit's seedProduct). */
export const product = seedProduct;

export const refsOf = refsOfProduct;

export async function call(
  sim: BigCartelSim,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string | undefined> = {},
): Promise<{ status: number; body: any }> {
  const h: Record<string, string> = {
    accept: 'application/vnd.api+json',
    'user-agent': 'QuirkTests (tests@example.com)',
    authorization: `Bearer ${sim.credentials.accessToken}`,
  };
  if (body !== undefined) h['content-type'] = 'application/vnd.api+json';
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) delete h[k];
    else h[k] = v;
  }
  return fetchParsed(`${sim.baseUrl}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
}
