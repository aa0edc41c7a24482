/**
 * The Data API v2 routes the plugin uses (paths under /v2, as on api.webflow.com/v2): List Products
 * (verify), List Collections (SKU collection look-up), List / Update Item Inventory.
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { collectionNotFound, ecommerceNotEnabled, siteNotFound, skuNotFound, webflowError } from './errors';
import { applyInventoryInput, inventoryJson, validateInventoryInput, type InventoryInput } from './inventory-rules';
import { skuCollectionId, type SimSku, type WebflowSimState } from './state';
import { deliverInventoryChanged } from './webhooks';

type Ctx = SimContext<WebflowSimState>;

const iso = (ms: number) => new Date(ms).toISOString();

function q(req: SimRequest, name: string): string | undefined {
  const v = req.query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

function listProducts(req: SimRequest, ctx: Ctx): SimResponse {
  const { state } = ctx;
  if (req.params.siteId !== state.siteId) return siteNotFound();
  if (!state.ecommerceEnabled) return ecommerceNotEnabled();
  const limit = Math.min(100, Math.max(1, Number.parseInt(q(req, 'limit') ?? '', 10) || 100));
  const offset = Math.max(0, Number.parseInt(q(req, 'offset') ?? '', 10) || 0);
  const all = [...state.products.values()];
  const items = all.slice(offset, offset + limit).map((p) => ({
    product: { id: p.id, fieldData: { name: p.name, slug: p.id } },
    skus: p.skuIds
      .map((id) => state.skus.get(id))
      .filter((s): s is SimSku => !!s)
      .map((s) => ({ id: s.id, lastUpdated: iso(s.lastUpdated), fieldData: { name: s.name, slug: s.id } })),
  }));
  return { status: 200, body: { items, pagination: { limit, offset, total: all.length } } };
}

function listCollections(req: SimRequest, ctx: Ctx): SimResponse {
  const { state } = ctx;
  if (req.params.siteId !== state.siteId) return siteNotFound();
  const at = iso(0);
  // Without ecommerce a site has no Products / Categories / SKUs collections.
  const collections = state.ecommerceEnabled ? state.collections : [];
  return { status: 200, body: { collections: collections.map((c) => ({ ...c, createdOn: at, lastUpdated: at })) } };
}

/** The SKU of a request, or the platform's answer when there is none. */
function skuOf(req: SimRequest, ctx: Ctx): SimSku | SimResponse {
  if (!ctx.state.ecommerceEnabled) return ecommerceNotEnabled();
  if (req.params.collectionId !== skuCollectionId(ctx.state)) return collectionNotFound();
  return ctx.state.skus.get(req.params.skuId) ?? skuNotFound();
}

function getInventory(req: SimRequest, ctx: Ctx): SimResponse {
  const sku = skuOf(req, ctx);
  if ('status' in sku) return sku;
  return { status: 200, body: inventoryJson(sku) };
}

function patchInventory(req: SimRequest, ctx: Ctx): SimResponse {
  const sku = skuOf(req, ctx);
  if ('status' in sku) return sku;
  if (!/application\/json/i.test(req.headers['content-type'] ?? ''))
    return webflowError(400, 'bad_request', 'Bad Request: Request is malformed');
  const problems = validateInventoryInput(req.body);
  if (problems.length) return webflowError(400, 'validation_error', 'Validation Error', problems);
  applyInventoryInput(sku, req.body as InventoryInput, ctx.state.clock());
  deliverInventoryChanged(ctx.state, sku);
  return { status: 200, body: inventoryJson(sku) };
}

const INVENTORY = '/v2/collections/:collectionId/items/:skuId/inventory';

export const webflowRoutes: SimRoute<WebflowSimState>[] = [
  { method: 'GET', path: '/v2/sites/:siteId/products', handle: listProducts },
  { method: 'GET', path: '/v2/sites/:siteId/collections', handle: listCollections },
  { method: 'GET', path: INVENTORY, handle: getInventory },
  { method: 'PATCH', path: INVENTORY, handle: patchInventory },
];
