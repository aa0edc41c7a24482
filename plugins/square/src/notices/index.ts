/**
 * Square's `inventory.count.updated` notifications as the hub's platform notices (plugin API 1.4, issue 13).
 * Decisions and sources: README "Platform notices"; fixtures test/evidence/notice-*.json, webhook-subscription*.json.
 */
import type { PluginNotices } from '@stock-sync/plugin-sdk';
import { squareNoticeRefs } from './refs';
import { verifySquareSignature } from './signature';
import { NOTICE_TOPICS, subscribeSquare, unsubscribeSquare } from './subscriptions';

export const squareNotices: PluginNotices = {
  topics: NOTICE_TOPICS,
  // The key Square returns when the subscription is created (WebhookSubscription.signature_key).
  signedWith: 'subscription',
  verify: verifySquareSignature,
  refs: (body) => squareNoticeRefs(body),
  subscribe: subscribeSquare,
  unsubscribe: unsubscribeSquare,
};

export { squareNoticeRefs, INVENTORY_COUNT_UPDATED } from './refs';
export { squareSignature, verifySquareSignature, SIGNATURE_HEADER } from './signature';
export { NOTICE_TOPICS } from './subscriptions';
