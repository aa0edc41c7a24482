/**
 * One site's connection: verify, writeStock, readStock. Webflow's inventory API takes one SKU per
 * call, so the fewest calls means: one PATCH per SKU that needs changing, none for a SKU the hub says
 * is already in place, and one call per duplicate-collapsed SKU (a SKU id is unique on the site, so
 * inputs naming the same SKU collapse whatever product they name). The SDK's perVariant pipeline does the rest.
 */
import {
  NotFound,
  perVariant,
  Rejected,
  StopTheWork,
  Transient,
  type HttpClient,
  type PluginLogger,
  type StoreConnection,
} from '@stock-sync/plugin-sdk';
import type { SkuCollection } from './sku-collection';
import { fromInventory, sameOnPlatform, toInventoryUpdate } from './stock-mapping';
import type { WebflowInventory } from './webflow-types';

/** A SKU id goes into a path segment: anything with a slash (or empty) cannot be one. */
function usableId(id: string): boolean {
  return id.length > 0 && !/[/?#\s]/.test(id);
}

export class WebflowConnection implements StoreConnection {
  readonly writeStock: StoreConnection['writeStock'];
  readonly readStock: StoreConnection['readStock'];

  constructor(
    private readonly api: HttpClient,
    log: PluginLogger,
    private readonly siteId: string,
    private readonly skuCollection: SkuCollection,
  ) {
    ({ writeStock: this.writeStock, readStock: this.readStock } = perVariant({
      platform: 'Webflow',
      id: 'webflow',
      log,
      key: (ref) => ref.externalVariantId,
      ids: (ref) => (usableId(ref.externalVariantId) ? {} : undefined),
      invalid: { write: 'Not a Webflow SKU id', read: 'Not a Webflow SKU id' },
      same: sameOnPlatform,
      verify: () => this.verify(),
      mapError: (error, { input }) =>
        error instanceof NotFound
          ? new NotFound(`Webflow has no SKU ${input.externalVariantId} (deleted?)`, {
              skuId: input.externalVariantId,
              status: error.details?.status,
              body: error.details?.body,
            })
          : error,
      write: async ({ input }) => {
        const skuId = input.externalVariantId;
        const res = await this.api.request<WebflowInventory>({
          method: 'PATCH',
          url: await this.inventoryUrl(skuId),
          body: toInventoryUpdate(input.target),
          // Absolute values: sending the same body again lands on the same state.
          idempotent: true,
        });
        const echoed = res.data ?? {};
        if (echoed.inventoryType === undefined)
          return new Transient(`Webflow answered the inventory update of SKU ${skuId} without an inventoryType`);
        if (!sameOnPlatform(fromInventory(echoed), input.target))
          return new Rejected(`Webflow did not apply the stock to SKU ${skuId}`, { skuId, observed: echoed });
      },
      read: async ({ input }) => {
        const res = await this.api.request<WebflowInventory>({ method: 'GET', url: await this.inventoryUrl(input.externalVariantId) });
        return fromInventory(res.data ?? {});
      },
    }));
  }

  /**
   * List Products with limit 1: proves the token, the site and ecommerce:read (and that ecommerce is
   * on: 409 otherwise); then the SKU collection id resolves (a look-up proves cms:read).
   */
  async verify(): Promise<void> {
    await this.api.request({ method: 'GET', url: `/sites/${encodeURIComponent(this.siteId)}/products`, params: { limit: 1 } });
    await this.skuCollection.id();
  }

  /** The SKU's inventory path; a site whose SKU collection cannot be found ends the run (every SKU needs it). */
  private async inventoryUrl(skuId: string): Promise<string> {
    const collectionId = await this.skuCollection.id().catch((e: unknown) => {
      throw new StopTheWork(e);
    });
    return `/collections/${encodeURIComponent(collectionId)}/items/${encodeURIComponent(skuId)}/inventory`;
  }
}
