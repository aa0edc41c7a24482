/**
 * The drill's world, set up through the hub's API and the simulators' /__sim routes: a catalog of warehouse
 * and POD variants, and stores over several platforms and selling regions, each its own simulated shop
 * syncing every catalog variant.
 */
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import { json, shopFor, storeVariantIds } from '@stock-sync/bench';
import type { Sandbox } from '@stock-sync/sandbox';
import { type CatalogVariant } from './catalog';
import type { StoreUnderTest } from './expected-state';
import { okBody, type HubEndpoint, type HubTraffic } from './hub-traffic';

/** Regions of different sizes, so one facility change reaches some stores and not others. */
export const STORE_REGIONS = ['worldwide', 'north_america', 'europe', 'english_speaking_regions', 'uk', 'australia'];

export interface DrillStore extends StoreUnderTest {
  platform: string;
  region: string;
  simUrl: string;
  credentials: Record<string, unknown>;
}

export async function setUpCatalog(traffic: HubTraffic, hub: HubEndpoint, catalog: readonly CatalogVariant[]): Promise<void> {
  const variants = catalog.map((v) => ({
    id: v.id,
    productId: Math.ceil(v.id / 4),
    name: `Drill item ${v.id}`,
    fulfillment: v.fulfillment,
  }));
  okBody(await traffic.call(hub, 'PUT', '/v1/catalog/variants', { variants }), 'PUT /v1/catalog/variants');
}

export async function setUpStores(
  traffic: HubTraffic,
  hub: HubEndpoint,
  sandbox: Sandbox,
  platforms: readonly string[],
  count: number,
  catalog: readonly CatalogVariant[],
  extraShops: RunningSimulator<unknown>[],
): Promise<DrillStore[]> {
  const regions = new Map(
    okBody(await traffic.call<{ code: string; facilities: string[] }[]>(hub, 'GET', '/v1/selling-regions'), 'GET /v1/selling-regions').map(
      (r) => [r.code, r.facilities],
    ),
  );
  const integrations = okBody(
    await traffic.call<{ id: string; capabilities: { unlimitedStock?: string } }[]>(hub, 'GET', '/v1/integrations'),
    'GET /v1/integrations',
  );
  const emulated = new Map(integrations.map((i) => [i.id, i.capabilities?.unlimitedStock === 'emulated']));
  const taken = new Set<string>();
  const out: DrillStore[] = [];
  for (let s = 0; s < count; s++) {
    const platform = platforms[s % platforms.length];
    const region = STORE_REGIONS[s % STORE_REGIONS.length];
    if (!emulated.has(platform)) throw new Error(`the hub has no integration "${platform}"`);
    const sim = await shopFor(sandbox, platform, taken, extraShops);
    const products = new Map<string, { variantId: string; initial: { kind: 'out_of_stock' } }[]>();
    const variants = new Map<string, number>();
    const links: { externalProductId: string; externalVariantId: string; catalogVariantId: number }[] = [];
    catalog.forEach((v, i) => {
      const ids = storeVariantIds(s, i);
      products.set(ids.productId, [
        ...(products.get(ids.productId) ?? []),
        { variantId: ids.variantId, initial: { kind: 'out_of_stock' } },
      ]);
      variants.set(ids.variantId, v.id);
      links.push({ externalProductId: ids.productId, externalVariantId: ids.variantId, catalogVariantId: v.id });
    });
    await json(`${sim.baseUrl}/__sim/seed`, {
      method: 'POST',
      body: { products: [...products].map(([productId, vs]) => ({ productId, title: `Drill product ${productId}`, variants: vs })) },
    });
    const credentials = { ...sim.credentials } as Record<string, unknown>;
    const label = `${platform}#${s + 1}`;
    const created = okBody(
      await traffic.call<{ id: string }>(hub, 'POST', '/v1/stores?verify=true', {
        name: `Drill ${label}`,
        platform,
        sellingRegion: region,
        credentials,
      }),
      `creating store ${label}`,
    );
    okBody(
      await traffic.call(hub, 'PUT', `/v1/stores/${created.id}/sync-variants`, { variants: links }),
      `linking the variants of ${label}`,
    );
    const regionFacilities = regions.get(region);
    if (!regionFacilities) throw new Error(`the hub has no selling region "${region}"`);
    out.push({
      id: String(created.id),
      label,
      platform,
      region,
      regionFacilities,
      emulatedUnlimited: emulated.get(platform)!,
      variants,
      simUrl: sim.baseUrl,
      credentials,
    });
  }
  return out;
}
