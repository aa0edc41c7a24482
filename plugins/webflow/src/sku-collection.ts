/**
 * The site's SKU collection id, which every inventory path needs: the configured `skuCollectionId`,
 * else List Collections (`GET /sites/{site_id}/collections`, scope cms:read) and the one whose slug is
 * `sku`. Looked up at most once per connection (the connection object holds it, never the module).
 */
import { Rejected, type HttpClient } from '@stock-sync/plugin-sdk';
import { SKU_COLLECTION_SLUG } from './manifest';
import type { WebflowCollectionSummary } from './webflow-types';

export class SkuCollection {
  private pending: Promise<string> | undefined;

  constructor(
    private readonly api: HttpClient,
    private readonly siteId: string,
    private readonly configured: string | undefined,
  ) {}

  id(): Promise<string> {
    if (this.configured) return Promise.resolve(this.configured);
    if (!this.pending) {
      this.pending = this.lookUp().catch((e) => {
        this.pending = undefined; // a failed look-up is tried again by the next call
        throw e;
      });
    }
    return this.pending;
  }

  private async lookUp(): Promise<string> {
    const res = await this.api.request<{ collections?: WebflowCollectionSummary[] }>({
      method: 'GET',
      url: `/sites/${encodeURIComponent(this.siteId)}/collections`,
    });
    const found = (res.data?.collections ?? []).find((c) => c?.slug === SKU_COLLECTION_SLUG && typeof c.id === 'string');
    if (!found)
      throw new Rejected('Webflow site has no SKU collection (is ecommerce enabled?): set skuCollectionId', { siteId: this.siteId });
    return found.id;
  }
}
