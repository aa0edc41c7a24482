/**
 * The Nuvemshop simulator with the real plugin connected the hub's way (the testkit's connectToSimulator), and a
 * raw call as any Nuvemshop client makes it: `Authentication: bearer` and the User-Agent the platform requires.
 */
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../../src';
import { simulator, type NuvemSimState } from '../../src/simulator';

export { seedProduct as product, refsOfProduct as refsOf } from '@stock-sync/plugin-testkit';
export type NuvemSim = RunningSimulator<NuvemSimState>;
export const startNuvemSimulator = (): Promise<NuvemSim> => startSimulator(simulator);
export const connect = (sim: NuvemSim, credentials: Record<string, string> = {}) =>
  connectToSimulator({ plugin, simulator: sim, credentials }).connection;
export const apiPath = (sim: NuvemSim, rest: string) => `/2025-03/${sim.credentials.storeId}${rest}`;
export const calls = (sim: NuvemSim, method: string, pattern: RegExp) =>
  sim.requests.filter((r) => r.method === method && pattern.test(r.path)).length;

/** `headers`: undefined drops one of the defaults. */
export function call(sim: NuvemSim, method: string, path: string, body?: unknown, headers: Record<string, string | undefined> = {}) {
  const all: Record<string, string | undefined> = {
    authentication: `bearer ${sim.credentials.accessToken}`,
    'user-agent': 'QuirkTests (tests@example.com)',
    'content-type': body === undefined ? undefined : 'application/json',
    ...headers,
  };
  const sent = Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
  return fetchParsed(`${sim.baseUrl}${path}`, {
    method,
    headers: sent,
    body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
  });
}
