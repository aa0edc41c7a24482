/** BigCommerce test plumbing: its simulator, the plugin connected over HTTP, raw v3 calls with an X-Auth-Token. */
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../../src';
import { connectBigCommerce } from '../../src/connection';
import type { RecentWrites } from '../../src/recent-writes';
import { simulator, type BigcommerceSimState } from '../../src/simulator';

export { UNLIMITED as U, OUT_OF_STOCK as O, quantity as Q } from '@stock-sync/plugin-sdk';
export { seedProduct as product, refsOfProduct as refsOf } from '@stock-sync/plugin-testkit';

export type BcSim = RunningSimulator<BigcommerceSimState>;
export const startBcSimulator = (): Promise<BcSim> => startSimulator(simulator);

/**
 * A roomier budget than the manifest's: these tests are of the platform, not of its budget. `register`: a settle
 * register with the test's own clock instead of the production one (per process, on Date.now).
 */
export const connect = (sim: BcSim, credentials: Record<string, string> = {}, register?: RecentWrites) =>
  connectToSimulator({
    plugin: register ? { ...plugin, connect: (ctx) => connectBigCommerce(ctx, register) } : plugin,
    simulator: sim,
    credentials,
    rateLimit: { ...plugin.manifest.rateLimit, requestsPerSecond: 100, burst: 100 },
  }).connection;

/** The simulated store's v3 root. */
export const V3 = '/stores/simstore1/v3';

/** A raw JSON call to the simulated store, with its token (or `token`; null: none). */
export function call(sim: BcSim, method: string, path: string, body?: unknown, token: string | null = sim.credentials.accessToken) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== null) headers['x-auth-token'] = token;
  return fetchParsed(`${sim.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The platform calls made, as `METHOD path-after-v3`. */
export const calls = (sim: BcSim): string[] => sim.requests.map((r) => `${r.method} ${r.path.replace(/^\/stores\/[^/]+\/v3/, '')}`);
