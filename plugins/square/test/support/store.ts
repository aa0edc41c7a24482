/** Test plumbing: a running Square simulator and the real plugin connected to it over HTTP. */
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
import { simulator, type SquareSimState } from '../../src/simulator';

export type SquareSim = RunningSimulator<SquareSimState>;

export const U = { kind: 'unlimited' } as const;
export const O = { kind: 'out_of_stock' } as const;
export const Q = (quantity: number) => ({ kind: 'quantity', quantity }) as const;

export function startSquareSimulator(): Promise<SquareSim> {
  return startSimulator(simulator);
}

/** The hub's way (the testkit's connectToSimulator), with a roomier budget than the manifest's: tests of the platform, not of its budget. */
export function connect(sim: SquareSim, overrides: Record<string, string> = {}): StoreConnection {
  return connectToSimulator({
    plugin,
    simulator: sim,
    credentials: overrides,
    rateLimit: { ...plugin.manifest.rateLimit, requestsPerSecond: 100, burst: 100 },
  }).connection;
}

/** `count` variations numbered from `firstVariant` under one item (Square ids are strings). */
export const product = seedProduct;

export const refsOf = refsOfProduct;

/** A raw call to the simulated seller, as any HTTP client would make it. */
export async function call(
  sim: SquareSim,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = sim.credentials.accessToken,
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { accept: 'application/json', 'square-version': '2025-08-20' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return fetchParsed(`${sim.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The platform calls made, as `METHOD path`. */
export function calls(sim: SquareSim): string[] {
  return sim.requests.map((r) => `${r.method} ${r.path}`);
}
