/** Test plumbing: a running Nuvemshop simulator and the real plugin connected to it over HTTP. */
import { type StoreConnection, type TargetStock } from '@stock-sync/plugin-sdk';
import { connectToSimulator, startSimulator, type RunningSimulator, type SeedProduct } from '@stock-sync/plugin-testkit';
import { plugin } from '../../src';
import { simulator, type NuvemSimState } from '../../src/simulator';

export type NuvemSim = RunningSimulator<NuvemSimState>;

export function startNuvemSimulator(): Promise<NuvemSim> {
  return startSimulator(simulator);
}

/** The hub's way (the testkit's connectToSimulator): credentials validated, the SDK client with the secret values registered, a short backoff. */
export function connect(sim: NuvemSim, overrides: Record<string, string> = {}): StoreConnection {
  return connectToSimulator({ plugin, simulator: sim, credentials: overrides }).connection;
}

export function product(productId: number, firstVariant: number, count: number, initial?: TargetStock): SeedProduct {
  return { productId: String(productId), variants: Array.from({ length: count }, (_, i) => ({ variantId: String(firstVariant + i), initial })) };
}

export function refsOf(p: SeedProduct) {
  return p.variants.map((v) => ({ externalProductId: p.productId, externalVariantId: v.variantId }));
}

export function apiPath(sim: NuvemSim, rest: string): string {
  return `/2025-03/${sim.credentials.storeId}${rest}`;
}

/** A raw call to the simulated store, as any HTTP client would make it. */
export async function call(
  sim: NuvemSim,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string | undefined> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const h: Record<string, string> = {
    authentication: `bearer ${sim.credentials.accessToken}`,
    'user-agent': 'QuirkTests (tests@example.com)',
  };
  if (body !== undefined) h['content-type'] = 'application/json';
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) delete h[k];
    else h[k] = v;
  }
  const res = await fetch(`${sim.baseUrl}${path}`, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export function calls(sim: NuvemSim, method: string, pattern: RegExp): number {
  return sim.requests.filter((r) => r.method === method && pattern.test(r.path)).length;
}
