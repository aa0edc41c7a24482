/**
 * The REST routes the simulated store answers, with Magento's status codes and `{message, parameters}` bodies.
 * Bodies are validated against the official admin schema first; a source-items save is all or nothing.
 */
import type { SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { inputLimitExceeded, invalidInput, mError, noRoute, productNotFound } from './errors';
import { applySearchCriteria, parseSearchCriteria } from './search-criteria';
import type { SpecValidators } from './spec-validators';
import {
  DEFAULT_SOURCE,
  deriveIsInStock,
  effectiveManageStock,
  sourceKey,
  syncDefaultSource,
  syncLegacy,
  type MagentoSimState,
  type SimStockItem,
} from './state';

type Route = SimRoute<MagentoSimState>;
type Ctx = { state: MagentoSimState };
const V1 = '/rest/:storeCode/V1';

const param = (req: SimRequest, name: string) => decodeURIComponent(req.params[name]);

/** Unknown store codes are refused before the service runs. */
function withStore(handler: (req: SimRequest, ctx: Ctx) => SimResponse) {
  return (req: SimRequest, ctx: Ctx): SimResponse =>
    ctx.state.storeCodes.has(param(req, 'storeCode'))
      ? handler(req, ctx)
      : mError(404, "The store that was requested wasn't found. Verify the store and try again.");
}

/** MSI routes exist only while the Magento_Inventory* modules are enabled. */
function msiOnly(handler: (req: SimRequest, ctx: Ctx) => SimResponse) {
  return (req: SimRequest, ctx: Ctx): SimResponse => (ctx.state.msi ? handler(req, ctx) : noRoute());
}

/** The source-item interface Magento names in its input-limit refusal. */
const SOURCE_ITEM_TYPE = '\\Magento\\InventoryApi\\Api\\Data\\SourceItemInterface';

function stockItemJson(state: MagentoSimState, s: SimStockItem): Record<string, unknown> {
  // The getter answers the effective setting (the configuration's while use_config_manage_stock).
  return { ...s, manage_stock: effectiveManageStock(state, s) };
}

function getStockItem(req: SimRequest, { state }: Ctx): SimResponse {
  const s = state.stockItems.get(param(req, 'sku'));
  return s ? { status: 200, body: stockItemJson(state, s) } : productNotFound();
}

const STOCK_FIELDS = new Set<string>([
  'qty',
  'is_in_stock',
  'is_qty_decimal',
  'show_default_notification_message',
  'use_config_min_qty',
  'min_qty',
  'use_config_min_sale_qty',
  'min_sale_qty',
  'use_config_max_sale_qty',
  'max_sale_qty',
  'use_config_backorders',
  'backorders',
  'use_config_notify_stock_qty',
  'notify_stock_qty',
  'use_config_qty_increments',
  'qty_increments',
  'use_config_enable_qty_inc',
  'enable_qty_increments',
  'use_config_manage_stock',
  'manage_stock',
  'low_stock_date',
  'is_decimal_divided',
  'stock_status_changed_auto',
]);

function updateStockItem(check: SpecValidators['updateStockItem']) {
  return (req: SimRequest, { state }: Ctx): SimResponse => {
    const body = req.body as { stockItem?: Record<string, unknown> } | undefined;
    // The generated schema marks low_stock_date a required string, yet Magento answers null there on GET and
    // takes null back: null is checked as "" so the schema's other rules still apply.
    const forCheck =
      body?.stockItem && body.stockItem.low_stock_date === null ? { ...body, stockItem: { ...body.stockItem, low_stock_date: '' } } : body;
    const valid = check(forCheck);
    if (!valid.ok) return invalidInput(valid.errors);
    const sku = param(req, 'sku');
    const s = state.stockItems.get(sku);
    if (!s) return productNotFound();
    // The item id in the path is not checked (updateStockItemBySku loads the SKU's own item).
    const sent = body!.stockItem!;
    for (const [k, v] of Object.entries(sent)) if (STOCK_FIELDS.has(k)) (s as unknown as Record<string, unknown>)[k] = v;
    s.is_in_stock = deriveIsInStock(state, s, sent.is_in_stock === true);
    syncDefaultSource(state, sku);
    return { status: 200, body: s.item_id };
  };
}

function saveSourceItems(check: SpecValidators['saveSourceItems']) {
  return (req: SimRequest, { state }: Ctx): SimResponse => {
    const limit = state.inputListLimit;
    const sent = (req.body as { sourceItems?: unknown } | undefined)?.sourceItems;
    if (limit !== undefined && Array.isArray(sent) && sent.length > limit) return inputLimitExceeded(SOURCE_ITEM_TYPE, limit);
    const valid = check(req.body);
    if (!valid.ok) return invalidInput(valid.errors);
    const items = (req.body as { sourceItems: { sku?: string; source_code?: string; quantity?: number; status?: number }[] }).sourceItems;
    const errors: { message: string; parameters?: Record<string, string> }[] = [];
    items.forEach((it) => {
      if (!it.sku) errors.push({ message: '"%field" can not be empty.', parameters: { field: 'sku' } });
      if (!it.source_code || !state.sources.has(it.source_code))
        errors.push({ message: 'Source with code "%code" does not exist.', parameters: { code: String(it.source_code ?? '') } });
      if (it.status !== 0 && it.status !== 1)
        errors.push({ message: '"%field" should be one of [0, 1].', parameters: { field: 'status' } });
      if (typeof it.quantity !== 'number') errors.push({ message: '"%field" should be numeric.', parameters: { field: 'quantity' } });
    });
    if (errors.length) return mError(400, 'Validation Failed', undefined, { errors });
    const missing = [...new Set(items.map((i) => i.sku!).filter((sku) => !state.products.has(sku)))];
    if (missing.length) return mError(404, 'Following products with requested skus were not found: %1', [missing.join(', ')]);
    for (const it of items) {
      state.sourceItems.set(sourceKey(it.sku!, it.source_code!), { quantity: it.quantity!, status: it.status as 0 | 1 });
      if (it.source_code === DEFAULT_SOURCE) syncLegacy(state, it.sku!);
    }
    return { status: 200, body: [] };
  };
}

function listSourceItems(req: SimRequest, { state }: Ctx): SimResponse {
  const sc = parseSearchCriteria(req);
  const rows = [...state.sourceItems].map(([k, v]) => {
    const [sku, source_code] = k.split('|');
    return { sku, source_code, quantity: v.quantity, status: v.status };
  });
  const { items, total } = applySearchCriteria(rows, sc);
  return {
    status: 200,
    body: {
      items,
      search_criteria: {
        filter_groups: sc.groups.map((g) => ({
          filters: g.map((f) => ({ field: f.field, value: f.value, condition_type: f.conditionType })),
        })),
        ...(sc.pageSize ? { page_size: sc.pageSize, current_page: sc.currentPage } : {}),
      },
      total_count: total,
    },
  };
}

function getSource(req: SimRequest, { state }: Ctx): SimResponse {
  const code = param(req, 'sourceCode');
  return state.sources.has(code)
    ? {
        status: 200,
        body: {
          source_code: code,
          name: code === DEFAULT_SOURCE ? 'Default Source' : code,
          enabled: true,
          country_id: 'US',
          postcode: '00000',
        },
      }
    : mError(404, 'Source with code "%value" does not exist.', { value: code });
}

/** GET /V1/stockItems/lowStock/ (scopeId, qty required): managed items at or below qty. */
function lowStock(req: SimRequest, { state }: Ctx): SimResponse {
  const qty = Number(req.query.qty);
  if (req.query.scopeId === undefined || !Number.isFinite(qty))
    return mError(400, '"%fieldName" is required. Enter and try again.', {
      fieldName: req.query.scopeId === undefined ? 'scopeId' : 'qty',
    });
  const items = [...state.stockItems.values()]
    .filter((s) => effectiveManageStock(state, s) && s.qty <= qty)
    .map((s) => stockItemJson(state, s));
  const pageSize = Number(req.query.pageSize) || items.length;
  // search_criteria is a StockItemCriteriaInterface here (catalog-inventory-stock-item-criteria-interface), not a SearchCriteria.
  const criteria = {
    mapper_interface_name: 'Magento\\CatalogInventory\\Model\\ResourceModel\\Stock\\Item\\StockItemCriteriaMapper',
    criteria_list: [],
    filters: [],
    orders: [],
    limit: [],
  };
  return { status: 200, body: { items: items.slice(0, pageSize), search_criteria: criteria, total_count: items.length } };
}

export function magentoRoutes(v: SpecValidators): Route[] {
  return [
    { method: 'GET', path: `${V1}/stockItems/lowStock`, handle: withStore(lowStock) },
    { method: 'GET', path: `${V1}/stockItems/:sku`, handle: withStore(getStockItem) },
    { method: 'PUT', path: `${V1}/products/:sku/stockItems/:itemId`, handle: withStore(updateStockItem(v.updateStockItem)) },
    { method: 'POST', path: `${V1}/inventory/source-items`, handle: withStore(msiOnly(saveSourceItems(v.saveSourceItems))) },
    { method: 'GET', path: `${V1}/inventory/source-items`, handle: withStore(msiOnly(listSourceItems)) },
    { method: 'GET', path: `${V1}/inventory/sources/:sourceCode`, handle: withStore(msiOnly(getSource)) },
  ];
}
