/**
 * The variant stock routes of the store API, under `/{version}/{store_id}`:
 * list products (verify), list / get variants, PATCH a product's variants (the batch write) and PUT one
 * variant. Behaviour and error shapes from TiendaNube/api-docs resources/product_variant.md.
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { nuvemError } from './errors';
import { pickFields, variantJson } from './representation';
import { MAX_VARIANTS_PER_PRODUCT, type NuvemSimState, type SimProduct, type SimVariant } from './state';
import { applyStockInput, validateStockInput, type StockInput } from './stock-rules';
import { deliverProductUpdated } from './webhooks';

/** `v1` in the legacy docs, the dated `2025-03` in the current ones. */
export const API_VERSIONS: readonly string[] = ['v1', '2025-03'];
const PREFIX = '/:version/:storeId';
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 200;

type Ctx = SimContext<NuvemSimState>;

const ID = /^[1-9]\d{0,18}$/;

function q(req: SimRequest, name: string): string | undefined {
  const v = req.query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

export function wrongVersion(req: SimRequest): SimResponse | undefined {
  return API_VERSIONS.includes(req.params.version) ? undefined : nuvemError(404, `Unknown API version ${req.params.version}`);
}

function findProduct(req: SimRequest, ctx: Ctx): SimProduct | undefined {
  return ID.test(req.params.productId ?? '') ? ctx.state.products.get(Number(req.params.productId)) : undefined;
}

function productVariants(state: NuvemSimState, p: SimProduct): SimVariant[] {
  return p.variantIds.map((id) => state.variants.get(id)).filter((v): v is SimVariant => v !== undefined);
}

const productNotFound = () => nuvemError(404, 'Product with such id does not exist');

/** JSON bodies need a JSON Content-Type (README "Just JSON": 415 otherwise). */
export function needsJson(req: SimRequest): SimResponse | undefined {
  const type = req.headers['content-type'] ?? '';
  if (!/application\/json/i.test(type)) return nuvemError(415, 'Content-Type must be application/json');
  if (typeof req.body === 'string' && req.body.trim() !== '') return { status: 400, body: { error: 'Problems parsing JSON' } };
  return undefined;
}

/** page / per_page (≤ 200, default 30), X-Total-Count and Link headers; a page past the last → 404. */
export function paginate<T>(req: SimRequest, items: T[]): { page: T[]; headers: Record<string, string> } | SimResponse {
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Number.parseInt(q(req, 'per_page') ?? '', 10) || DEFAULT_PER_PAGE));
  const page = Math.max(1, Number.parseInt(q(req, 'page') ?? '', 10) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  if (page > last) return nuvemError(404, `Last page is ${last}`);
  const link = (p: number, rel: string) => `<${req.path}?page=${p}&per_page=${perPage}>; rel="${rel}"`;
  const links = [
    page < last ? link(page + 1, 'next') : '',
    link(last, 'last'),
    link(1, 'first'),
    page > 1 ? link(page - 1, 'prev') : '',
  ].filter(Boolean);
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    headers: { 'x-total-count': String(items.length), link: links.join(', ') },
  };
}

function listProducts(req: SimRequest, ctx: Ctx): SimResponse {
  const bad = wrongVersion(req);
  if (bad) return bad;
  const products = [...ctx.state.products.values()].map((p) => ({
    id: p.id,
    name: { es: p.name },
    variants: productVariants(ctx.state, p).map(variantJson),
  }));
  const paged = paginate(req, products);
  if ('status' in paged) return paged.status === 404 && products.length === 0 ? { status: 200, body: [] } : paged;
  return { status: 200, headers: paged.headers, body: paged.page.map((p) => pickFields(p, q(req, 'fields'))) };
}

function listVariants(req: SimRequest, ctx: Ctx): SimResponse {
  const bad = wrongVersion(req);
  if (bad) return bad;
  const p = findProduct(req, ctx);
  if (!p) return productNotFound();
  const paged = paginate(req, productVariants(ctx.state, p));
  if ('status' in paged) return paged;
  return { status: 200, headers: paged.headers, body: paged.page.map((v) => pickFields(variantJson(v), q(req, 'fields'))) };
}

function getVariant(req: SimRequest, ctx: Ctx): SimResponse {
  const bad = wrongVersion(req);
  if (bad) return bad;
  const p = findProduct(req, ctx);
  if (!p) return productNotFound();
  const v = ID.test(req.params.id) ? ctx.state.variants.get(Number(req.params.id)) : undefined;
  if (!v || v.productId !== p.id) return nuvemError(404, 'Product Variant with such id does not exist');
  return { status: 200, body: pickFields(variantJson(v), q(req, 'fields')) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * PATCH /products/{product_id}/variants: "Partially update a ProductVariant collection". Every element
 * needs the id of an existing variant of this product, ids unique; any failed precondition → 422 for
 * the whole request (nothing is changed). 200 answers the whole updated collection.
 */
function patchVariants(req: SimRequest, ctx: Ctx): SimResponse {
  const bad = wrongVersion(req) ?? needsJson(req);
  if (bad) return bad;
  const p = findProduct(req, ctx);
  if (!p) return productNotFound();
  const body = req.body;
  if (!Array.isArray(body)) return nuvemError(400, 'Invalid input format');
  if (body.length === 0) return nuvemError(400, 'There must be at least one variant');
  if (!body.every(isObject)) return nuvemError(400, 'Invalid input format');
  const limit = ctx.state.patchLimit;
  if (limit !== undefined && body.length > limit) return nuvemError(422, 'Too many variants sent for update');
  if (body.some((el) => typeof el.id !== 'number' || !Number.isInteger(el.id)))
    return nuvemError(422, 'Validation error', { id: ['The id field is required.'] });

  const ids = body.map((el) => el.id as number);
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicates.length) return nuvemError(422, 'Variants cannot be repeated', { duplicate_variant_ids: [...new Set(duplicates)] });
  // Unverified: the docs say the 422 names "the IDs of the failed ProductVariants" but show only the duplicate case.
  const foreign = ids.filter((id) => ctx.state.variants.get(id)?.productId !== p.id);
  if (foreign.length) return nuvemError(422, 'Variants do not exist or do not belong to the product', { invalid_variant_ids: foreign });
  const problems: Record<string, string[]> = {};
  const locationIds = ctx.state.locations.map((l) => l.id);
  for (const el of body) Object.assign(problems, validateStockInput(el as StockInput, locationIds) ?? {});
  if (Object.keys(problems).length) return nuvemError(422, 'Validation error', problems);

  const now = ctx.state.clock();
  for (const el of body) applyStockInput(ctx.state.variants.get(el.id as number)!, el as StockInput, now);
  // Unverified whether API writes fire product/updated; the sandbox sends it (the hub must cope with its echoes).
  deliverProductUpdated(ctx.state, p.id);
  return { status: 200, body: productVariants(ctx.state, p).map(variantJson) };
}

/** PUT /products/{product_id}/variants/{id}: modify one variant (stock fields here). */
function putVariant(req: SimRequest, ctx: Ctx): SimResponse {
  const bad = wrongVersion(req) ?? needsJson(req);
  if (bad) return bad;
  const p = findProduct(req, ctx);
  if (!p) return productNotFound();
  const v = ID.test(req.params.id) ? ctx.state.variants.get(Number(req.params.id)) : undefined;
  if (!v || v.productId !== p.id) return nuvemError(404, 'Product Variant with such id does not exist');
  if (!isObject(req.body)) return nuvemError(400, 'Invalid input format');
  const problems = validateStockInput(
    req.body as StockInput,
    ctx.state.locations.map((l) => l.id),
  );
  if (problems) return nuvemError(422, 'Validation error', problems);
  applyStockInput(v, req.body as StockInput, ctx.state.clock());
  deliverProductUpdated(ctx.state, p.id);
  return { status: 200, body: variantJson(v) };
}

export function addVariant(state: NuvemSimState, p: SimProduct, v: SimVariant): void {
  if (p.variantIds.length >= MAX_VARIANTS_PER_PRODUCT) throw new Error('Product is not allowed to have more than 1000 variants');
  state.variants.set(v.id, v);
  p.variantIds.push(v.id);
}

/** GET /locations (resources/location): every location of the store. Scope read_locations (not modelled). */
function listLocations(req: SimRequest, ctx: Ctx): SimResponse {
  const bad = wrongVersion(req);
  if (bad) return bad;
  return {
    status: 200,
    body: ctx.state.locations.map((l) => ({
      id: l.id,
      name: { es_AR: l.name, pt_BR: l.name, en_US: l.name },
      store_id: req.params.storeId,
      priority: l.priority,
      is_default: l.isDefault,
      allows_pickup: false,
      address: {
        zipcode: '12910802',
        street: 'St Louis',
        number: '01',
        city: 'São Paulo',
        province: { name: 'São Paulo', code: 'SP' },
        region: { name: 'Sudeste', code: 'SE' },
        country: { name: 'Brasil', code: 'BR' },
      },
      created_at: '2024-04-03T17:03:30+0000',
      updated_at: '2024-04-03T17:03:30+0000',
    })),
  };
}

export const nuvemshopRoutes: SimRoute<NuvemSimState>[] = [
  { method: 'GET', path: `${PREFIX}/locations`, handle: listLocations },
  { method: 'GET', path: `${PREFIX}/products`, handle: listProducts },
  { method: 'GET', path: `${PREFIX}/products/:productId/variants`, handle: listVariants },
  { method: 'PATCH', path: `${PREFIX}/products/:productId/variants`, handle: patchVariants },
  { method: 'GET', path: `${PREFIX}/products/:productId/variants/:id`, handle: getVariant },
  { method: 'PUT', path: `${PREFIX}/products/:productId/variants/:id`, handle: putVariant },
];
