/**
 * Inbound platform notices (since 1.3.0): a platform tells the hub at once that something changed (a
 * merchant's manual stock edit), so the hub reads back just the affected variants of that store within
 * seconds instead of waiting for the next scheduled reconciliation. Optional: a plugin without `notices`
 * keeps relying on reconciliation.
 *
 * The host owns the route, the per-store secret, the coalescing and the read-back; the plugin only knows the
 * platform's documented format: its topics, its signature scheme and where the variant ids are in a body.
 */
import type { ConnectContext } from './contract';
import type { OAuthApp } from './oauth';
import type { TargetStock } from './target-stock';

/**
 * Whose secret signs a platform's notices (since 1.4.0; absent = 'store'):
 *  - 'store': a random per-store secret the hub generates, keeps encrypted and gives to `subscribe`
 *    (WooCommerce: the webhook's `secret`);
 *  - 'app': the platform app's own secret from the hub's OAuth app configuration (`NoticeRequest.app`,
 *    `secret` = its `noticeKey` when configured, else its clientSecret): Shopify, Ecwid, Nuvemshop, TikTok Shop…
 *    sign every store's notices with it;
 *  - 'subscription': a key the platform itself returns when the hub subscribes (Square's `signature_key`),
 *    returned by `subscribe` and kept encrypted by the hub like a 'store' secret.
 * This names the key of a store's OWN URL (`POST /hooks/:platform/:storeId`). Notices at the platform's one URL
 * (`POST /hooks/:platform`, plugins with `storeOf`) are always verified with the app's key — since 1.5.0 also for
 * a plugin whose store URLs are signed with a 'store' or 'subscription' key (Square: stores connected with a
 * personal access token are subscribed one by one, OAuth sellers' notices come to the app's own subscription).
 */
export type NoticeSigner = 'store' | 'app' | 'subscription';

/** One delivery as the host received it, before anything is parsed. */
export interface NoticeRequest {
  /** The request's headers, names in lower case (as Node gives them). */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The exact bytes of the body: signatures are computed over them. */
  rawBody: Uint8Array;
  /**
   * The secret the notice must be signed with. On a store's own URL, as `signedWith` says: the store's notice
   * secret ('store'), the key the platform returned at subscription ('subscription') or the app's key ('app':
   * its `noticeKey` when configured, else its client secret). On the platform's one URL (`POST /hooks/:platform`),
   * always the app's key, whatever `signedWith` says (since 1.5.0; before, only 'app' plugins had that URL).
   */
  secret: string;
  /**
   * Since 1.4.0: the URL the notice was delivered to, exactly as the hub subscribed it (or as set in the app's
   * settings) — some platforms sign it with the body (Square). Always set by a 1.4 host.
   */
  deliveryUrl?: string;
  /**
   * Since 1.4.0, whenever `secret` is the app's key (`signedWith` 'app', and since 1.5.0 every notice at the
   * platform's one URL): the platform app (its public key, where notices are signed with a key pair: Wix).
   */
  app?: OAuthApp;
}

/** What a `subscribe` may answer (since 1.4.0). */
export interface NoticeSubscribed {
  /** `signedWith: 'subscription'`: the key the platform will sign this store's notices with (kept encrypted). */
  secret?: string;
}

/**
 * What a notice concerns. Platforms often name only the variant (a variation id, an inventory item):
 * `externalProductId` is then absent and the host matches on `externalVariantId` within the store alone.
 * Since 1.4.0 a ref may name only the product (`externalVariantId` absent), for platforms whose notices never
 * name the variant (Nuvemshop's `product/updated`, Ecwid's `product.updated`): every synced variant of that
 * product in the store is read back. Since 1.6.0 a variant ref may say what the variant now `shows`: an echo of
 * the hub's own write is then recorded without a read-back.
 */
export type NoticeRef =
  | {
      externalVariantId: string;
      externalProductId?: string;
      /**
       * Since 1.6.0, optional: what the notice's body says the variant now shows, for platforms whose notice
       * carries the stock (WooCommerce's product / variation resource, Webflow's `ecomm_inventory_changed`
       * quantity and inventoryType). Read from the body with the SAME mapping the plugin's `readStock` uses, so it
       * is what a read-back would have found at the notice's time; absent when the body does not carry it.
       *
       * The host marks the variant for a read-back only when `shown` is absent or differs from what the hub last
       * wrote to it (a quantity of 0 and the sold-out form compare equal, as at reconciliation): the notice of
       * the hub's own write is then recorded and costs no platform call. Only on variant refs.
       */
      shown?: TargetStock;
    }
  | { externalProductId: string; externalVariantId?: undefined; shown?: undefined };

/** Where the platform must deliver a store's notices, and the secret it must sign them with. */
export interface NoticeSubscription {
  /** The hub's public URL for this store's notices (from HUB_PUBLIC_URL). */
  deliveryUrl: string;
  secret: string;
}

export interface PluginNotices {
  /** The platform's own topic names the plugin subscribes to / accepts, e.g. WooCommerce 'product.updated'. */
  topics: readonly string[];
  /** Since 1.4.0: whose secret signs the notices (see NoticeSigner); absent = 'store'. */
  signedWith?: NoticeSigner;
  /**
   * Since 1.4.0: for platforms that deliver every store's notices to ONE URL set in the app's settings (the
   * host's `POST /hooks/:platform`, no store in the path): the platform's id of the store a VERIFIED notice
   * concerns — the same `externalStoreId` the install flow records (shop domain, store id, merchant id...).
   * Undefined when the body names none (the host then answers 400). Declaring it opens that URL: the notices
   * arriving there are verified with the app's key (`noticeKey`, else its clientSecret), whatever `signedWith`.
   * In 1.4 it needed `signedWith: 'app'`; since 1.5.0 a plugin whose store URLs are signed with a 'store' or
   * 'subscription' key may declare it too, when the platform ALSO delivers to the app's one URL (Square: the
   * app's Developer Console subscription carries its OAuth sellers' notices, with `merchant_id`).
   */
  storeOf?(body: unknown, headers: NoticeRequest['headers']): string | undefined;
  /**
   * Since 1.4.0, optional: the platform's id of the event a VERIFIED notice reports, when the signature covers
   * it but not the whole body (Ecwid signs `eventCreated.eventId` only). The host then refuses a second notice
   * with the same id as a replay — whatever its body — instead of comparing body digests.
   */
  noticeId?(body: unknown, headers: NoticeRequest['headers']): string | undefined;
  /**
   * Since 1.4.0, optional: the body of a VERIFIED notice as `refs`, `storeOf` and `noticeId` read it, for
   * platforms whose body is not JSON (Wix delivers a JWT). Default: JSON.parse of the UTF-8 text. Throws when
   * the bytes are not the platform's documented shape (the host answers 400).
   */
  parse?(req: Pick<NoticeRequest, 'rawBody' | 'headers'>): unknown;
  /**
   * Since 1.4.0, optional: true when the platform sends the very same bytes for distinct events, signing no event
   * id or time (Nuvemshop's `{store_id, event, id}`). The host cannot tell a replay from a new event then, and
   * accepts both: a replay only makes the hub read the platform's own state back. Absent: the same signed
   * notice twice (by `noticeId`, else by its bytes) is refused as a replay.
   */
  repeatsBodies?: boolean;
  /**
   * Whether the delivery is signed with `secret` by the platform's documented scheme. Pure and
   * constant-time (crypto.timingSafeEqual on equal-length values); false, never a throw, on a missing or
   * malformed signature. The host calls it before it parses the body or writes anything.
   */
  verify(req: NoticeRequest): boolean;
  /**
   * The variants (or, since 1.4.0, whole products) a VERIFIED notice concerns, read from its parsed body (JSON, or what `parse` answers; pure, no I/O). An empty list
   * when the notice is about nothing the hub syncs (another topic, a product without stock). Throws
   * (any error) when the body is not the platform's documented shape: the host answers 400.
   */
  refs(body: unknown, headers: NoticeRequest['headers']): NoticeRef[];
  /**
   * Optional: a delivery the platform sends to test a new delivery URL, unsigned (e.g. WooCommerce's
   * `webhook_id=…` ping). The host answers it 200 and records nothing.
   */
  isPing?(req: Omit<NoticeRequest, 'secret'>): boolean;
  /**
   * Optional, when the platform lets an app subscribe through its API: subscribes the store to `topics`
   * with the delivery URL and secret (idempotent: an existing subscription to the same URL is kept or updated).
   * `subscription.secret` is meaningful for `signedWith: 'store'` only. With 'subscription' it answers the
   * platform's signing key (since 1.4.0); the host refuses the subscription when none is answered.
   */
  subscribe?(ctx: ConnectContext, subscription: NoticeSubscription): Promise<void | NoticeSubscribed>;
  /** Optional: removes the store's subscriptions to `deliveryUrl` (a store being deleted). */
  unsubscribe?(ctx: ConnectContext, subscription: Pick<NoticeSubscription, 'deliveryUrl'>): Promise<void>;
}
