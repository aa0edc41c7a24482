/**
 * WooCommerce `product.updated` webhooks as the hub's platform notices: topic, signature, ping and `shown`, with
 * their sources, in README.md "Platform notices" (fixtures test/evidence/webhook-*.json). A variation's delivery
 * says what it now shows, so the echo of the hub's own batch write costs no read-back.
 */
import { hmacSha256, noticeHeader, safeEqual } from '@stock-sync/plugin-sdk';
import type { NoticeRef, NoticeRequest, PluginNotices, TargetStock } from '@stock-sync/plugin-api';
import { fromVariationStock } from './stock-mapping';
import { createWooApi } from './woo-api';
import type { WooStockStatus } from './woo-types';

const NOTICE_TOPICS = ['product.updated'] as const;
const SIGNATURE_HEADER = 'x-wc-webhook-signature';
const TOPIC_HEADER = 'x-wc-webhook-topic';
const WEBHOOK_NAME = 'Stock Sync Hub: drift in seconds';

/** base64(HMAC-SHA256(secret, body)) — WC_Webhook::generate_signature. */
export const wooSignature = (rawBody: Uint8Array | string, secret: string): string =>
  hmacSha256(secret, typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody), 'base64');

const POSITIVE_ID = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * What a delivered variation shows, read as readStock reads it (fromVariationStock) — only when the body carries
 * the three stock fields with their documented types; otherwise undefined (the hub reads the variation back).
 */
export function wooShownStock(p: { manage_stock?: unknown; stock_quantity?: unknown; stock_status?: unknown }): TargetStock | undefined {
  const { manage_stock: manage, stock_quantity: quantity, stock_status: status } = p;
  if ((manage !== true && manage !== false && manage !== 'parent') || typeof status !== 'string') return undefined;
  if (quantity !== null && typeof quantity !== 'number') return undefined;
  return fromVariationStock({ manage_stock: manage, stock_quantity: quantity, stock_status: status as WooStockStatus });
}

/**
 * The variations a `product.updated` delivery concerns: a variation (type `variation`, or a `parent_id`) is
 * itself, with what it shows; a variable product names its `variations` (its own stock fields are not theirs: no
 * `shown`); anything else (a simple product, another topic) none.
 */
export function wooNoticeRefs(body: unknown, headers: NoticeRequest['headers'] = {}): NoticeRef[] {
  const topic = noticeHeader(headers, TOPIC_HEADER);
  if (topic !== undefined && !(NOTICE_TOPICS as readonly string[]).includes(topic)) return [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('a WooCommerce product object was expected');
  const p = body as { id?: unknown; parent_id?: unknown; type?: unknown; variations?: unknown };
  if (!POSITIVE_ID(p.id)) throw new Error('the product has no id');
  if (POSITIVE_ID(p.parent_id) || p.type === 'variation') {
    if (!POSITIVE_ID(p.parent_id)) throw new Error('a variation without its parent_id');
    const shown = wooShownStock(body as Parameters<typeof wooShownStock>[0]);
    return [{ externalProductId: String(p.parent_id), externalVariantId: String(p.id), ...(shown ? { shown } : {}) }];
  }
  if (p.type === 'variable' && Array.isArray(p.variations)) {
    return p.variations.filter(POSITIVE_ID).map((id) => ({ externalProductId: String(p.id), externalVariantId: String(id) }));
  }
  return [];
}

type WooWebhook = { id: number; topic: string; delivery_url: string };

/** The store's webhooks delivering to `deliveryUrl` (GET /webhooks, every page of 100). */
async function webhooksTo(api: ReturnType<typeof createWooApi>, deliveryUrl: string): Promise<WooWebhook[]> {
  const found: WooWebhook[] = [];
  for (let page = 1; page <= 50; page++) {
    const res = await api.request<WooWebhook[]>({ method: 'GET', url: '/webhooks', params: { per_page: 100, page } });
    const list = Array.isArray(res.data) ? res.data : [];
    found.push(...list.filter((w) => w && w.delivery_url === deliveryUrl));
    const pages = Number(res.headers['x-wp-totalpages'] ?? 1);
    if (list.length < 100 || !(page < pages)) break;
  }
  return found;
}

export const wooNotices: PluginNotices = {
  topics: NOTICE_TOPICS,
  verify(req) {
    const given = noticeHeader(req.headers, SIGNATURE_HEADER);
    return !!given && !!req.secret && safeEqual(given.trim(), wooSignature(req.rawBody, req.secret));
  },
  refs: wooNoticeRefs,
  isPing: (req) =>
    noticeHeader(req.headers, SIGNATURE_HEADER) === undefined && /^webhook_id=\d+$/.test(Buffer.from(req.rawBody).toString('utf8')),
  async subscribe(ctx, { deliveryUrl, secret }) {
    const api = createWooApi(ctx);
    const existing = await webhooksTo(api, deliveryUrl);
    for (const topic of NOTICE_TOPICS) {
      const same = existing.find((w) => w.topic === topic);
      // The secret is write-only in WooCommerce: an existing hook gets it again (the hub's may be new), re-activated.
      await api.request(
        same
          ? { method: 'PUT', url: `/webhooks/${same.id}`, body: { secret, status: 'active' }, idempotent: true }
          : { method: 'POST', url: '/webhooks', body: { name: WEBHOOK_NAME, topic, delivery_url: deliveryUrl, secret, status: 'active' } },
      );
    }
  },
  async unsubscribe(ctx, { deliveryUrl }) {
    const api = createWooApi(ctx);
    for (const w of await webhooksTo(api, deliveryUrl)) {
      // force=true: webhooks have no trash.
      await api.request({ method: 'DELETE', url: `/webhooks/${w.id}`, params: { force: true }, idempotent: true });
    }
  },
};
