/** Test plumbing: the Square simulator, the plugin connected to it the hub's way, raw calls to it. */
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../../src';
import { simulator, type SquareSimState } from '../../src/simulator';

export type SquareSim = RunningSimulator<SquareSimState>;
export const startSquareSimulator = (): Promise<SquareSim> => startSimulator(simulator);

/** A roomier budget than the manifest's: tests of the platform, not of its budget. */
export const connect = (sim: SquareSim, credentials: Record<string, string> = {}) =>
  connectToSimulator({ plugin, simulator: sim, credentials, rateLimit: { requestsPerSecond: 100, burst: 100 } }).connection;

/** A raw call to the simulated seller (Square-Version pinned), as any HTTP client would make it; token null: none. */
export function call(sim: SquareSim, method: string, path: string, body?: unknown, token: string | null = sim.credentials.accessToken) {
  const headers: Record<string, string> = { accept: 'application/json', 'square-version': '2025-08-20' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return fetchParsed(`${sim.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The platform calls made, as `METHOD path`. */
export const calls = (sim: SquareSim) => sim.requests.map((r) => `${r.method} ${r.path}`);
