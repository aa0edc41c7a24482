/**
 * The scale scenarios' world: one multi-tenant simulator per platform (every store its own shop — own
 * credentials, catalog, state and rate budget — on one port per platform), a catalog, and the stores created
 * through the hub's API (stores one by one, as there is no batch route for them, several in flight; their
 * synced variants as one batch each). Shops for the naive baseline live on the same simulators, unknown to the hub.
 */
import type { IntegrationPlugin, VariantRef } from './plugin-types';
import { startMultiTenantSimulator, type MultiTenantSimulator, type RunningSimulator } from '@stock-sync/plugin-testkit';
import { loadPlugin, loadSimulatorDefinition, type Sandbox } from '@stock-sync/sandbox';
import type { BenchHubApi } from './bench-fleet';
import { forEachLimit } from './pool';
import { catalogVariantOf, latencyFor, type ScenarioArgs } from './scenario-args';

const REGIONS = ['worldwide', 'north_america'];
const VARIANTS_PER_PRODUCT = 10;
/** Store creations in flight: enough to keep the hub busy, few enough not to time out on a 2-core machine. */
const SETUP_CONCURRENCY = 32;

/**
 * Retries a call that failed below HTTP ("fetch failed": a kept-alive socket the hub closed as the request
 * went out, which thousands of back-to-back requests meet now and then); an HTTP error answer is not retried.
 */
async function retryingNetwork<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (e) {
      if (i >= attempts || !(e instanceof TypeError) || e.message !== 'fetch failed') throw e;
      await new Promise((r) => setTimeout(r, 200 * i));
    }
  }
}

/** A shop's k-th variant. Every shop is its own catalog on the platform, so the ids repeat across shops. */
export function shopVariantIds(k: number): VariantRef {
  const product = 1_000 + Math.floor(k / VARIANTS_PER_PRODUCT);
  return { externalProductId: String(product), externalVariantId: String(product * 100 + (k % VARIANTS_PER_PRODUCT) + 1) };
}

export interface FleetShop {
  platform: string;
  tenant: number;
  shop: RunningSimulator<unknown>;
  /** k → the shop's variant. */
  refs: VariantRef[];
}

export interface FleetStore extends FleetShop {
  id: string;
  index: number;
  /** k → catalog variant id. */
  catalogIds: number[];
}

export interface Fleet {
  sims: Map<string, MultiTenantSimulator<unknown>>;
  plugins: Map<string, IntegrationPlugin>;
  stores: FleetStore[];
  naive: FleetShop[];
  /** catalog variant id → the stores syncing it, with the variant's index in the store. */
  byCatalog: Map<number, { store: FleetStore; k: number }[]>;
  close(): Promise<void>;
}

function seedShop(shop: RunningSimulator<unknown>, variants: number): VariantRef[] {
  const refs = Array.from({ length: variants }, (_, k) => shopVariantIds(k));
  const products = new Map<string, { variantId: string; initial: { kind: 'out_of_stock' } }[]>();
  for (const r of refs) {
    const list = products.get(r.externalProductId) ?? [];
    list.push({ variantId: r.externalVariantId, initial: { kind: 'out_of_stock' } });
    products.set(r.externalProductId, list);
  }
  shop.seed([...products].map(([productId, vs]) => ({ productId, title: `Bench product ${productId}`, variants: vs })));
  return refs;
}

export async function startFleetSimulators(sandbox: Sandbox, a: ScenarioArgs): Promise<Pick<Fleet, 'sims' | 'plugins'>> {
  const sims = new Map<string, MultiTenantSimulator<unknown>>();
  const plugins = new Map<string, IntegrationPlugin>();
  try {
    for (const platform of a.platforms) {
      const entry = sandbox.get(platform);
      if (!entry) throw new Error(`no simulator for "${platform}" in the sandbox`);
      const def = loadSimulatorDefinition(entry.package);
      if (!def.ok) throw new Error(`the ${platform} simulator: ${def.reason}`);
      const plugin = loadPlugin(entry.package);
      if (!plugin.ok) throw new Error(`the ${platform} plugin: ${plugin.reason}`);
      plugins.set(platform, plugin.value);
      sims.set(platform, await startMultiTenantSimulator(def.value, { latency: latencyFor(a, platform) }));
    }
  } catch (e) {
    await Promise.all([...sims.values()].map((s) => s.close()));
    throw e;
  }
  return { sims, plugins };
}

export async function setUpScenarioCatalog(hub: BenchHubApi, catalog: number): Promise<void> {
  const rows = Array.from({ length: catalog }, (_, i) => ({
    id: i + 1,
    productId: Math.floor(i / VARIANTS_PER_PRODUCT) + 1,
    name: `Bench item ${i + 1}`,
    fulfillment: 'warehouse',
  }));
  for (let i = 0; i < rows.length; i += 10_000) await hub.call('/v1/catalog/variants', 'PUT', { variants: rows.slice(i, i + 10_000) });
}

export async function setUpFleet(
  hub: BenchHubApi,
  base: Pick<Fleet, 'sims' | 'plugins'>,
  a: ScenarioArgs,
  log: (m: string) => void,
): Promise<Fleet> {
  const stores: FleetStore[] = [];
  for (let s = 0; s < a.stores; s++) {
    const platform = a.platforms[s % a.platforms.length];
    const sim = base.sims.get(platform)!;
    const [shop] = sim.addTenants(1);
    const refs = seedShop(shop, a.variants);
    const catalogIds = refs.map((_, k) => catalogVariantOf(s, k, a.variants, a.catalog));
    stores.push({
      id: '',
      index: s,
      platform,
      tenant: Number(shop.baseUrl.slice(shop.baseUrl.lastIndexOf('/') + 1)),
      shop,
      refs,
      catalogIds,
    });
  }
  const naive: FleetShop[] = [];
  for (let n = 0; n < Math.min(a.naiveStores, a.stores); n++) {
    const platform = a.platforms[n % a.platforms.length];
    const [shop] = base.sims.get(platform)!.addTenants(1);
    naive.push({ platform, tenant: Number(shop.baseUrl.slice(shop.baseUrl.lastIndexOf('/') + 1)), shop, refs: seedShop(shop, a.variants) });
  }
  let done = 0;
  const started = Date.now();
  await forEachLimit(stores, SETUP_CONCURRENCY, async (store) => {
    const created = await retryingNetwork(() =>
      hub.call<{ id: string | number }>('/v1/stores', 'POST', {
        name: `Bench ${store.platform} #${store.index + 1}`,
        platform: store.platform,
        sellingRegion: REGIONS[store.index % REGIONS.length],
        credentials: { ...store.shop.credentials },
        ...(a.scenarios.includes('trickle') ? { reconcileIntervalSeconds: a.reconcileSeconds } : {}),
      }),
    );
    store.id = String(created.id);
    await retryingNetwork(() =>
      hub.call(`/v1/stores/${store.id}/sync-variants`, 'PUT', {
        variants: store.refs.map((r, k) => ({ ...r, catalogVariantId: store.catalogIds[k] })),
      }),
    );
    if (++done % 1000 === 0) log(`${done} stores created (${Math.round((Date.now() - started) / 1000)} s)`);
  });
  const byCatalog = new Map<number, { store: FleetStore; k: number }[]>();
  for (const store of stores) {
    store.catalogIds.forEach((c, k) => {
      const list = byCatalog.get(c) ?? [];
      list.push({ store, k });
      byCatalog.set(c, list);
    });
  }
  return {
    ...base,
    stores,
    naive,
    byCatalog,
    close: () => Promise.all([...base.sims.values()].map((s) => s.close())).then(() => undefined),
  };
}
