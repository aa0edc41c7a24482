/**
 * The bench's world, set up through the hub's API and the simulators' /__sim routes: a warehouse catalog,
 * N stores round-robin over the platforms in regions that all contain the benchmark facility, each with V
 * synced variants in its simulated catalog. Numeric ids, as every platform accepts them.
 */
import { startSimulator, type RunningSimulator } from '@stock-sync/plugin-testkit';
import { loadSimulatorDefinition, type Sandbox } from '@stock-sync/sandbox';
import { json } from './http-json';

/** Every store's region contains it, so one change there reaches every store. */
export const BENCH_FACILITY = 'US-NC';
const REGIONS = ['worldwide', 'north_america'];
const VARIANTS_PER_PRODUCT = 10;
/** Catalog ids of the synced variants: 1..V. The ingest phase uses its own, unsynced range. */
export const INGEST_CATALOG_BASE = 1_000_000;

export interface BenchStore {
  id: string;
  index: number;
  platform: string;
  simUrl: string;
  /** externalVariantId → catalog variant id */
  variants: Map<string, number>;
}

export function storeVariantIds(storeIndex: number, variant: number): { productId: string; variantId: string } {
  const product = (storeIndex + 1) * 100_000 + Math.floor(variant / VARIANTS_PER_PRODUCT);
  return { productId: String(product), variantId: String(product * 100 + (variant % VARIANTS_PER_PRODUCT) + 1) };
}

export class BenchHubApi {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}
  call<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
    return json<T>(`${this.url}${path}`, { method, body, token: this.token, timeoutMs: 60_000 });
  }
  postFacilityStock(updates: { variantId: number; facility: string; quantity: number; observedAt: string }[]) {
    return this.call<{ accepted: number; stale: number; affectedSyncVariants: number }>('/v1/facility-stock', 'POST', { updates });
  }
}

export async function setUpCatalog(hub: BenchHubApi, variants: number, ingestVariants: number): Promise<void> {
  const rows = [
    ...Array.from({ length: variants }, (_, i) => ({
      id: i + 1,
      productId: Math.floor(i / VARIANTS_PER_PRODUCT) + 1,
      name: `Bench item ${i + 1}`,
      fulfillment: 'warehouse',
    })),
    ...Array.from({ length: ingestVariants }, (_, i) => ({
      id: INGEST_CATALOG_BASE + i,
      productId: INGEST_CATALOG_BASE + i,
      name: `Ingest item ${i}`,
      fulfillment: 'warehouse',
    })),
  ];
  for (let i = 0; i < rows.length; i += 10_000) await hub.call('/v1/catalog/variants', 'PUT', { variants: rows.slice(i, i + 10_000) });
}

/**
 * One simulated shop per store, as in reality (each store is its own shop with its own rate budget): the
 * first store of a platform uses the sandbox's simulator, the others get another instance of the same
 * simulator definition on an ephemeral loopback port. `extra` collects those for closing.
 */
export async function shopFor(
  sandbox: Sandbox,
  platform: string,
  taken: Set<string>,
  extra: RunningSimulator<unknown>[],
): Promise<RunningSimulator<unknown>> {
  const entry = sandbox.get(platform);
  if (!entry) throw new Error(`no simulator for "${platform}" in the sandbox`);
  if (!taken.has(platform)) {
    taken.add(platform);
    return entry.simulator;
  }
  const def = loadSimulatorDefinition(entry.package);
  if (!def.ok) throw new Error(`the ${platform} simulator: ${def.reason}`);
  const sim = await startSimulator(def.value, { port: 0, host: '127.0.0.1' });
  extra.push(sim);
  return sim;
}

export async function setUpStores(
  hub: BenchHubApi,
  sandbox: Sandbox,
  platforms: string[],
  stores: number,
  variants: number,
  extra: RunningSimulator<unknown>[],
): Promise<BenchStore[]> {
  const out: BenchStore[] = [];
  const taken = new Set<string>();
  for (let s = 0; s < stores; s++) {
    const platform = platforms[s % platforms.length];
    const sim = { simulator: await shopFor(sandbox, platform, taken, extra) };
    const simUrl = sim.simulator.baseUrl;
    const products = new Map<string, { variantId: string; initial: { kind: 'out_of_stock' } }[]>();
    const map = new Map<string, number>();
    const links: { externalProductId: string; externalVariantId: string; catalogVariantId: number }[] = [];
    for (let v = 0; v < variants; v++) {
      const ids = storeVariantIds(s, v);
      const list = products.get(ids.productId) ?? [];
      list.push({ variantId: ids.variantId, initial: { kind: 'out_of_stock' } });
      products.set(ids.productId, list);
      map.set(ids.variantId, v + 1);
      links.push({ externalProductId: ids.productId, externalVariantId: ids.variantId, catalogVariantId: v + 1 });
    }
    await json(`${simUrl}/__sim/seed`, {
      method: 'POST',
      body: { products: [...products].map(([productId, vs]) => ({ productId, title: `Bench product ${productId}`, variants: vs })) },
    });
    const created = await hub.call<{ id: string | number }>('/v1/stores?verify=true', 'POST', {
      name: `Bench ${platform} #${s + 1}`,
      platform,
      sellingRegion: REGIONS[s % REGIONS.length],
      credentials: { ...sim.simulator.credentials },
    });
    await hub.call(`/v1/stores/${created.id}/sync-variants`, 'PUT', { variants: links });
    out.push({ id: String(created.id), index: s, platform, simUrl, variants: map });
  }
  return out;
}
