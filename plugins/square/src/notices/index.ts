/**
 * Square's `inventory.count.updated` notifications as the hub's platform notices (plugin API 1.5, issue 13):
 *  - a store connected with a personal access token: its own URL, subscribed by `subscribe`, signed with the key
 *    that subscription answers (`signedWith: 'subscription'`);
 *  - OAuth-connected sellers: the app's own subscription (set in the Developer Console) delivers every authorised
 *    seller's notifications to the hub's platform URL, signed with that subscription's key — the host verifies
 *    them with the app's key (HUB_OAUTH_SQUARE_NOTICE_KEY) and finds the store by `storeOf` (`merchant_id`).
 * Decisions and sources: README "Platform notices"; fixtures test/evidence/notice-*.json, webhook-subscription*.json.
 */
import type { PluginNotices } from '@stock-sync/plugin-sdk';
import { squareNoticeRefs } from './refs';
import { verifySquareSignature } from './signature';
import { squareStoreOf } from './store-of';
import { NOTICE_TOPICS, subscribeSquare, unsubscribeSquare } from './subscriptions';

export const squareNotices: PluginNotices = {
  topics: NOTICE_TOPICS,
  // The key Square returns when the subscription is created (WebhookSubscription.signature_key).
  signedWith: 'subscription',
  verify: verifySquareSignature,
  refs: (body) => squareNoticeRefs(body),
  // The app subscription's notifications (OAuth sellers) name their seller; a store's own ones do too.
  storeOf: (body) => squareStoreOf(body),
  subscribe: subscribeSquare,
  unsubscribe: unsubscribeSquare,
};

export { squareNoticeRefs, INVENTORY_COUNT_UPDATED } from './refs';
export { squareSignature, verifySquareSignature, SIGNATURE_HEADER } from './signature';
export { NOTICE_TOPICS } from './subscriptions';
export { squareStoreOf } from './store-of';
