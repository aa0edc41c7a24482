/**
 * Square's `inventory.count.updated` notifications as the hub's platform notices (plugin API 1.5, issue 13): a store
 * connected with a personal access token is subscribed at its own URL; OAuth sellers' notifications come through the
 * app's own subscription, found by `storeOf` (`merchant_id`). Decisions and sources: README "Platform notices".
 */
import { randomUUID } from 'node:crypto';
import { isJsonObject, hmacSha256, noticeHeader, safeEqual } from '@stock-sync/plugin-sdk';
import { Rejected } from '@stock-sync/plugin-api';
import type {
  ConnectContext,
  HttpClient,
  NoticeRef,
  NoticeRequest,
  NoticeSubscribed,
  NoticeSubscription,
  PluginNotices,
} from '@stock-sync/plugin-api';
import { SQUARE_VERSION } from './manifest';
import { createSquareApi } from './square-api';

const NOTICE_TOPICS = ['inventory.count.updated'] as const;

/**
 * The variations (`catalog_object_id`, the item id is not sent) an `inventory.count.updated` notification names (SPEC
 * InventoryCountUpdatedEvent; https://developer.squareup.com/docs/inventory-api/webhooks), each once, whatever its
 * location or state; counts of another catalog object type (the Restaurants app's ITEM) are left out.
 */
export function squareNoticeRefs(body: unknown): NoticeRef[] {
  if (!isJsonObject(body) || typeof body.type !== 'string') throw new Error('a Square event notification was expected');
  if (body.type !== NOTICE_TOPICS[0]) return []; // a test notification or another event type
  if (!isJsonObject(body.data)) throw new Error('an inventory.count.updated notification without data');
  // SPEC InventoryCountUpdatedEventData.object: "absent if affected object was deleted".
  if (body.data.object == null) return [];
  const counts = isJsonObject(body.data.object) ? body.data.object.inventory_counts : undefined;
  if (!Array.isArray(counts)) throw new Error('an inventory.count.updated notification without data.object.inventory_counts');
  const ids = new Set<string>();
  for (const c of counts) {
    if (!isJsonObject(c) || typeof c.catalog_object_id !== 'string' || c.catalog_object_id === '') {
      throw new Error('an inventory count without its catalog_object_id');
    }
    if (c.catalog_object_type == null || c.catalog_object_type === 'ITEM_VARIATION') ids.add(c.catalog_object_id);
  }
  return [...ids].map((externalVariantId) => ({ externalVariantId }));
}

/**
 * The seller: the top-level `merchant_id` (SPEC InventoryCountUpdatedEvent.merchant_id), which the install flow
 * records as the store's externalStoreId. Undefined (the host answers 400) when the body names none.
 */
export function squareStoreOf(body: unknown): string | undefined {
  const id = isJsonObject(body) ? body.merchant_id : undefined;
  return typeof id === 'string' && id.trim() !== '' ? id : undefined;
}

/**
 * `x-square-hmacsha256-signature` = base64(HMAC-SHA256(the subscription's signature key, notification URL + raw body))
 * (https://developer.squareup.com/docs/webhooks/step3validate): only the exact URL the subscription names verifies.
 */
export function squareSignature(notificationUrl: string, rawBody: Uint8Array | string, signatureKey: string): string {
  return hmacSha256(signatureKey, Buffer.concat([Buffer.from(notificationUrl, 'utf8'), Buffer.from(rawBody)]), 'base64');
}

/** Constant-time; false (never a throw) without a URL, a key or a signature. */
function verifySquareSignature(req: NoticeRequest): boolean {
  const given = noticeHeader(req.headers, 'x-square-hmacsha256-signature');
  if (!given || !req.secret || !req.deliveryUrl) return false;
  return safeEqual(given.trim(), squareSignature(req.deliveryUrl, req.rawBody, req.secret));
}

/*
 * Subscriptions belong to an APPLICATION (https://developer.squareup.com/docs/webhooks/webhook-subscriptions-api), so
 * only a store connected with a personal access token is subscribed; an OAuth one (it has a refreshToken) is refused.
 */
const SUBSCRIPTIONS = '/v2/webhooks/subscriptions';
/** SPEC ListWebhookSubscriptions `limit`: "The default value of 100 is also the maximum allowed value". */
const PAGE = 100;
const MAX_PAGES = 50;

type WebhookSubscription = { id?: string; notification_url?: string | null; signature_key?: string };

/** The application's subscriptions (enabled or not) delivering to `url`. */
async function subscriptionsTo(api: HttpClient, url: string): Promise<WebhookSubscription[]> {
  const found: WebhookSubscription[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await api.request<{ subscriptions?: WebhookSubscription[]; cursor?: string }>({
      method: 'GET',
      url: SUBSCRIPTIONS,
      params: { include_disabled: true, limit: PAGE, cursor },
    });
    found.push(...(res.data?.subscriptions ?? []).filter((s) => s?.notification_url === url && typeof s.id === 'string'));
    cursor = res.data?.cursor || undefined;
    if (!cursor) break;
  }
  return found;
}

const remove = (api: HttpClient, s: WebhookSubscription) =>
  api.request({ method: 'DELETE', url: `${SUBSCRIPTIONS}/${encodeURIComponent(s.id!)}`, idempotent: true });

function keyOf(s: WebhookSubscription | undefined, what: string): string {
  const key = s?.signature_key;
  if (typeof key !== 'string' || key === '') throw new Rejected(`Square answered ${what} without the subscription's signature_key`);
  return key;
}

/** Idempotent: one enabled subscription to `deliveryUrl` for the topics; answers its signature key. */
async function subscribeSquare(ctx: ConnectContext, { deliveryUrl }: NoticeSubscription): Promise<NoticeSubscribed> {
  if (ctx.credentials.refreshToken) {
    throw new Rejected(
      "Square webhook subscriptions belong to an application and cannot be created with a seller's OAuth token " +
        "(https://developer.squareup.com/docs/webhooks/webhook-subscriptions-api): this store's notifications come through the " +
        "app's own subscription (Developer Console) to HUB_PUBLIC_URL/hooks/square, else it relies on reconciliation",
    );
  }
  const api = createSquareApi(ctx);
  const [kept, ...extra] = await subscriptionsTo(api, deliveryUrl);
  // Two subscriptions to one URL would sign with two keys: only the kept one's key is the hub's.
  for (const s of extra) await remove(api, s);
  if (!kept) {
    const res = await api.request<{ subscription?: WebhookSubscription }>({
      method: 'POST',
      url: SUBSCRIPTIONS,
      body: {
        idempotency_key: randomUUID(),
        subscription: {
          name: 'Stock Sync Hub: drift in seconds',
          event_types: [...NOTICE_TOPICS],
          notification_url: deliveryUrl,
          api_version: SQUARE_VERSION,
        },
      },
      idempotent: true, // the idempotency key makes a resend answer the first result
    });
    return { secret: keyOf(res.data?.subscription, 'CreateWebhookSubscription') };
  }
  const url = `${SUBSCRIPTIONS}/${encodeURIComponent(kept.id!)}`;
  // Absolute values: safe to resend.
  await api.request({ method: 'PUT', url, body: { subscription: { enabled: true, event_types: [...NOTICE_TOPICS] } }, idempotent: true });
  // The list shows no signature_key; RetrieveWebhookSubscription does, unchanged (no rotation).
  const res = await api.request<{ subscription?: WebhookSubscription }>({ method: 'GET', url });
  return { secret: keyOf(res.data?.subscription, 'RetrieveWebhookSubscription') };
}

export const squareNotices: PluginNotices = {
  topics: NOTICE_TOPICS,
  signedWith: 'subscription',
  verify: verifySquareSignature,
  refs: squareNoticeRefs,
  storeOf: squareStoreOf,
  subscribe: subscribeSquare,
  /** Deletes the application's subscriptions to `deliveryUrl`; an OAuth-connected store never had one. */
  async unsubscribe(ctx, { deliveryUrl }) {
    if (ctx.credentials.refreshToken) return;
    const api = createSquareApi(ctx);
    for (const s of await subscriptionsTo(api, deliveryUrl)) await remove(api, s);
  },
};
