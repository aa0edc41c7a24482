/**
 * Webhook subscriptions through Square's Webhook Subscriptions API (SPEC WebhookSubscriptions; evidence
 * test/evidence/webhook-subscription*.json): POST /v2/webhooks/subscriptions, GET (list, paged by cursor,
 * include_disabled), GET/PUT/DELETE /v2/webhooks/subscriptions/{id}.
 *
 * Square's subscriptions are owned by an APPLICATION, not by a seller, and "you cannot use OAuth access tokens
 * with the Webhook Subscriptions API. You must use the application's personal access token"
 * (https://developer.squareup.com/docs/webhooks/webhook-subscriptions-api). So the plugin subscribes only a
 * store connected with a personal access token (the seller's own application: its subscription delivers that
 * seller's events to the store's URL); a store connected through OAuth is refused before any call (Rejected,
 * saying why): its notifications come through the hub app's own subscription, configured once in Square's
 * Developer Console to the hub's platform URL (`storeOf`, plugin API 1.5), see README "Platform notices".
 */
import { randomUUID } from 'node:crypto';
import { Rejected, type ConnectContext, type HttpClient, type NoticeSubscribed, type NoticeSubscription } from '@stock-sync/plugin-sdk';
import { SQUARE_VERSION } from '../manifest';
import { createSquareApi } from '../square-api';
import { INVENTORY_COUNT_UPDATED } from './refs';

export const NOTICE_TOPICS = [INVENTORY_COUNT_UPDATED] as const;
const SUBSCRIPTIONS = '/v2/webhooks/subscriptions';
const SUBSCRIPTION_NAME = 'Stock Sync Hub: drift in seconds';
/** SPEC ListWebhookSubscriptions `limit`: "The default value of 100 is also the maximum allowed value". */
const PAGE = 100;
const MAX_PAGES = 50;

interface WebhookSubscription {
  id?: string;
  enabled?: boolean | null;
  event_types?: string[] | null;
  notification_url?: string | null;
  signature_key?: string;
}

/** An OAuth-connected store carries the refresh token of its grant; a personal access token has none. */
function refuseOAuthToken(ctx: ConnectContext): void {
  if (ctx.credentials.refreshToken) {
    throw new Rejected(
      "Square webhook subscriptions belong to an application and cannot be created with a seller's OAuth token " +
        "(https://developer.squareup.com/docs/webhooks/webhook-subscriptions-api): this store's notifications come through the " +
        "app's own subscription (Developer Console) to HUB_PUBLIC_URL/hooks/square, else it relies on reconciliation",
    );
  }
}

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

function keyOf(s: WebhookSubscription | undefined, what: string): string {
  const key = s?.signature_key;
  if (typeof key !== 'string' || key === '') throw new Rejected(`Square answered ${what} without the subscription's signature_key`);
  return key;
}

/** Idempotent: one enabled subscription to `deliveryUrl` for the topics; answers its signature key. */
export async function subscribeSquare(ctx: ConnectContext, { deliveryUrl }: NoticeSubscription): Promise<NoticeSubscribed> {
  refuseOAuthToken(ctx);
  const api = createSquareApi(ctx);
  const [kept, ...extra] = await subscriptionsTo(api, deliveryUrl);
  // Two subscriptions to one URL would sign with two keys: only the kept one's key is the hub's.
  for (const s of extra) await api.request({ method: 'DELETE', url: `${SUBSCRIPTIONS}/${encodeURIComponent(s.id!)}`, idempotent: true });
  if (!kept) {
    const res = await api.request<{ subscription?: WebhookSubscription }>({
      method: 'POST',
      url: SUBSCRIPTIONS,
      body: {
        idempotency_key: randomUUID(),
        subscription: {
          name: SUBSCRIPTION_NAME,
          event_types: [...NOTICE_TOPICS],
          notification_url: deliveryUrl,
          api_version: SQUARE_VERSION,
        },
      },
      idempotent: true, // the idempotency key makes a resend answer the first result
    });
    return { secret: keyOf(res.data?.subscription, 'CreateWebhookSubscription') };
  }
  const id = encodeURIComponent(kept.id!);
  await api.request({
    method: 'PUT',
    url: `${SUBSCRIPTIONS}/${id}`,
    body: { subscription: { enabled: true, event_types: [...NOTICE_TOPICS] } },
    idempotent: true, // absolute values
  });
  // The list shows no signature_key; RetrieveWebhookSubscription does, unchanged (no rotation).
  const res = await api.request<{ subscription?: WebhookSubscription }>({ method: 'GET', url: `${SUBSCRIPTIONS}/${id}` });
  return { secret: keyOf(res.data?.subscription, 'RetrieveWebhookSubscription') };
}

/** Deletes the application's subscriptions to `deliveryUrl`; an OAuth-connected store never had one. */
export async function unsubscribeSquare(ctx: ConnectContext, { deliveryUrl }: Pick<NoticeSubscription, 'deliveryUrl'>): Promise<void> {
  if (ctx.credentials.refreshToken) return;
  const api = createSquareApi(ctx);
  for (const s of await subscriptionsTo(api, deliveryUrl)) {
    await api.request({ method: 'DELETE', url: `${SUBSCRIPTIONS}/${encodeURIComponent(s.id!)}`, idempotent: true });
  }
}
