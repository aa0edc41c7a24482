/** Test plumbing: a running TikTok Shop simulator and the real plugin connected to it over HTTP. */
import type { PluginLogger, StoreConnection } from '@stock-sync/plugin-api';
import { seedProduct, refsOfProduct } from '@stock-sync/plugin-testkit/fixtures';
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import { plugin, signRequest } from '../../src';
import { simulator, type TikTokSimState } from '../../src/simulator';

export type TikTokSim = RunningSimulator<TikTokSimState>;

export const quietLog: PluginLogger = { debug() {}, info() {}, warn() {}, error() {} };

export function startTikTokSimulator(): Promise<TikTokSim> {
  return startSimulator(simulator);
}

/** The hub's way (the testkit's connectToSimulator): credentials validated, the SDK client with the secret values registered, a short backoff. */
export function connect(sim: TikTokSim, overrides: Record<string, string> = {}): StoreConnection {
  return connectToSimulator({ plugin, simulator: sim, credentials: overrides }).connection;
}

/** `count` SKUs numbered from `firstSku` under one product (TikTok ids are long decimal strings). */
export const product = seedProduct;

export const refsOf = refsOfProduct;

export interface RawCallOptions {
  body?: unknown;
  /** Signed query parameters (app_key, timestamp and shop_cipher are filled in unless given). */
  query?: Record<string, string>;
  /** Change the body after signing (a tampered request). */
  tamper?: (body: string) => string;
  timestamp?: number;
  appSecret?: string;
}

/** A signed call to the simulated shop, as any TikTok client would make it. */
export async function call(sim: TikTokSim, method: string, path: string, o: RawCallOptions = {}): Promise<{ status: number; body: any }> {
  const c = sim.credentials;
  const body = o.body === undefined ? '' : JSON.stringify(o.body);
  const query: Record<string, string> = {
    app_key: c.appKey,
    timestamp: String(o.timestamp ?? Math.floor(Date.now() / 1000)),
    shop_cipher: c.shopCipher,
    ...o.query,
  };
  query.sign = signRequest(o.appSecret ?? c.appSecret, path, query, body);
  const sent = o.tamper ? o.tamper(body) : body;
  const res = await fetch(`${sim.baseUrl}${path}?${new URLSearchParams(query).toString()}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-tts-access-token': c.accessToken },
    body: sent === '' ? undefined : sent,
  });
  return { status: res.status, body: await res.json() };
}

export const updateCalls = (sim: TikTokSim) => sim.requests.filter((r) => r.path.endsWith('/inventory/update'));
export const searchCalls = (sim: TikTokSim) => sim.requests.filter((r) => r.path.endsWith('/inventory/search'));
