/**
 * The products/update webhook as the sandbox sends it (sources: test/evidence/notice-delivery-products-update.json
 * and ../notices): the REST product of the 2026-04 webhooks reference — its variants with their GIDs, numeric ids,
 * inventory_item_id and inventory_quantity, and variant_gids — POSTed (asynchronously, like Shopify) to every
 * PRODUCTS_UPDATE subscription of the shop and to the app's TOML webhook URL when one is set, with Shopify's
 * headers and X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256 of the body with the app's client secret.
 * Sent on a merchant's edit and on the API's inventory and variant writes (the hub's own included): Shopify staff
 * state products/update fires on any change of a variant's quantity, by admin, order or API call
 * (https://community.shopify.com/c/Shopify-APIs-SDKs/Will-products-update-webhook-always-fire-when-an-inventory-level/m-p/825619).
 */
import { randomUUID } from 'node:crypto';
import { shopifyWebhookHmac } from '../oauth';
import { API_VERSION } from '../manifest';
import { PRODUCTS_UPDATE } from '../notices';
import { SIM_OAUTH_APP } from './oauth';
import { inventoryQuantity } from './store-ops';
import { itemOf, liveVariant, type ShopifyState, type SimVariant } from './state';

const numeric = (gid: string): number => Number(gid.slice(gid.lastIndexOf('/') + 1));

function variantUpdatedAt(state: ShopifyState, v: SimVariant): string {
  const times = [...itemOf(state, v).levels.values()].map((l) => l.updatedAt).sort();
  return times[times.length - 1] ?? new Date(0).toISOString();
}

function variantJson(state: ShopifyState, v: SimVariant, position: number): Record<string, unknown> {
  const quantity = inventoryQuantity(state, v);
  return {
    admin_graphql_api_id: v.id,
    barcode: null,
    compare_at_price: null,
    created_at: new Date(0).toISOString(),
    id: numeric(v.id),
    inventory_policy: v.inventoryPolicy.toLowerCase(),
    position,
    price: '0.00',
    product_id: numeric(v.productId),
    sku: v.sku,
    taxable: true,
    title: v.title,
    updated_at: variantUpdatedAt(state, v),
    option1: v.title,
    option2: null,
    option3: null,
    image_id: null,
    inventory_item_id: numeric(v.inventoryItemId),
    inventory_quantity: quantity,
    old_inventory_quantity: quantity,
  };
}

/** The products/update body for one product, or undefined when it no longer exists. */
export function productUpdateJson(state: ShopifyState, productId: string): Record<string, unknown> | undefined {
  const p = state.products.get(productId);
  if (!p) return undefined;
  const variants = p.variantIds.map((id) => liveVariant(state, id)).filter((v): v is SimVariant => v !== undefined);
  const variantsJson = variants.map((v, i) => variantJson(state, v, i + 1));
  const now = new Date().toISOString();
  return {
    admin_graphql_api_id: p.id,
    body_html: '',
    created_at: null,
    handle: p.title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    id: numeric(p.id),
    product_type: '',
    published_at: new Date(0).toISOString(),
    template_suffix: null,
    title: p.title,
    updated_at: now,
    vendor: state.shop.name,
    status: 'active',
    published_scope: 'web',
    tags: '',
    variants: variantsJson,
    options: [],
    images: [],
    image: null,
    media: [],
    variant_gids: variantsJson.map((v) => ({ admin_graphql_api_id: v.admin_graphql_api_id, updated_at: v.updated_at })),
    has_variants_that_requires_components: false,
    category: null,
  };
}

function post(state: ShopifyState, uri: string, body: string, eventId: string): void {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-shopify-topic': PRODUCTS_UPDATE,
    'x-shopify-hmac-sha256': shopifyWebhookHmac(body, SIM_OAUTH_APP.clientSecret),
    'x-shopify-shop-domain': state.shop.myshopifyDomain,
    'x-shopify-api-version': API_VERSION,
    'x-shopify-webhook-id': randomUUID(),
    'x-shopify-triggered-at': new Date().toISOString(),
    'x-shopify-event-id': eventId,
  };
  void state.outbox.send({ url: uri, headers, body, meta: { topic: PRODUCTS_UPDATE }, timeoutMs: 5_000 });
}

/** Sends products/update for each product to every subscriber (one X-Shopify-Event-Id per product change). */
export function deliverProductsUpdate(state: ShopifyState, productIds: Iterable<string>): void {
  const uris = [...state.webhookSubscriptions.values()].filter((s) => s.topic === 'PRODUCTS_UPDATE').map((s) => s.uri);
  if (state.appNoticeUrl) uris.push(state.appNoticeUrl);
  if (uris.length === 0) return;
  for (const productId of new Set(productIds)) {
    const json = productUpdateJson(state, productId);
    if (!json) continue;
    const body = JSON.stringify(json);
    const eventId = randomUUID();
    for (const uri of uris) post(state, uri, body, eventId);
  }
}
