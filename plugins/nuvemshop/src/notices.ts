/**
 * Nuvemshop / Tiendanube webhooks as the hub's platform notices (plugin API 1.4, issue 13). Source,
 * https://tiendanube.github.io/api-documentation/resources/webhook (fixtures test/evidence/webhook-*.json):
 *  - a webhook is created per store through the API: POST /webhooks {event, url} → 201 {id, event, url,
 *    created_at, updated_at}; GET /webhooks (filters `url`, `event`, page, per_page); DELETE /webhooks/{id} → {};
 *    the url "Must be HTTPS", and no localhost/tiendanube/nuvemshop domain;
 *  - events: product/created|updated|deleted; the only variant event is product_variant/custom_fields_updated;
 *  - body `{store_id, event, id}` — for product events `id` is the PRODUCT's id: no variant is named;
 *  - `X-Linkedstore-HMAC-SHA256`: hex HMAC-SHA256 of the raw body with the app's secret (the document's PHP
 *    example: hash_hmac('sha256', $data, APP_SECRET)), compared in constant time over the exact bytes received;
 *  - retries on anything but 2XX within 40 s, up to 18 times over 48 hours; messages may come out of order
 *    and more than once.
 */
import {
  hmacSha256,
  idText,
  NotFound,
  noticeHeader,
  safeEqual,
  type HttpClient,
  type NoticeRef,
  type PluginNotices,
} from '@stock-sync/plugin-sdk';
import { createNuvemshopApi, parseNuvemId } from './nuvemshop-api';

const NOTICE_TOPICS = ['product/updated'] as const;
const PER_PAGE = 200;
const MAX_PAGES = 50;
export const SIGNATURE_HEADER = 'x-linkedstore-hmac-sha256';

/** Shared with oauth.ts's verifyUninstall: the same header, the same app secret. */
export function isSignedByApp(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header || !appSecret) return false;
  return safeEqual(header.trim().toLowerCase(), hmacSha256(appSecret, rawBody, 'hex'));
}

/** The documented body, or a throw (the hub answers 400) when it is not `{store_id, event, …}`. */
function documentedEvent(body: unknown): { event: string; storeId: string; id: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('a Nuvemshop webhook object was expected');
  const b = body as Record<string, unknown>;
  const storeId = idText(b.store_id);
  if (typeof b.event !== 'string' || !b.event) throw new Error('the webhook has no event');
  if (!storeId) throw new Error('the webhook has no store_id');
  return { event: b.event, storeId, id: b.id };
}

/** `store_id`: "received as user_id at the authentication step" — what oauth.ts records as externalStoreId. */
function nuvemshopNoticeStore(body: unknown): string | undefined {
  try {
    return documentedEvent(body).storeId;
  } catch {
    return undefined;
  }
}

/** The product a `product/updated` notice names (`id`); none for other events; throws on a malformed id. */
export function nuvemshopNoticeProducts(body: unknown): string[] {
  const e = documentedEvent(body);
  if (!(NOTICE_TOPICS as readonly string[]).includes(e.event)) return [];
  const id = idText(e.id);
  if (id === undefined || parseNuvemId(id) === undefined) throw new Error('product/updated without a product id');
  return [id];
}

/**
 * What a verified notice concerns: the whole product (`id`) — `product/updated` names no variant and `refs` is
 * pure (no call to list them), so the hub reads back every synced variant of that product. The documented shape
 * is checked (a throw → 400); other events name nothing.
 */
export function nuvemshopNoticeRefs(body: unknown): NoticeRef[] {
  return nuvemshopNoticeProducts(body).map((externalProductId) => ({ externalProductId }));
}

interface NuvemWebhook {
  id: number;
  event: string;
  url: string;
}

/** The store's webhooks delivering to `url` (GET /webhooks?url=…, every page; a page past the last is a 404). */
async function webhooksTo(api: HttpClient, url: string): Promise<NuvemWebhook[]> {
  const found: NuvemWebhook[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    let list: unknown;
    try {
      list = (await api.request<NuvemWebhook[]>({ method: 'GET', url: '/webhooks', params: { url, page, per_page: PER_PAGE } })).data;
    } catch (e) {
      if (page > 1 && e instanceof NotFound) break;
      throw e;
    }
    const hooks = Array.isArray(list) ? (list as NuvemWebhook[]) : [];
    // The filter is the platform's; the plugin checks it anyway before it keeps or deletes anything.
    found.push(...hooks.filter((w) => w && w.url === url && typeof w.id === 'number'));
    if (hooks.length < PER_PAGE) break;
  }
  return found;
}

export const nuvemshopNotices: PluginNotices = {
  topics: NOTICE_TOPICS,
  signedWith: 'app',
  // `{store_id, event, id}` carries no event id or time: two edits of one product send the same bytes.
  repeatsBodies: true,
  // The app's signature over the exact bytes received (the hub has parsed nothing yet).
  verify: (req) => isSignedByApp(Buffer.from(req.rawBody), noticeHeader(req.headers, SIGNATURE_HEADER), req.secret),
  storeOf: (body) => nuvemshopNoticeStore(body),
  refs: (body) => nuvemshopNoticeRefs(body),
  async subscribe(ctx, { deliveryUrl }) {
    // No per-store secret: Nuvemshop signs with the app's secret, whatever the hub generated.
    const api = createNuvemshopApi(ctx);
    const existing = await webhooksTo(api, deliveryUrl);
    for (const event of NOTICE_TOPICS) {
      if (existing.some((w) => w.event === event)) continue;
      await api.request({ method: 'POST', url: '/webhooks', body: { event, url: deliveryUrl } });
    }
  },
  async unsubscribe(ctx, { deliveryUrl }) {
    const api = createNuvemshopApi(ctx);
    for (const w of await webhooksTo(api, deliveryUrl)) {
      await api.request({ method: 'DELETE', url: `/webhooks/${w.id}`, idempotent: true });
    }
  },
};
