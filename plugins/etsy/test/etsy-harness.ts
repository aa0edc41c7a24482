/**
 * Test harness: the real plugin against the real simulator over HTTP on loopback, wired as the hub
 * wires it (the testkit's connectToSimulator: the manifest's rate limit, the secret credentials redacted).
 */
import type { ConnectContext, StoreConnection, VariantRef } from '@stock-sync/plugin-api';
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { RunningSimulator, SeedProduct, StartSimulatorOptions } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../src';
import { simulator, type EtsySimState } from '../src/simulator';

export interface Harness {
  sim: RunningSimulator<EtsySimState>;
  connect(overrides?: Record<string, string | undefined>): StoreConnection;
  /** The ConnectContext the hub would build for these credentials (for refreshCredentials). */
  context(overrides?: Record<string, string | undefined>): ConnectContext;
  close(): Promise<void>;
}

export async function startHarness(opts: StartSimulatorOptions = {}): Promise<Harness> {
  const sim = await startSimulator(simulator, opts);
  // Credentials as given (the plugin's own checks are under test), not validated as the hub would.
  const hub = (overrides: Record<string, string | undefined> = {}) =>
    connectToSimulator({ plugin, simulator: sim, credentials: overrides, validate: false });
  const context = (overrides: Record<string, string | undefined> = {}): ConnectContext => {
    const credentials: Record<string, string> = { ...sim.credentials };
    for (const [k, v] of Object.entries(overrides)) {
      if (v === undefined) delete credentials[k];
      else credentials[k] = v;
    }
    const { http, log } = hub(overrides);
    return { credentials, http, log };
  };
  return { sim, context, connect: (overrides) => hub(overrides).connection, close: () => sim.close() };
}

export function ref(listingId: number | string, productId: number | string): VariantRef {
  return { externalProductId: String(listingId), externalVariantId: String(productId) };
}

/**
 * A simulator clock that runs with real time plus a skew moved 2 s before each test (registers a jest
 * beforeEach; call it at a test file's top level): every test starts with Etsy's per-second budget refilled, so
 * a busy previous test cannot turn a test's first call into a 429 and a retry (that flaked under CI load).
 */
export function clockRefilledPerTest(): () => number {
  let skew = 0;
  beforeEach(() => {
    skew += 2_000;
  });
  return () => Date.now() + skew;
}

/** A simulator clock that moves a second per reading, so raw-request tests never meet the QPS budget. */
export function fastClock(): () => number {
  let t = Date.now();
  return () => (t += 1_000);
}

/** A listing with `n` products: listing id L, product ids L*100+1 … */
export function listingSeed(listingId: number, n: number, initial?: SeedProduct['variants'][number]['initial']): SeedProduct {
  return {
    productId: String(listingId),
    title: `Tee ${listingId}`,
    variants: Array.from({ length: n }, (_, i) => ({
      variantId: String(listingId * 100 + i + 1),
      sku: `SKU-${listingId}-${i + 1}`,
      initial,
    })),
  };
}

/** The platform requests since the last reset, as "METHOD path" lines. */
export function calls(sim: RunningSimulator<EtsySimState>): string[] {
  return sim.requests.map((r) => `${r.method} ${r.path}`);
}

/** A raw request to the simulator, authenticated as the simulated app unless headers say otherwise. */
export async function etsyFetch(
  sim: RunningSimulator<EtsySimState>,
  method: string,
  path: string,
  opts: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = {
    'x-api-key': `${sim.credentials.apiKey}:${sim.credentials.sharedSecret}`,
    authorization: `Bearer ${sim.credentials.accessToken}`,
    ...(opts.headers ?? {}),
  };
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  }
  const res = await fetch(`${sim.baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
