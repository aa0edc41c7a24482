/**
 * Test harness: the real plugin against the real simulator over HTTP on loopback, wired as the hub
 * wires it (createHttpClient with the manifest's rate limit and the secret credentials redacted).
 */
import { createHttpClient, secretValues, type PluginLogger, type StoreConnection, type VariantRef } from '@stock-sync/plugin-sdk';
import { startSimulator, type RunningSimulator, type SeedProduct } from '@stock-sync/plugin-testkit';
import { credentialFields, plugin } from '../src';
import { simulator, type EtsySimState } from '../src/simulator';

export const quietLog: PluginLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface Harness {
  sim: RunningSimulator<EtsySimState>;
  connect(overrides?: Record<string, string | undefined>): StoreConnection;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const sim = await startSimulator(simulator);
  return {
    sim,
    connect(overrides = {}) {
      const credentials: Record<string, string> = { ...sim.credentials };
      for (const [k, v] of Object.entries(overrides)) {
        if (v === undefined) delete credentials[k];
        else credentials[k] = v;
      }
      const http = createHttpClient({
        rateLimit: plugin.manifest.rateLimit,
        secrets: secretValues(credentialFields, credentials),
        log: quietLog,
        baseDelayMs: 20,
        maxDelayMs: 200,
      });
      return plugin.connect({ credentials, http, log: quietLog });
    },
    close: () => sim.close(),
  };
}

export function ref(listingId: number | string, productId: number | string): VariantRef {
  return { externalProductId: String(listingId), externalVariantId: String(productId) };
}

/** A listing with `n` products: listing id L, product ids L*100+1 … */
export function listingSeed(listingId: number, n: number, initial?: SeedProduct['variants'][number]['initial']): SeedProduct {
  return {
    productId: String(listingId),
    title: `Tee ${listingId}`,
    variants: Array.from({ length: n }, (_, i) => ({ variantId: String(listingId * 100 + i + 1), sku: `SKU-${listingId}-${i + 1}`, initial })),
  };
}

/** The platform requests since the last reset, as "METHOD path" lines. */
export function calls(sim: RunningSimulator<EtsySimState>): string[] {
  return sim.requests.map((r) => `${r.method} ${r.path}`);
}
