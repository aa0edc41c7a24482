/**
 * Sets the demo world up through the hub's API and the simulators' /__sim routes: the catalog, a few
 * stores per platform in different selling regions (verified against their simulator), each store's
 * simulated catalog and its synced / ignored / not-synced variants.
 */
import type { TargetStock } from '@stock-sync/domain';
import type { Sandbox } from '@stock-sync/sandbox';
import { CATALOG, FIXED_REGIONS, ROTATING_REGIONS, STORE_LISTING, storeIds, type LinkKind } from './demo-catalog';
import type { HubApi, Integration, SellingRegionRow } from './hub-api';
import { simSeed } from './sim-api';
import type { ObservedStock } from './stock-match';

export interface TrackedVariant {
  productId: string;
  variantId: string;
  title: string;
  catalogVariantId: number | null;
  link: LinkKind;
  /** What the simulated store showed at the last poll. */
  observed: ObservedStock;
  /** What the demo last expected the hub to write (the rule's "last known" when information runs out). */
  lastExpected: TargetStock | null;
}

export interface DemoStore {
  id: string;
  name: string;
  platform: string;
  displayName: string;
  region: string;
  regionName: string;
  simUrl: string;
  emulatedUnlimited: boolean;
  variants: TrackedVariant[];
}

export interface Fleet {
  stores: DemoStore[];
  /** Integrations the hub lists that have no simulator in the sandbox (no store for them). */
  withoutSimulator: string[];
}

export function regionsFor(platformIndex: number, available: ReadonlySet<string>): string[] {
  const rotating = ROTATING_REGIONS.filter((r) => available.has(r));
  const extra = rotating.length ? [rotating[platformIndex % rotating.length]] : [];
  return [...FIXED_REGIONS.filter((r) => available.has(r)), ...extra];
}

export async function setUpFleet(
  hub: HubApi,
  sandbox: Sandbox,
  integrations: Integration[],
  regions: SellingRegionRow[],
  onPlatform: (stores: DemoStore[]) => void,
): Promise<Fleet> {
  await hub.upsertCatalog(CATALOG.map((c) => ({ id: c.id, productId: c.productId, name: c.name, sku: c.sku, fulfillment: c.fulfillment })));

  const regionNames = new Map(regions.map((r) => [r.code, r.name]));
  const platforms = integrations.filter((i) => sandbox.get(i.id)).sort((a, b) => a.id.localeCompare(b.id));
  const perPlatform: DemoStore[][] = new Array(platforms.length);
  // A few platforms at a time (their stores in order, so ids and output are stable): start-up stays short
  // without flooding the hub.
  let next = 0;
  const worker = async () => {
    while (next < platforms.length) {
      const i = next++;
      const integration = platforms[i];
      const stores: DemoStore[] = [];
      for (const [storeIndex, region] of regionsFor(i, new Set(regionNames.keys())).entries()) {
        stores.push(await setUpStore(hub, sandbox, integration, region, regionNames.get(region) ?? region, storeIndex));
      }
      perPlatform[i] = stores;
      onPlatform(stores);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, platforms.length) }, worker));
  const withoutSimulator = integrations.filter((i) => !sandbox.get(i.id)).map((i) => i.id);
  return { stores: perPlatform.flat(), withoutSimulator };
}

/**
 * Store settings a merchant opts into, shown in the demo. Etsy renews a sold-out listing when it is put back in
 * stock, which costs the merchant a listing fee, so the plugin does it only for stores that allow it; the demo's
 * listings start sold out and come into stock in step 1.
 */
const MERCHANT_OPT_INS: Readonly<Record<string, Record<string, string>>> = {
  etsy: { renewSoldOutListings: 'true' },
};

/** One store: created (and verified) in the hub, its simulated catalog seeded, its variants linked. */
async function setUpStore(
  hub: HubApi,
  sandbox: Sandbox,
  integration: Integration,
  region: string,
  regionName: string,
  storeIndex: number,
): Promise<DemoStore> {
  const sim = sandbox.get(integration.id)!;
  const simUrl = sim.simulator.baseUrl;
  const name = `${integration.displayName} · ${regionName}`;
  const created = await hub.createStore({
    name,
    platform: integration.id,
    sellingRegion: region,
    credentials: { ...sim.simulator.credentials, ...MERCHANT_OPT_INS[integration.id] },
  });

  const variants: TrackedVariant[] = [];
  const seed = STORE_LISTING.map((p) => ({
    productId: storeIds(storeIndex, p.slot, 0).productId,
    title: p.title,
    variants: p.variants.map((v) => {
      const ids = storeIds(storeIndex, p.slot, v.slot);
      variants.push({
        ...ids,
        title: v.title,
        catalogVariantId: v.catalogVariantId,
        link: v.link,
        observed: v.initial,
        lastExpected: null,
      });
      return { variantId: ids.variantId, sku: `${integration.id}-${ids.variantId}`, initial: v.initial };
    }),
  }));
  await simSeed(simUrl, seed);
  await hub.putSyncVariants(
    created.id,
    variants.map((v) => ({
      externalProductId: v.productId,
      externalVariantId: v.variantId,
      catalogVariantId: v.catalogVariantId,
      ...(v.link === 'ignored' ? { ignored: true } : {}),
    })),
  );
  return {
    id: String(created.id),
    name,
    platform: integration.id,
    displayName: integration.displayName,
    region,
    regionName,
    simUrl,
    emulatedUnlimited: integration.capabilities?.unlimitedStock === 'emulated',
    variants,
  };
}
