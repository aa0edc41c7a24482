/** Test plumbing: a running Ecwid simulator and the real plugin connected to it over HTTP. */
import { createHttpClient, secretValues, type PluginLogger, type StoreConnection, type TargetStock } from '@stock-sync/plugin-sdk';
import { startSimulator, type RunningSimulator, type SeedProduct } from '@stock-sync/plugin-testkit';
import { plugin } from '../../src';
import type { CallManyOptions } from '../../src/call-many';
import { EcwidConnection } from '../../src/connection';
import { createEcwidApi } from '../../src/ecwid-api';
import { simulator, type EcwidSimState } from '../../src/simulator';

export type EcwidSim = RunningSimulator<EcwidSimState>;

export const quietLog: PluginLogger = { debug() {}, info() {}, warn() {}, error() {} };

export function startEcwidSimulator(): Promise<EcwidSim> {
  return startSimulator(simulator);
}

function hubContext(sim: EcwidSim, overrides: Record<string, string>) {
  const credentials = { ...sim.credentials, ...overrides };
  const http = createHttpClient({ rateLimit: plugin.manifest.rateLimit, secrets: secretValues(plugin.credentialFields, credentials), baseDelayMs: 20, maxDelayMs: 200 });
  return { credentials, http, log: quietLog };
}

/** The hub's way: the SDK client with the manifest's budget and the secret values registered. */
export function connect(sim: EcwidSim, overrides: Record<string, string> = {}): StoreConnection {
  return plugin.connect(hubContext(sim, overrides));
}

/** The same connection with batch limits / ticket timing chosen by the test. */
export function connectWith(sim: EcwidSim, opts: CallManyOptions): StoreConnection {
  const ctx = hubContext(sim, {});
  return new EcwidConnection(createEcwidApi(ctx), quietLog, opts);
}

export function product(productId: number, firstCombination: number, count: number, initial?: TargetStock): SeedProduct {
  return { productId: String(productId), variants: Array.from({ length: count }, (_, i) => ({ variantId: String(firstCombination + i), initial })) };
}

export function refsOf(p: SeedProduct) {
  return p.variants.map((v) => ({ externalProductId: p.productId, externalVariantId: v.variantId }));
}

/** A raw call to the simulated store, as any HTTP client would make it. */
export async function call(sim: EcwidSim, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const h: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${sim.credentials.accessToken}`, ...headers };
  if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
  const res = await fetch(`${sim.baseUrl}/api/v3/${sim.credentials.storeId}${path}`, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export const shortPaths = (sim: EcwidSim) => sim.requests.map((r) => `${r.method} ${r.path.replace(/^\/api\/v3\/\d+/, '')}`);
