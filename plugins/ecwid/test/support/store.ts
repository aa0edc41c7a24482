/** The Ecwid simulator's test plumbing that no testkit export covers: a tuned connection, raw calls, the call log. */
import type { StoreConnection } from '@stock-sync/plugin-api';
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../../src';
import type { CallManyOptions } from '../../src/call-many';
import { ecwidConnection } from '../../src/connection';
import { createEcwidApi } from '../../src/ecwid-api';
import type { EcwidSimState } from '../../src/simulator';

export type EcwidSim = RunningSimulator<EcwidSimState>;

/** The hub's way (the testkit's connectToSimulator), with credentials overridden by the test. */
export const connect = (sim: EcwidSim, credentials: Record<string, string> = {}) =>
  connectToSimulator({ plugin, simulator: sim, credentials }).connection;

/** The same connection with batch limits / ticket timing chosen by the test (built on the hub's client). */
export function connectWith(sim: EcwidSim, opts: CallManyOptions): StoreConnection {
  const { http, log } = connectToSimulator({ plugin, simulator: sim });
  return ecwidConnection(createEcwidApi({ credentials: sim.credentials, http, log }), log, opts);
}

/** A raw call to the simulated store's REST v3, with the store's token unless `headers` says otherwise. */
export function call(sim: EcwidSim, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${sim.credentials.accessToken}`, ...headers };
  if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
  const raw = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
  return fetchParsed(`${sim.baseUrl}/api/v3/${sim.credentials.storeId}${path}`, { method, headers: h, body: raw });
}

/** The platform calls made, as `METHOD path-after-the-store-id`. */
export const shortPaths = (sim: EcwidSim) => sim.requests.map((r) => `${r.method} ${r.path.replace(/^\/api\/v3\/\d+/, '')}`);

/** The same target (and the hub's belief) for every ref. */
export { writesOf as writes } from '@stock-sync/plugin-testkit/contract';
