/** Webflow test plumbing: its simulator, its 24-hex SKU ids, raw calls with the site's bearer token. */
import type { TargetStock } from '@stock-sync/plugin-api';
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import { seedProduct } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../../src';
import { simulator, type WebflowSimState } from '../../src/simulator';

export type WebflowSim = RunningSimulator<WebflowSimState>;
export const startWebflowSimulator = (): Promise<WebflowSim> => startSimulator(simulator);

/** The platform's budget is tested apart: a roomier one keeps these tests fast. */
export const connect = (sim: WebflowSim, credentials: Record<string, string> = {}) =>
  connectToSimulator({ plugin, simulator: sim, credentials, rateLimit: { requestsPerSecond: 50, burst: 50 } }).connection;

export const skuId = (n: number): string => n.toString(16).padStart(24, '0');
export const product = (productId: string, firstSku: number, count: number, initial?: TargetStock) =>
  seedProduct(productId, firstSku, count, initial, skuId);

/** A raw call to the simulated site, with its bearer token unless `auth` is false. */
export function call(sim: WebflowSim, method: string, path: string, body?: unknown, auth = true) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (auth) headers.authorization = `Bearer ${sim.credentials.accessToken}`;
  return fetchParsed(`${sim.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
