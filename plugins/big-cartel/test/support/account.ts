/** Test plumbing: a running Big Cartel simulator and the real plugin connected to it over HTTP. */
import { createHttpClient, secretValues, type PluginLogger, type StoreConnection, type TargetStock } from '@stock-sync/plugin-sdk';
import { startSimulator, type RunningSimulator, type SeedProduct } from '@stock-sync/plugin-testkit';
import { plugin } from '../../src';
import { simulator, type BigCartelSimState } from '../../src/simulator';

export type BigCartelSim = RunningSimulator<BigCartelSimState>;

export const quietLog: PluginLogger = { debug() {}, info() {}, warn() {}, error() {} };

export function startBigCartelSimulator(): Promise<BigCartelSim> {
  return startSimulator(simulator);
}

export function connect(sim: BigCartelSim, overrides: Record<string, string> = {}, drop: string[] = []): StoreConnection {
  const credentials: Record<string, string> = { ...sim.credentials, ...overrides };
  for (const k of drop) delete credentials[k];
  const http = createHttpClient({
    rateLimit: { requestsPerSecond: 50, burst: 50 }, // tests of the platform's behaviour, not of the budget
    secrets: secretValues(plugin.credentialFields, credentials),
    baseDelayMs: 20,
    maxDelayMs: 200,
  });
  return plugin.connect({ credentials, http, log: quietLog });
}

export function product(productId: number, firstOption: number, count: number, initial?: TargetStock): SeedProduct {
  return { productId: String(productId), variants: Array.from({ length: count }, (_, i) => ({ variantId: String(firstOption + i), initial })) };
}

export function refsOf(p: SeedProduct) {
  return p.variants.map((v) => ({ externalProductId: p.productId, externalVariantId: v.variantId }));
}

export async function call(sim: BigCartelSim, method: string, path: string, body?: unknown, headers: Record<string, string | undefined> = {}): Promise<{ status: number; body: any }> {
  const h: Record<string, string> = {
    accept: 'application/vnd.api+json',
    'user-agent': 'QuirkTests (tests@example.com)',
    authorization: `Bearer ${sim.credentials.accessToken}`,
  };
  if (body !== undefined) h['content-type'] = 'application/vnd.api+json';
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) delete h[k];
    else h[k] = v;
  }
  const res = await fetch(`${sim.baseUrl}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}
