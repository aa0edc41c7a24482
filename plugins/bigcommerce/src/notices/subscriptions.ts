/**
 * The store's webhooks through the v3 Webhooks API (https://developer.bigcommerce.com/docs/rest-management/webhooks;
 * spec/bigcommerce-webhooks.v3.yml; evidence test/evidence/webhook-*.json): POST /hooks {scope, destination,
 * is_active}, GET /hooks (the hooks of the client id behind the token, paged: page, limit, meta.pagination),
 * PUT /hooks/{id} (re-activate: BigCommerce deactivates a hook after 48 h of failed retries), DELETE /hooks/{id}.
 * One hook per scope.
 */
import type { ConnectContext, HttpClient, NoticeSubscription } from '@stock-sync/plugin-sdk';
import { createBcApi } from '../bc-api';
import type { BcCollection } from '../bc-types';
import { hasNextPage } from '../location-levels';
import { SKU_INVENTORY_UPDATED, STOCK_CHANGED } from './refs';

export const NOTICE_TOPICS = [SKU_INVENTORY_UPDATED, STOCK_CHANGED] as const;
const PAGE = 250;
const MAX_PAGES = 40;

interface BcHook {
  id: number;
  scope?: string;
  destination?: string;
  is_active?: boolean;
}

/** The hooks (of this token's client) delivering to `destination`. */
async function hooksTo(api: HttpClient, destination: string): Promise<BcHook[]> {
  const found: BcHook[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await api.request<BcCollection<BcHook>>({ method: 'GET', url: '/hooks', params: { destination, page, limit: PAGE } });
    const list = Array.isArray(res.data?.data) ? res.data.data : [];
    found.push(...list.filter((h) => h && typeof h.id === 'number' && h.destination === destination));
    if (!hasNextPage(res.data)) break;
  }
  return found;
}

/** Idempotent: one active hook per topic to `deliveryUrl` (an existing one re-activated, duplicates deleted). */
export async function subscribeBigcommerce(ctx: ConnectContext, { deliveryUrl }: NoticeSubscription): Promise<void> {
  const api = createBcApi(ctx);
  const existing = await hooksTo(api, deliveryUrl);
  for (const scope of NOTICE_TOPICS) {
    const [kept, ...extra] = existing.filter((h) => h.scope === scope);
    for (const h of extra) await api.request({ method: 'DELETE', url: `/hooks/${h.id}`, idempotent: true });
    if (kept) {
      if (kept.is_active !== true)
        await api.request({ method: 'PUT', url: `/hooks/${kept.id}`, body: { is_active: true }, idempotent: true });
    } else {
      await api.request({ method: 'POST', url: '/hooks', body: { scope, destination: deliveryUrl, is_active: true } });
    }
  }
}

/** Deletes every hook of this client delivering to `deliveryUrl`. */
export async function unsubscribeBigcommerce(ctx: ConnectContext, { deliveryUrl }: Pick<NoticeSubscription, 'deliveryUrl'>): Promise<void> {
  const api = createBcApi(ctx);
  for (const h of await hooksTo(api, deliveryUrl)) await api.request({ method: 'DELETE', url: `/hooks/${h.id}`, idempotent: true });
}
