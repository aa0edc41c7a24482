/**
 * Subscribing a shop to the hub's per-store notice URL through the Admin GraphQL API (shop-specific subscriptions,
 * https://shopify.dev/docs/apps/build/webhooks/subscribe; documents in ../documents.ts). Idempotent: the shop's
 * subscriptions to that URL are listed first and an existing one is kept — the secret is the app's, so there is
 * nothing to update. A userError is a Rejected with Shopify's words (e.g. a delivery URL that is not HTTPS).
 */
import { Rejected, type ConnectContext } from '@stock-sync/plugin-sdk';
import {
  NOTICE_SUBSCRIBE,
  NOTICE_SUBSCRIBE_COST,
  NOTICE_SUBSCRIPTIONS,
  NOTICE_SUBSCRIPTIONS_COST,
  NOTICE_UNSUBSCRIBE,
  NOTICE_UNSUBSCRIBE_COST,
} from '../documents';
import { createShopifyApi, type ShopifyApi } from '../shopify-api';
import { NOTICE_TOPICS } from './notice-topics';

interface Subscription {
  id: string;
  topic: string;
  uri: string;
}
interface UserError {
  field: string[] | null;
  message: string;
}

function refused(what: string, errors: readonly UserError[]): Rejected {
  const words = errors.map((e) => (e.field?.length ? `${e.field.join('.')}: ${e.message}` : e.message)).join('; ');
  return new Rejected(`Shopify refused ${what}: ${words}`);
}

/** The shop's subscriptions (of the notice topics) delivering to `uri`. */
async function subscriptionsTo(api: ShopifyApi, uri: string): Promise<Subscription[]> {
  const data = await api.graphql<{ webhookSubscriptions: { nodes: Subscription[] } | null }>(
    NOTICE_SUBSCRIPTIONS,
    { topics: Object.values(NOTICE_TOPICS), uri },
    NOTICE_SUBSCRIPTIONS_COST,
  );
  // The uri filter is Shopify's; checked again here so another URL is never touched.
  return (data.webhookSubscriptions?.nodes ?? []).filter((s) => s.uri === uri);
}

export async function subscribeShop(ctx: ConnectContext, deliveryUrl: string): Promise<void> {
  const api = createShopifyApi(ctx);
  const existing = await subscriptionsTo(api, deliveryUrl);
  for (const topic of Object.values(NOTICE_TOPICS)) {
    if (existing.some((s) => s.topic === topic)) continue;
    const data = await api.graphql<{ webhookSubscriptionCreate: { webhookSubscription: Subscription | null; userErrors: UserError[] } }>(
      NOTICE_SUBSCRIBE,
      { topic, webhookSubscription: { uri: deliveryUrl } },
      NOTICE_SUBSCRIBE_COST,
    );
    const answer = data.webhookSubscriptionCreate;
    if (answer.userErrors.length > 0) throw refused(`the ${topic} webhook subscription`, answer.userErrors);
    if (!answer.webhookSubscription) throw new Rejected(`Shopify answered the ${topic} webhook subscription without it`);
  }
}

export async function unsubscribeShop(ctx: ConnectContext, deliveryUrl: string): Promise<void> {
  const api = createShopifyApi(ctx);
  for (const s of await subscriptionsTo(api, deliveryUrl)) {
    const data = await api.graphql<{ webhookSubscriptionDelete: { deletedWebhookSubscriptionId: string | null; userErrors: UserError[] } }>(
      NOTICE_UNSUBSCRIBE,
      { id: s.id },
      NOTICE_UNSUBSCRIBE_COST,
    );
    const answer = data.webhookSubscriptionDelete;
    if (answer.userErrors.length > 0) throw refused(`deleting webhook subscription ${s.id}`, answer.userErrors);
  }
}
