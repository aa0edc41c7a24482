/** Test plumbing: a running Squarespace simulator and the real plugin connected to it over HTTP. */
import { type StoreConnection, type TargetStock } from '@stock-sync/plugin-sdk';
import {
  refsOfProduct,
  connectToSimulator,
  startSimulator,
  type PlatformSimulatorDefinition,
  type RunningSimulator,
  type SeedProduct,
} from '@stock-sync/plugin-testkit';
import { plugin } from '../../src';
import { simulator, type SquarespaceSimState } from '../../src/simulator';

export type SqspSim = RunningSimulator<SquarespaceSimState>;

export function startSqspSimulator(def: PlatformSimulatorDefinition<SquarespaceSimState> = simulator): Promise<SqspSim> {
  return startSimulator(def);
}

/** The hub's way (the testkit's connectToSimulator): credentials validated, the SDK client with the secret values registered, a short backoff. */
export function connect(sim: SqspSim, overrides: Record<string, string> = {}): StoreConnection {
  return connectToSimulator({ plugin, simulator: sim, credentials: overrides }).connection;
}

/** `count` variants "<prefix>-<n>" under one product. */
export function product(productId: string, count: number, initial?: TargetStock): SeedProduct {
  return { productId, variants: Array.from({ length: count }, (_, i) => ({ variantId: `${productId}-v${i + 1}`, initial })) };
}

export const refsOf = refsOfProduct;

export async function call(
  sim: SqspSim,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const h: Record<string, string> = {
    accept: 'application/json',
    authorization: `Bearer ${sim.credentials.apiKey}`,
    'user-agent': 'quirk-tests/1.0',
    ...headers,
  };
  if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
  const res = await fetch(`${sim.baseUrl}/1.0/commerce/inventory${path}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export const paths = (sim: SqspSim) =>
  sim.requests.map((r) => `${r.method} ${r.path.replace('/1.0/commerce/inventory', '') || '/'} ${r.status}`);
