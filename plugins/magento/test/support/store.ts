/** The Magento simulator's test plumbing that no testkit export covers: a roomier budget, raw calls, the call log. */
import type { StockWrite, TargetStock, VariantRef } from '@stock-sync/plugin-api';
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../../src';
import type { MagentoSimState } from '../../src/simulator';

export type MagentoSim = RunningSimulator<MagentoSimState>;

/** The hub's way (the testkit's connectToSimulator), with a roomier budget than the manifest's: tests of the platform, not of its budget. */
export const connect = (sim: MagentoSim, credentials: Record<string, string> = {}) =>
  connectToSimulator({
    plugin,
    simulator: sim,
    credentials,
    rateLimit: { ...plugin.manifest.rateLimit, requestsPerSecond: 100, burst: 100 },
  }).connection;

/** A raw call to the simulated store; `token` null sends no Authorization header. */
export function call(sim: MagentoSim, method: string, path: string, body?: unknown, token: string | null = sim.credentials.accessToken) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return fetchParsed(`${sim.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The platform calls made, as `METHOD path-after-V1`. */
export const calls = (sim: MagentoSim) => sim.requests.map((r) => `${r.method} ${r.path.replace(/^\/rest\/[^/]+\/V1/, '')}`);

/** The same target (and the hub's belief) for every ref. */
export const writes = (refs: VariantRef[], target: TargetStock, previous?: TargetStock): StockWrite[] =>
  refs.map((r) => ({ ...r, target, previous }));
