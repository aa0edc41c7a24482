/**
 * One site's connection on the SDK's perVariant pipeline (one call per SKU, README "Batching and the fewest calls"),
 * keyed by the SKU id (unique on the site): inputs naming one SKU collapse whatever product they name.
 */
import { NotFound, Rejected, Transient } from '@stock-sync/plugin-api';
import { perVariant, StopTheWork, zeroIsOutOfStock } from '@stock-sync/plugin-sdk';
import type { ConnectContext, HttpClient, StoreConnection } from '@stock-sync/plugin-api';
import { fromInventory, toInventoryUpdate, type WebflowInventory } from './stock-mapping';
import { createWebflowApi } from './webflow-api';

/** The SKU collection id: the configured one, else the `sku` slug's in List Collections, looked up once (again after a failure). */
export function skuCollectionId(api: HttpClient, siteId: string, configured: string | undefined): () => Promise<string> {
  let pending: Promise<string> | undefined;
  const lookUp = async (): Promise<string> => {
    const res = await api.request<{ collections?: { id?: unknown; slug?: unknown }[] }>({
      method: 'GET',
      url: `/sites/${encodeURIComponent(siteId)}/collections`,
    });
    const found = (res.data?.collections ?? []).find((c) => c?.slug === 'sku' && typeof c.id === 'string');
    if (!found) throw new Rejected('Webflow site has no SKU collection (is ecommerce enabled?): set skuCollectionId', { siteId });
    return found.id as string;
  };
  return () => {
    if (configured) return Promise.resolve(configured);
    return (pending ??= lookUp().catch((e: unknown) => {
      pending = undefined;
      throw e;
    }));
  };
}

export function connectWebflow(ctx: ConnectContext): StoreConnection {
  const api = createWebflowApi(ctx);
  const siteId = (ctx.credentials.siteId ?? '').trim();
  const collectionId = skuCollectionId(api, siteId, ctx.credentials.skuCollectionId?.trim() || undefined);
  /** The SKU's inventory path; a site whose SKU collection cannot be found ends the run (every SKU needs it). */
  const inventoryUrl = async (skuId: string): Promise<string> => {
    const id = await collectionId().catch((e: unknown) => {
      throw new StopTheWork(e);
    });
    return `/collections/${encodeURIComponent(id)}/items/${encodeURIComponent(skuId)}/inventory`;
  };

  return perVariant({
    platform: 'Webflow',
    id: 'webflow',
    log: ctx.log,
    key: (ref) => ref.externalVariantId,
    // A SKU id goes into a path segment: anything empty or with a slash cannot be one.
    ids: (ref) => (/^[^/?#\s]+$/.test(ref.externalVariantId) ? {} : undefined),
    invalid: { write: 'Not a Webflow SKU id', read: 'Not a Webflow SKU id' },
    same: zeroIsOutOfStock,
    // List Products with limit 1 proves the token, the site and ecommerce:read (and that ecommerce is on: 409
    // otherwise); then the SKU collection id resolves (a look-up proves cms:read).
    async verify() {
      await api.request({ method: 'GET', url: `/sites/${encodeURIComponent(siteId)}/products`, params: { limit: 1 } });
      await collectionId();
    },
    mapError: (error, { input: { externalVariantId: skuId } }) => {
      const { status, body } = error.details ?? {};
      return error instanceof NotFound ? new NotFound(`Webflow has no SKU ${skuId} (deleted?)`, { skuId, status, body }) : error;
    },
    write: async ({ input }) => {
      const skuId = input.externalVariantId;
      const res = await api.request<WebflowInventory>({
        method: 'PATCH',
        url: await inventoryUrl(skuId),
        body: toInventoryUpdate(input.target),
        // Absolute values: sending the same body again lands on the same state.
        idempotent: true,
      });
      const echoed = res.data ?? {};
      if (echoed.inventoryType === undefined)
        return new Transient(`Webflow answered the inventory update of SKU ${skuId} without an inventoryType`);
      if (!zeroIsOutOfStock(fromInventory(echoed), input.target))
        return new Rejected(`Webflow did not apply the stock to SKU ${skuId}`, { skuId, observed: echoed });
    },
    read: async ({ input }) => {
      const res = await api.request<WebflowInventory>({ method: 'GET', url: await inventoryUrl(input.externalVariantId) });
      return fromInventory(res.data ?? {});
    },
  });
}
