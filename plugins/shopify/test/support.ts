/**
 * Test support: a running Shopify simulator and a plugin connection to it, built the way the hub
 * builds one (the testkit's connectToSimulator: the manifest's rate limit, the secrets redacted, a short backoff).
 */
import type { HttpClient, StoreConnection } from '@stock-sync/plugin-api';
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import type { RunningSimulator, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../src';
import { simulator, type ShopifyState } from '../src/simulator';

export interface Harness {
  sim: RunningSimulator<ShopifyState>;
  http: HttpClient;
  connection: StoreConnection;
  /** A connection with other credentials against the same simulator. */
  connect(overrides: Record<string, string>): StoreConnection;
  close(): Promise<void>;
}

export async function startHarness(products: SeedProduct[] = [], opts: { maxAttempts?: number } = {}): Promise<Harness> {
  const httpOptions = { maxAttempts: opts.maxAttempts };
  const first = await connectToSimulator({ plugin, simulator, seed: products, httpOptions });
  let http = first.http;
  const connect = (overrides: Record<string, string> = {}) => {
    const other = connectToSimulator({ plugin, simulator: first.sim, credentials: overrides, httpOptions });
    http = other.http;
    return other.connection;
  };
  return {
    sim: first.sim,
    get http() {
      return http;
    },
    connection: first.connection,
    connect,
    close: first.close,
  };
}

/** Products p<i> with `perProduct` variants v<i>-<j>, all starting at `initial`. */
export function catalog(
  products: number,
  perProduct: number,
  initial: SeedProduct['variants'][number]['initial'] = { kind: 'unlimited' },
): SeedProduct[] {
  return Array.from({ length: products }, (_, i) => ({
    productId: String(8000 + i),
    variants: Array.from({ length: perProduct }, (_, j) => ({ variantId: String(40000 + i * 100 + j), initial })),
  }));
}

export function refOf(productId: string, variantId: string) {
  return { externalProductId: productId, externalVariantId: variantId };
}

/** A raw Admin GraphQL request to the simulator (what any client would send). */
export async function gql(
  sim: RunningSimulator<ShopifyState>,
  query: string,
  variables: Record<string, unknown> = {},
  token: string = sim.credentials.accessToken,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sim.baseUrl}/admin/api/2026-04/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}
