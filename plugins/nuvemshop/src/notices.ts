/**
 * Nuvemshop / Tiendanube `product/updated` webhooks as the hub's platform notices (README.md "Platform notices", from
 * https://tiendanube.github.io/api-documentation/resources/webhook): the body `{store_id, event, id}` names the
 * PRODUCT, never a variant, and is signed with the app's secret (hex HMAC-SHA256 of the raw body).
 */
import { documentedNotice, hmacSha256, noticeHeader, safeEqual } from '@stock-sync/plugin-sdk';
import { NotFound } from '@stock-sync/plugin-api';
import type { HttpClient, NoticeRef, PluginNotices } from '@stock-sync/plugin-api';
import { createNuvemshopApi } from './nuvemshop-api';

const NOTICE_TOPICS = ['product/updated'] as const;
const PER_PAGE = 200;
const MAX_PAGES = 50;
export const SIGNATURE_HEADER = 'x-linkedstore-hmac-sha256';

/** Shared with oauth.ts's verifyUninstall: the same header, the same app secret. */
export function isSignedByApp(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header || !appSecret) return false;
  return safeEqual(header.trim().toLowerCase(), hmacSha256(appSecret, rawBody, 'hex'));
}

/** The documented body `{store_id, event, id}`, or a throw (the hub answers 400) for another shape. */
const documented = documentedNotice('Nuvemshop', { store: 'store_id', event: 'event', id: 'id' });

/** The product a `product/updated` notice names (`id`); none for other events; throws on a malformed id. */
export function nuvemshopNoticeProducts(body: unknown): string[] {
  return documented.productIds(body, NOTICE_TOPICS);
}

/** The whole product: `product/updated` names no variant and `refs` makes no call, so the hub reads back its synced variants. */
export function nuvemshopNoticeRefs(body: unknown): NoticeRef[] {
  return nuvemshopNoticeProducts(body).map((externalProductId) => ({ externalProductId }));
}

type NuvemWebhook = { id: number; event: string; url: string };

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
  // `store_id`: "received as user_id at the authentication step" — what oauth.ts records as externalStoreId.
  storeOf: documented.storeOf,
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
