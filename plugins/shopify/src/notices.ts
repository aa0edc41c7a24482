/**
 * Shopify webhooks as the hub's platform notices (README "Platform notices", with every source): products/update,
 * subscribed per shop; signed by the APP (./oauth.ts); storeOf: X-Shopify-Shop-Domain. No other header is read: the
 * hub keys replays on the body's digest and Shopify documents no freshness window (a retry is legitimately late).
 */
import { isJsonObject } from '@stock-sync/plugin-sdk';
import { Rejected } from '@stock-sync/plugin-api';
import type { NoticeRef, NoticeRequest, PluginNotices } from '@stock-sync/plugin-api';
import { NOTICE_SUBSCRIBE, NOTICE_SUBSCRIPTIONS, NOTICE_UNSUBSCRIBE } from './documents';
import { HMAC_HEADER, SHOP_DOMAIN_HEADER, shopifyWebhookSigned, TOPIC_HEADER } from './oauth';
import { createShopifyApi, shopDomainFromShopify, type ShopifyApi } from './shopify-api';

/** Its body names every variant of the product; `inventory_levels/update`'s names none (README "Platform notices"). */
export const PRODUCTS_UPDATE = 'products/update';
/** The webhook topics (as X-Shopify-Topic names them) and their GraphQL WebhookSubscriptionTopic values. */
export const NOTICE_TOPICS: Readonly<Record<string, string>> = Object.freeze({ [PRODUCTS_UPDATE]: 'PRODUCTS_UPDATE' });

/** One header's value; a repeated one counts only when every copy agrees (the SDK's noticeHeader takes the first). */
function headerOf(headers: NoticeRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  if (typeof v === 'string') return v;
  return Array.isArray(v) && v.length > 0 && v.every((x) => x === v[0]) ? (v[0] as string) : undefined;
}

const VARIANT_GID = /^gid:\/\/shopify\/ProductVariant\/(\d+)$/;
const PRODUCT_GID = /^gid:\/\/shopify\/Product\/\d+$/;

/** A variant entry's GID (from admin_graphql_api_id, else a safe numeric id) and its updated_at. */
function namedVariant(entry: unknown): { gid: string; updatedAt: number } {
  if (!isJsonObject(entry)) throw new Error('a variant entry is not an object');
  const updatedAt = (typeof entry.updated_at === 'string' && Date.parse(entry.updated_at)) || 0;
  if (typeof entry.admin_graphql_api_id === 'string') {
    if (!VARIANT_GID.test(entry.admin_graphql_api_id)) throw new Error('a variant admin_graphql_api_id is not a ProductVariant GID');
    return { gid: entry.admin_graphql_api_id, updatedAt };
  }
  // Without its GID (a subscription with include_fields): the numeric id, only when it survived JSON parsing.
  if (typeof entry.id === 'number' && Number.isSafeInteger(entry.id) && entry.id > 0) {
    return { gid: `gid://shopify/ProductVariant/${entry.id}`, updatedAt };
  }
  throw new Error('a variant entry names no id');
}

/**
 * The variants a `products/update` delivery names, each as GID and as numeric id, latest updated first (it leads if
 * the host caps a long list); no product id. Ids come from the GID strings: JSON numbers lose digits past 2^53.
 */
export function productUpdateRefs(body: unknown): NoticeRef[] {
  if (!isJsonObject(body)) throw new Error('a Shopify product was expected');
  const productGid = body.admin_graphql_api_id;
  if (productGid !== undefined && (typeof productGid !== 'string' || !PRODUCT_GID.test(productGid))) {
    throw new Error('the product admin_graphql_api_id is not a Product GID');
  }
  const lists = [body.variant_gids, body.variants].filter((l) => l !== undefined);
  if (lists.length === 0) throw new Error('the product names no variants (neither variants nor variant_gids)');
  const latest = new Map<string, number>();
  for (const list of lists) {
    if (!Array.isArray(list)) throw new Error('variants / variant_gids is not a list');
    for (const { gid, updatedAt } of list.map(namedVariant)) latest.set(gid, Math.max(latest.get(gid) ?? 0, updatedAt));
  }
  const ordered = [...latest.entries()].sort((a, b) => b[1] - a[1]).map(([gid]) => gid);
  return ordered.flatMap((gid) => [{ externalVariantId: gid }, { externalVariantId: gid.slice(gid.lastIndexOf('/') + 1) }]);
}

/** The variants of a verified delivery; none for a topic the hub did not subscribe to. */
export function shopifyNoticeRefs(body: unknown, headers: NoticeRequest['headers'] = {}): NoticeRef[] {
  const topic = headerOf(headers, TOPIC_HEADER);
  return topic !== undefined && !(topic in NOTICE_TOPICS) ? [] : productUpdateRefs(body);
}

type Subscription = { id: string; topic: string; uri: string };
type UserErrors = { userErrors: Array<{ field: string[] | null; message: string }> };

/** A userError is a Rejected with Shopify's words (e.g. a delivery URL that is not HTTPS). */
function throwIfRefused(what: string, { userErrors }: UserErrors): void {
  if (userErrors.length === 0) return;
  const words = userErrors.map((e) => (e.field?.length ? `${e.field.join('.')}: ${e.message}` : e.message)).join('; ');
  throw new Rejected(`Shopify refused ${what}: ${words}`);
}

/** The shop's subscriptions (of the notice topics) delivering to `uri`. */
async function subscriptionsTo(api: ShopifyApi, uri: string): Promise<Subscription[]> {
  const data = await api.graphql<{ webhookSubscriptions: { nodes: Subscription[] } | null }>(NOTICE_SUBSCRIPTIONS, {
    topics: Object.values(NOTICE_TOPICS),
    uri,
  });
  // The uri filter is Shopify's; checked again here so another URL is never touched.
  return (data.webhookSubscriptions?.nodes ?? []).filter((s) => s.uri === uri);
}

export const shopifyNotices: PluginNotices = {
  topics: Object.keys(NOTICE_TOPICS),
  signedWith: 'app',
  verify: (req) => shopifyWebhookSigned(req.rawBody, headerOf(req.headers, HMAC_HEADER), req.secret),
  refs: shopifyNoticeRefs,
  storeOf: (_body, headers) => shopDomainFromShopify(headerOf(headers, SHOP_DOMAIN_HEADER)),
  // Shop-specific subscriptions to the hub's per-store URL; idempotent: one to that URL is kept (the app's secret signs).
  async subscribe(ctx, { deliveryUrl }) {
    const api = createShopifyApi(ctx);
    const existing = await subscriptionsTo(api, deliveryUrl);
    for (const topic of Object.values(NOTICE_TOPICS)) {
      if (existing.some((s) => s.topic === topic)) continue;
      const { webhookSubscriptionCreate: answer } = await api.graphql<{
        webhookSubscriptionCreate: UserErrors & { webhookSubscription: Subscription | null };
      }>(NOTICE_SUBSCRIBE, { topic, webhookSubscription: { uri: deliveryUrl } });
      throwIfRefused(`the ${topic} webhook subscription`, answer);
      if (!answer.webhookSubscription) throw new Rejected(`Shopify answered the ${topic} webhook subscription without it`);
    }
  },
  async unsubscribe(ctx, { deliveryUrl }) {
    const api = createShopifyApi(ctx);
    for (const s of await subscriptionsTo(api, deliveryUrl)) {
      const data = await api.graphql<{ webhookSubscriptionDelete: UserErrors }>(NOTICE_UNSUBSCRIBE, { id: s.id });
      throwIfRefused(`deleting webhook subscription ${s.id}`, data.webhookSubscriptionDelete);
    }
  },
};
