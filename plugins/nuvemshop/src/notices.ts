/**
 * Nuvemshop / Tiendanube `product/updated` webhooks as the hub's platform notices (README.md "Platform notices", from
 * https://tiendanube.github.io/api-documentation/resources/webhook): the body `{store_id, event, id}` names the
 * PRODUCT, never a variant, and is signed with the app's secret (hex HMAC-SHA256 of the raw body).
 */
import {
  hmacSha256,
  idText,
  NotFound,
  noticeHeader,
  positiveIntegerId,
  safeEqual,
  type HttpClient,
  type NoticeRef,
  type PluginNotices,
} from '@stock-sync/plugin-sdk';
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

/** The documented body, or a throw (the hub answers 400) when it is not `{store_id, event, …}`. */
function documentedEvent(body: unknown): { event: string; storeId: string; id: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('a Nuvemshop webhook object was expected');
  const b = body as Record<string, unknown>;
  const storeId = idText(b.store_id);
  if (typeof b.event !== 'string' || !b.event) throw new Error('the webhook has no event');
  if (!storeId) throw new Error('the webhook has no store_id');
  return { event: b.event, storeId, id: b.id };
}

/** The product a `product/updated` notice names (`id`); none for other events; throws on a malformed id. */
export function nuvemshopNoticeProducts(body: unknown): string[] {
  const e = documentedEvent(body);
  if (!(NOTICE_TOPICS as readonly string[]).includes(e.event)) return [];
  const id = idText(e.id);
  if (id === undefined || positiveIntegerId(id) === undefined) throw new Error('product/updated without a product id');
  return [id];
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
  storeOf(body) {
    try {
      return documentedEvent(body).storeId;
    } catch {
      return undefined;
    }
  },
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
