/**
 * The API v1 routes the simulated shop answers: users/me, items/detail, items/edit and items/edit_stock
 * (form-encoded POSTs, whole-request validation before any change, derived item stock).
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { MAX_STOCK } from '../manifest';
import { ERRORS } from './errors';
import { deriveStock, itemJson, type BaseSimState, type SimItem } from './state';

type Ctx = SimContext<BaseSimState>;

function needScope(state: BaseSimState, scope: string): SimResponse | undefined {
  return state.scopes.has(scope) ? undefined : ERRORS.invalidScope();
}

function form(req: SimRequest): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) return out;
  for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) out[k] = Array.isArray(v) ? String(v[v.length - 1]) : String(v);
  return out;
}

/** A stock count as BASE's validation takes it: a whole number 0 … MAX_STOCK (the ceiling is unverified). */
function stockValue(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d{1,9}$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return n <= MAX_STOCK ? n : undefined;
}

function findItem(state: BaseSimState, raw: string | undefined): SimItem | undefined {
  return raw !== undefined && /^\d+$/.test(raw) ? state.items.get(Number(raw)) : undefined;
}

function editable(item: SimItem): SimResponse | undefined {
  if (item.kind === 'digital') return ERRORS.digital();
  if (item.kind === 'clubt') return ERRORS.clubT();
  return undefined;
}

function usersMe(): SimResponse {
  // Every field of the documented example; mail_address only comes with the read_users_mail scope (not modelled).
  return {
    status: 200,
    body: {
      user: {
        shop_id: 'sandbox-shop',
        shop_name: 'Sandbox Shop',
        shop_introduction: '',
        shop_url: 'https://sandbox.thebase.in',
        twitter_id: '',
        facebook_id: '',
        ameba_id: '',
        instagram_id: '',
        background: null,
        display_background: 0,
        repeat_background: 0,
        logo: null,
        display_logo: 0,
      },
    },
  };
}

function itemDetail(req: SimRequest, ctx: Ctx): SimResponse {
  const denied = needScope(ctx.state, 'read_items');
  if (denied) return denied;
  const item = findItem(ctx.state, req.params.itemId);
  return item ? { status: 200, body: { item: itemJson(item) } } : ERRORS.noItem();
}

/** Indexed arrays `name[n]` of a form, by index. */
function indexed(f: Record<string, string>, name: string): Map<number, string> {
  const out = new Map<number, string>();
  const re = new RegExp(`^${name}\\[(\\d+)\\]$`);
  for (const [k, v] of Object.entries(f)) {
    const m = re.exec(k);
    if (m) out.set(Number(m[1]), v);
  }
  return out;
}

function edit(req: SimRequest, ctx: Ctx): SimResponse {
  const state = ctx.state;
  const denied = needScope(state, 'write_items');
  if (denied) return denied;
  const f = form(req);
  const item = findItem(state, f.item_id);
  if (!item) return ERRORS.badItemId();
  const refused = editable(item);
  if (refused) return refused;
  // Validate the whole request first: BASE changes nothing when any part is wrong.
  const ids = indexed(f, 'variation_id');
  const stocks = indexed(f, 'variation_stock');
  const names = indexed(f, 'variation');
  const planned: { id: number | undefined; stock: number | undefined; name: string | undefined }[] = [];
  for (const [n, rawId] of ids) {
    const stock = stocks.has(n) ? stockValue(stocks.get(n)) : undefined;
    if (stocks.has(n) && stock === undefined) return ERRORS.validation();
    if (rawId === '') {
      // An empty id adds a variation; it needs its name.
      if (!names.get(n)) return ERRORS.validation();
      planned.push({ id: undefined, stock: stock ?? 0, name: names.get(n) });
      continue;
    }
    const id = /^\d+$/.test(rawId) ? Number(rawId) : Number.NaN;
    if (!item.variations.some((v) => v.variation_id === id)) return ERRORS.badVariationId();
    planned.push({ id, stock, name: names.get(n) });
  }
  let itemStock: number | undefined;
  if (f.stock !== undefined) {
    itemStock = stockValue(f.stock);
    if (itemStock === undefined) return ERRORS.validation();
  }
  if (f.visible !== undefined && f.visible !== '0' && f.visible !== '1') return ERRORS.validation();

  for (const p of planned) {
    if (p.id === undefined) {
      item.variations.push({
        variation_id: state.nextVariationId++,
        variation: p.name ?? '',
        variation_stock: p.stock ?? 0,
        variation_identifier: null,
      });
      continue;
    }
    const v = item.variations.find((x) => x.variation_id === p.id)!;
    if (p.stock !== undefined) v.variation_stock = p.stock;
    if (p.name) v.variation = p.name;
  }
  if (typeof f.title === 'string' && f.title !== '') item.title = f.title;
  if (f.visible !== undefined) item.visible = f.visible === '1' ? 1 : 0;
  // With variations the sent `stock` is overridden by their sum.
  if (itemStock !== undefined) item.stock = itemStock;
  deriveStock(item);
  item.modified = Math.floor(ctx.now() / 1000);
  return { status: 200, body: { item: itemJson(item) } };
}

/** One item's stock, or one variation's (variation_id + variation_stock). */
function editStock(req: SimRequest, ctx: Ctx): SimResponse {
  const state = ctx.state;
  const denied = needScope(state, 'write_items');
  if (denied) return denied;
  const f = form(req);
  const item = findItem(state, f.item_id);
  if (!item) return ERRORS.badItemId();
  const refused = editable(item);
  if (refused) return refused;
  if (f.variation_id !== undefined) {
    const v = item.variations.find((x) => String(x.variation_id) === f.variation_id);
    if (!v) return ERRORS.badVariationId();
    const stock = stockValue(f.variation_stock);
    if (stock === undefined) return ERRORS.validation();
    v.variation_stock = stock;
  } else {
    const stock = stockValue(f.stock);
    if (stock === undefined) return ERRORS.validation();
    item.stock = stock;
  }
  deriveStock(item);
  item.modified = Math.floor(ctx.now() / 1000);
  return { status: 200, body: { item: itemJson(item) } };
}

export const baseRoutes: SimRoute<BaseSimState>[] = [
  { method: 'GET', path: '/1/users/me', handle: usersMe },
  { method: 'GET', path: '/1/items/detail/:itemId', handle: itemDetail },
  { method: 'POST', path: '/1/items/edit', handle: edit },
  { method: 'POST', path: '/1/items/edit_stock', handle: editStock },
  // Write endpoints answer other methods with BASE's own refusal.
  ...(['GET', 'PUT', 'PATCH', 'DELETE'] as const).flatMap((method) => [
    { method, path: '/1/items/edit', handle: () => ERRORS.notPost() },
    { method, path: '/1/items/edit_stock', handle: () => ERRORS.notPost() },
  ]),
];
