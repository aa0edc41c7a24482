/** Test plumbing: the Big Cartel simulator, the plugin connected to it the hub's way, raw calls to it. */
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../../src';
import { simulator, type BigCartelSimState } from '../../src/simulator';

export type BigCartelSim = RunningSimulator<BigCartelSimState>;
export const startBigCartelSimulator = (): Promise<BigCartelSim> => startSimulator(simulator);

/** A roomier budget than the manifest's (tests of the platform, not of the budget); undefined drops a credential. */
export const connect = (sim: BigCartelSim, credentials: Record<string, string | undefined> = {}) =>
  connectToSimulator({ plugin, simulator: sim, credentials, rateLimit: { requestsPerSecond: 50, burst: 50 } }).connection;

/** A raw JSON:API call with the headers Big Cartel requires; `headers` replace them (undefined: left out). */
export function call(sim: BigCartelSim, method: string, path: string, body?: unknown, headers: Record<string, string | undefined> = {}) {
  const h: Record<string, string | undefined> = {
    accept: 'application/vnd.api+json',
    'user-agent': 'QuirkTests (tests@example.com)',
    authorization: `Bearer ${sim.credentials.accessToken}`,
    ...(body !== undefined ? { 'content-type': 'application/vnd.api+json' } : {}),
    ...headers,
  };
  const sent = Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined));
  return fetchParsed(`${sim.baseUrl}${path}`, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
}
