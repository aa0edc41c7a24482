/**
 * The WooCommerce simulator with the real plugin connected the hub's way (the testkit's connectToSimulator), and
 * a raw call as any wc/v3 client makes it (HTTP Basic with the sandbox keys unless `auth` is false).
 */
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../../src';
import { simulator, type WooSimState } from '../../src/simulator';

export { seedProduct as product, refsOfProduct as refsOf } from '@stock-sync/plugin-testkit';
export type WooSim = RunningSimulator<WooSimState>;
export const startWooSimulator = (): Promise<WooSim> => startSimulator(simulator);
export const connect = (sim: WooSim, credentials: Record<string, string> = {}) =>
  connectToSimulator({ plugin, simulator: sim, credentials }).connection;
export const batchCalls = (sim: WooSim) => sim.requests.filter((r) => r.method === 'POST' && /\/variations\/batch$/.test(r.path)).length;

export function call(sim: WooSim, method: string, path: string, body?: unknown, auth = true) {
  const { consumerKey, consumerSecret } = sim.credentials;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (auth) headers.authorization = `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64')}`;
  return fetchParsed(`${sim.baseUrl}${path}`, {
    method,
    headers,
    body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
  });
}
