/** Test plumbing: a running Ecwid simulator and the real plugin connected to it over HTTP. */
import { type StoreConnection } from '@stock-sync/plugin-sdk';
import {
  fetchParsed,
  seedProduct,
  refsOfProduct,
  connectToSimulator,
  startSimulator,
  type RunningSimulator,
} from '@stock-sync/plugin-testkit';
import { plugin } from '../../src';
import type { CallManyOptions } from '../../src/call-many';
import { EcwidConnection } from '../../src/connection';
import { createEcwidApi } from '../../src/ecwid-api';
import { simulator, type EcwidSimState } from '../../src/simulator';

export type EcwidSim = RunningSimulator<EcwidSimState>;

export function startEcwidSimulator(): Promise<EcwidSim> {
  return startSimulator(simulator);
}

/** The hub's way (the testkit's connectToSimulator): credentials validated, the SDK client with the secret values registered, a short backoff. */
export function connect(sim: EcwidSim, overrides: Record<string, string> = {}): StoreConnection {
  return connectToSimulator({ plugin, simulator: sim, credentials: overrides }).connection;
}

/** The same connection with batch limits / ticket timing chosen by the test (built on the hub's client). */
export function connectWith(sim: EcwidSim, opts: CallManyOptions): StoreConnection {
  const { http, log } = connectToSimulator({ plugin, simulator: sim });
  return new EcwidConnection(createEcwidApi({ credentials: sim.credentials, http, log }), log, opts);
}

/** One seeded product: `count` variants numbered from the first id (the testkit's seedProduct). */
export const product = seedProduct;

export const refsOf = refsOfProduct;

/** A raw call to the simulated store, as any HTTP client would make it. */
export async function call(
  sim: EcwidSim,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const h: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${sim.credentials.accessToken}`, ...headers };
  if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
  return fetchParsed(`${sim.baseUrl}/api/v3/${sim.credentials.storeId}${path}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const shortPaths = (sim: EcwidSim) => sim.requests.map((r) => `${r.method} ${r.path.replace(/^\/api\/v3\/\d+/, '')}`);
