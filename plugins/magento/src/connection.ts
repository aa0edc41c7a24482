/**
 * One store's connection: verify, writeStock, readStock over the legacy stock-item API (stock management on
 * or off, per SKU) and the MSI source-items API (quantities and statuses, many SKUs per call).
 * Stateless apart from its client; one outcome per input, in input order.
 */
import {
  AuthError,
  chunk,
  collapseDuplicates,
  NotFound,
  OutcomeSlots as Slots,
  refOf as ref,
  Rejected,
  sameTargetStock,
  stopsTheWork,
  toPluginError,
  type CollapsedInput,
  type HttpClient,
  type ObservedStock,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { magentoErrorBody, renderMessage } from './magento-api';
import type { MagentoSearchResults, MagentoSourceItem, MagentoStockItem } from './magento-types';
import { DEFAULT_SOURCE_CODE, MAX_SOURCE_ITEMS, SOURCE_ITEMS_PAGE } from './manifest';
import { inLanes } from './lanes';
import { isSku } from './ids';
import { fromMagento, isManaged, sourceItemFor, withManageStock } from './stock-mapping';

/** Per-SKU calls in flight at once: enough for the rate budget, not the round trips, to set the pace. */
const LANES = 4;

const asPluginError = (e: unknown) => toPluginError(e, 'Magento');

type Planned<T extends VariantRef> = CollapsedInput<T, { sku: string }>;

/** A SKU named twice keeps its last input (keyed by the SKU alone: Magento's stock APIs know SKUs only); malformed SKUs are set aside. */
function collapse<T extends VariantRef>(inputs: readonly T[]): { items: Planned<T>[]; invalid: number[] } {
  return collapseDuplicates(inputs, { key: (input) => input.externalVariantId, ids: (input) => (isSku(input.externalVariantId) ? { sku: input.externalVariantId } : undefined) });
}

const enc = encodeURIComponent;

/** "Following products with requested skus were not found: %1" → the SKUs it names. */
function missingSkus(error: PluginError): string[] | undefined {
  const body = magentoErrorBody(error.details?.body);
  if (!body || !/requested skus were not found/i.test(body.message)) return undefined;
  const p = body.parameters;
  const list = Array.isArray(p) ? p[0] : p ? Object.values(p)[0] : undefined;
  return typeof list === 'string' ? list.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

function describe(error: PluginError): string {
  return renderMessage(magentoErrorBody(error.details?.body)) || error.message;
}

export class MagentoConnection implements StoreConnection {
  constructor(
    private readonly api: HttpClient,
    private readonly log: PluginLogger,
    private readonly sourceCode: string,
  ) {}

  private get writesDefaultSource(): boolean {
    return this.sourceCode === DEFAULT_SOURCE_CODE;
  }

  /** The source exists and the token may use the Inventory API (Magento_InventoryApi::source). */
  async verify(): Promise<void> {
    try {
      await this.api.request({ method: 'GET', url: `/inventory/sources/${enc(this.sourceCode)}` });
    } catch (e) {
      if (e instanceof NotFound) throw new AuthError(`Magento has no inventory source "${this.sourceCode}": check sourceCode`, { sourceCode: this.sourceCode });
      throw e;
    }
  }

  private async stockItem(sku: string): Promise<MagentoStockItem> {
    return (await this.api.request<MagentoStockItem>({ method: 'GET', url: `/stockItems/${enc(sku)}` })).data;
  }

  async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
    const slots = new Slots<WriteOutcome>(changes.length);
    const failedWith = (error: PluginError) => (i: number): WriteOutcome => ({ ...ref(changes[i]), status: 'failed', error });
    const { items, invalid } = collapse(changes);
    slots.set(invalid, failedWith(new Rejected('A Magento SKU is 1–64 characters')));
    const failures = new Map<number, PluginError>();
    const fail = (owners: number[], error: PluginError) => owners.forEach((i) => failures.has(i) || failures.set(i, error));
    try {
      const counts: { item: MagentoSourceItem; owners: number[]; inPlace: boolean }[] = [];
      await inLanes(items, LANES, async (it) => {
        const { target, previous } = it.input;
        // What the hub last wrote or read tells whether stock management must flip; only then is the stock
        // item read and written (the endpoint takes the whole item). A stale belief shows up as drift on the
        // next read-back, which then corrects `previous`.
        const believedManaged = previous == null ? undefined : isManaged(previous);
        if (!isManaged(target) && believedManaged === false) return; // unlimited, believed in place
        let countCarried = false;
        if (believedManaged !== isManaged(target)) {
          try {
            countCarried = await this.flipIfNeeded(it.sku, target);
          } catch (e) {
            fail(it.indexes, this.perSku(e, it.sku));
            return;
          }
        }
        if (isManaged(target) && !countCarried) {
          counts.push({ item: sourceItemFor(it.sku, this.sourceCode, target), owners: it.indexes, inPlace: previous != null && sameTargetStock(previous, target) });
        }
      });
      // Counts believed in place cost a call only when another count needs it (then they re-assert for free).
      if (counts.some((c) => !c.inPlace)) {
        for (const part of chunk(counts, MAX_SOURCE_ITEMS)) await this.saveSourceItems(part, fail);
      }
      for (const it of items) slots.set(it.indexes, (i) => (failures.has(i) ? failedWith(failures.get(i)!)(i) : { ...ref(changes[i]), status: 'written' }));
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('magento: write stopped', { code: error.code, message: error.message });
      slots.fillRemaining(failedWith(error));
    }
    return slots.done();
  }

  /**
   * Reads the stock item and, when its stock management is not what the target needs, writes it back with
   * it switched. Returns true when that write also set the target's count (tracking on at the default source).
   */
  private async flipIfNeeded(sku: string, target: StockWrite['target']): Promise<boolean> {
    const item = await this.stockItem(sku);
    if (item.manage_stock === isManaged(target)) return false;
    const body = withManageStock(item, target, this.writesDefaultSource);
    await this.api.request({ method: 'PUT', url: `/products/${enc(sku)}/stockItems/${enc(String(item.item_id ?? 1))}`, body: { stockItem: body }, idempotent: true });
    return isManaged(target) && this.writesDefaultSource;
  }

  /** A per-SKU failure becomes that change's outcome; what stops the run is rethrown. */
  private perSku(e: unknown, sku: string): PluginError {
    const error = asPluginError(e);
    if (stopsTheWork(error)) throw error;
    if (error instanceof NotFound) return new NotFound(`Magento has no product with SKU "${sku}"`, { sku });
    return new Rejected(`Magento refused the stock item of "${sku}": ${describe(error)}`, { sku, status: error.details?.status });
  }

  /**
   * POST /inventory/source-items (absolute values: idempotent). One unknown SKU refuses the whole call;
   * those SKUs fail NotFound and the rest are sent once more without them.
   */
  private async saveSourceItems(part: { item: MagentoSourceItem; owners: number[] }[], fail: (owners: number[], e: PluginError) => void, again = true): Promise<void> {
    if (part.length === 0) return;
    try {
      await this.api.request({ method: 'POST', url: '/inventory/source-items', body: { sourceItems: part.map((p) => p.item) }, idempotent: true });
    } catch (e) {
      const error = asPluginError(e);
      if (stopsTheWork(error)) throw error;
      const missing = missingSkus(error);
      if (again && missing?.length) {
        const gone = new Set(missing);
        for (const p of part) if (gone.has(p.item.sku)) fail(p.owners, new NotFound(`Magento has no product with SKU "${p.item.sku}"`, { sku: p.item.sku }));
        await this.saveSourceItems(part.filter((p) => !gone.has(p.item.sku)), fail, false);
        return;
      }
      const refused = new Rejected(`Magento refused the source items: ${describe(error)}`, { status: error.details?.status });
      for (const p of part) fail(p.owners, refused);
    }
  }

  private async sourceItems(skus: string[]): Promise<Map<string, MagentoSourceItem>> {
    const out = new Map<string, MagentoSourceItem>();
    for (const part of chunk(skus, SOURCE_ITEMS_PAGE)) {
      const res = await this.api.request<MagentoSearchResults<MagentoSourceItem>>({
        method: 'GET',
        url: '/inventory/source-items',
        params: {
          'searchCriteria[filterGroups][0][filters][0][field]': 'sku',
          'searchCriteria[filterGroups][0][filters][0][value]': part.join(','),
          'searchCriteria[filterGroups][0][filters][0][conditionType]': 'in',
          'searchCriteria[filterGroups][1][filters][0][field]': 'source_code',
          'searchCriteria[filterGroups][1][filters][0][value]': this.sourceCode,
          'searchCriteria[filterGroups][1][filters][0][conditionType]': 'eq',
          'searchCriteria[pageSize]': SOURCE_ITEMS_PAGE,
          'searchCriteria[currentPage]': 1,
        },
      });
      for (const s of res.data?.items ?? []) if (s.source_code === this.sourceCode) out.set(s.sku, s);
    }
    return out;
  }

  async readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]> {
    const slots = new Slots<ObservedStock>(refs.length);
    const { items, invalid } = collapse(refs);
    slots.set(invalid, (i) => ({ ...ref(refs[i]), status: 'failed', error: new NotFound('Not a Magento SKU') }));
    try {
      // The stock item per SKU (no list endpoint returns it: magento/magento2#36533), then one source-item page.
      const managed = new Map<string, MagentoStockItem>();
      await inLanes(items, LANES, async (it) => {
        try {
          managed.set(it.sku, await this.stockItem(it.sku));
        } catch (e) {
          const err = this.perSku(e, it.sku);
          slots.set(it.indexes, (i) => ({ ...ref(refs[i]), status: 'failed', error: err }));
        }
      });
      const tracked = [...managed].filter(([, s]) => s.manage_stock).map(([sku]) => sku);
      const sources = tracked.length ? await this.sourceItems(tracked) : new Map<string, MagentoSourceItem>();
      for (const it of items) {
        const stockItem = managed.get(it.sku);
        if (!stockItem) continue;
        const stock = fromMagento(stockItem, sources.get(it.sku));
        slots.set(it.indexes, (i) => ({ ...ref(refs[i]), status: 'found', stock }));
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('magento: read stopped', { code: error.code, message: error.message });
      slots.fillRemaining((i) => ({ ...ref(refs[i]), status: 'failed', error }));
    }
    return slots.done();
  }
}
