/**
 * BigCommerce inventory webhooks as the hub's platform notices (plugin API 1.4, issue 13). Decisions and
 * sources: README "Platform notices"; fixtures test/evidence/notice-*.json and webhook-*.json.
 */
import { noticeHeader, type PluginNotices } from '@stock-sync/plugin-sdk';
import { bigcommerceNoticeRefs } from './refs';
import { ID_HEADER, verifyStandardWebhook } from './signature';
import { NOTICE_TOPICS, subscribeBigcommerce, unsubscribeBigcommerce } from './subscriptions';

export const bigcommerceNotices: PluginNotices = {
  topics: NOTICE_TOPICS,
  // Standard Webhooks signature with the app's client secret (the hub's OAuth app configuration).
  signedWith: 'app',
  verify: (req) => verifyStandardWebhook(req),
  refs: (body) => bigcommerceNoticeRefs(body),
  // The signature covers `webhook-id` (Standard Webhooks: the same id on every retry of one message), so it is
  // the message's identity: one stock change may send the very same body twice with different ids.
  noticeId: (_body, headers) => noticeHeader(headers, ID_HEADER),
  subscribe: subscribeBigcommerce,
  unsubscribe: unsubscribeBigcommerce,
};

export { bigcommerceNoticeRefs, SKU_INVENTORY_UPDATED, STOCK_CHANGED } from './refs';
export { standardWebhookSignature, verifyStandardWebhook, TOLERANCE_SECONDS } from './signature';
export { NOTICE_TOPICS } from './subscriptions';
