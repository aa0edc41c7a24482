/**
 * One store's connection: verify, writeStock, readStock. Stateless apart from the client it was built
 * with; every outcome comes back in input order, one per input.
 */
import {
  batched,
  NotFound,
  Rejected,
  StopTheWork,
  stopsTheWork,
  toPluginError,
  Transient,
  type HttpClient,
  type Planned,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import { nuvemIds } from './batch-plan';
import { MAX_BATCH, MAX_PER_PAGE } from './manifest';
import type { NuvemLocation, NuvemVariantStock } from './nuvemshop-types';
import { sameOnPlatform, stockAt, toVariantPatch } from './stock-mapping';

type PlannedItem<T extends VariantRef> = Planned<T, { productId: number; variantId: number }>;
type Verdicts = (PluginError | undefined)[];

/** The fields a stock read needs (`fields` keeps each variant to a few bytes); inventory_levels for multi-inventory. */
const STOCK_FIELDS = 'id,stock_management,stock,inventory_levels';

const asPluginError = (e: unknown) => toPluginError(e, 'Nuvemshop');

/** The platform's `description` from an error's redacted body snippet, when there is one. */
export function platformDescription(e: PluginError): string | undefined {
  const body = e.details?.body;
  if (typeof body !== 'string') return undefined;
  try {
    const parsed = JSON.parse(body) as { description?: unknown };
    if (typeof parsed.description === 'string') return parsed.description;
  } catch {
    // A truncated snippet: fall back to a plain match.
  }
  return /"description"\s*:\s*"([^"]*)"/.exec(body)?.[1];
}

function statusOf(e: PluginError): number | undefined {
  return typeof e.details?.status === 'number' ? e.details.status : undefined;
}

export class NuvemshopConnection implements StoreConnection {
  readonly writeStock: StoreConnection['writeStock'];
  readonly readStock: StoreConnection['readStock'];

  constructor(
    private readonly api: HttpClient,
    log: PluginLogger,
    maxBatch: number = MAX_BATCH,
    /** The location whose counts the hub sets (multi-inventory stores); undefined = the variant's only location. */
    private readonly locationId?: string,
  ) {
    ({ writeStock: this.writeStock, readStock: this.readStock } = batched({
      platform: 'Nuvemshop',
      id: 'nuvemshop',
      log,
      ids: nuvemIds,
      invalid: {
        write: 'Nuvemshop product and variant ids are positive integers',
        read: 'Not a Nuvemshop variant id (ids are positive integers)',
      },
      verify: () => this.verify(),
      // The variants batch is scoped to one product; a product whose writes are all in place costs no call.
      write: {
        groupBy: (it) => it.productId,
        maxBatch,
        same: sameOnPlatform,
        run: async (items, productId) => {
          await this.refuseSeveralLocations();
          return this.writeChunk(productId, items, true);
        },
      },
      read: { groupBy: (it) => it.productId, run: (items, productId) => this.readProduct(productId, items) },
    }));
  }

  private locationsOnce: Promise<NuvemLocation[] | undefined> | undefined;

  /**
   * The store's locations (GET /locations), once per connection, only when no locationId is configured: with
   * several, writing `stock` would update only "the first inventory_level" of each variant, so writes are refused
   * until the merchant names a location. Undefined when the store does not say (no read_locations scope, or
   * no such endpoint): the answer's inventory_levels are then checked after each write.
   */
  private storeLocations(): Promise<NuvemLocation[] | undefined> {
    this.locationsOnce ??= this.api.request<NuvemLocation[]>({ method: 'GET', url: '/locations' }).then(
      (res) => (Array.isArray(res.data) ? res.data : undefined),
      (e: unknown) => {
        const error = asPluginError(e);
        if (error.code === 'auth' || error.code === 'not_found') return undefined;
        this.locationsOnce = undefined;
        throw error;
      },
    );
    return this.locationsOnce;
  }

  /** One product id: needs a valid token with read_products (write_products cannot be probed without writing). */
  async verify(): Promise<void> {
    await this.api.request({ method: 'GET', url: '/products', params: { per_page: 1, fields: 'id' } });
  }

  /**
   * Before the first write: with several locations and no locationId, writing "stock" would change only each
   * variant's first location, so the run stops with a Rejected naming the setting (no write at all).
   */
  private async refuseSeveralLocations(): Promise<void> {
    const locations = this.locationId ? undefined : await this.storeLocations();
    if (locations && locations.length > 1)
      throw new StopTheWork(
        new Rejected(
          `This Nuvemshop store keeps stock at ${locations.length} locations (${locations.map((l) => l.id).join(', ')}); writing "stock" would change only each variant's first location: set the locationId credential`,
          { locations: locations.map((l) => l.id) },
        ),
      );
  }

  /** One PATCH of a product's variants: a verdict per item; throws only errors that stop the whole run. */
  private async writeChunk(productId: number, items: readonly PlannedItem<StockWrite>[], mayRecover: boolean): Promise<Verdicts> {
    const all = (error: PluginError): Verdicts => items.map(() => error);
    let rows: NuvemVariantStock[];
    try {
      const res = await this.api.request<NuvemVariantStock[]>({
        method: 'PATCH',
        url: `/products/${productId}/variants`,
        body: items.map((it) => toVariantPatch(it.variantId, it.input.target, this.locationId)),
        // Absolute values: sending the same body again lands on the same state.
        idempotent: true,
      });
      rows = Array.isArray(res.data) ? res.data : [];
    } catch (e) {
      const error = asPluginError(e);
      if (stopsTheWork(error)) throw error;
      if (error instanceof NotFound) return all(new NotFound(`Nuvemshop has no product ${productId} (deleted?)`, { productId }));
      const description = platformDescription(error) ?? '';
      if (statusOf(error) === 422 && /too many/i.test(description) && items.length > 1) {
        const half = Math.ceil(items.length / 2);
        return [
          ...(await this.writeChunk(productId, items.slice(0, half), mayRecover)),
          ...(await this.writeChunk(productId, items.slice(half), mayRecover)),
        ];
      }
      // The batch is all-or-nothing: one id that is no longer the product's fails all of them.
      // Which ids are gone, read from the product itself (the 422's id list is not documented).
      if (statusOf(error) === 422 && mayRecover) return this.recoverFromRejectedBatch(productId, items, error);
      const reason = description ? `Nuvemshop refused the update of product ${productId}: ${description}` : error.message;
      return all(new Rejected(reason, { productId, status: statusOf(error), body: error.details?.body }));
    }

    // 200 answers the product's whole (updated) variant collection: check each write landed.
    const byId = new Map(rows.map((r) => [r.id, r]));
    return items.map((it) => {
      const row = byId.get(it.variantId);
      if (!row) return new Transient(`Nuvemshop answered the update of product ${productId} without variant ${it.variantId}`);
      const observed = { stock_management: row.stock_management, stock: row.stock, inventory_levels: row.inventory_levels };
      const shown = stockAt(row, this.locationId);
      if ('problem' in shown)
        return new Rejected(`Nuvemshop variant ${it.variantId} cannot be checked after the write: ${shown.problem}`, {
          productId,
          variantId: it.variantId,
          observed,
        });
      if (!sameOnPlatform(shown.stock, it.input.target))
        return new Rejected(`Nuvemshop did not apply the stock to variant ${it.variantId}`, {
          productId,
          variantId: it.variantId,
          observed,
        });
      return undefined;
    });
  }

  private async recoverFromRejectedBatch(
    productId: number,
    items: readonly PlannedItem<StockWrite>[],
    original: PluginError,
  ): Promise<Verdicts> {
    const present = await this.listVariants(productId, 'id', undefined);
    if (present === 'product-missing') {
      const error = new NotFound(`Nuvemshop has no product ${productId} (deleted?)`, { productId });
      return items.map(() => error);
    }
    const rest = items.filter((it) => present.has(it.variantId));
    if (rest.length === items.length) {
      const description = platformDescription(original);
      const error = new Rejected(`Nuvemshop refused the update of product ${productId}${description ? `: ${description}` : ''}`, {
        productId,
        status: statusOf(original),
        body: original.details?.body,
      });
      return items.map(() => error);
    }
    const again = rest.length > 0 ? await this.writeChunk(productId, rest, false) : [];
    return items.map((it) =>
      present.has(it.variantId)
        ? again[rest.indexOf(it)]
        : new NotFound(`Nuvemshop product ${productId} has no variant ${it.variantId}`, { productId, variantId: it.variantId }),
    );
  }

  /**
   * A product's variants, page by page (`per_page` ≤ 200), until every wanted id is seen or the last
   * page. 'product-missing' when the product itself answers 404.
   */
  private async listVariants(
    productId: number,
    fields: string,
    wanted: ReadonlySet<number> | undefined,
  ): Promise<Map<number, NuvemVariantStock> | 'product-missing'> {
    const seen = new Map<number, NuvemVariantStock>();
    for (let page = 1; ; page++) {
      let rows: NuvemVariantStock[];
      try {
        const res = await this.api.request<NuvemVariantStock[]>({
          method: 'GET',
          url: `/products/${productId}/variants`,
          params: { page, per_page: MAX_PER_PAGE, fields },
        });
        rows = Array.isArray(res.data) ? res.data : [];
      } catch (e) {
        const error = asPluginError(e);
        if (error instanceof NotFound && page === 1) return 'product-missing';
        // A page past the last may answer 404: the list is complete.
        if (error instanceof NotFound) return seen;
        throw error;
      }
      for (const r of rows) if (typeof r?.id === 'number') seen.set(r.id, r);
      if (rows.length < MAX_PER_PAGE) return seen;
      if (wanted && [...wanted].every((id) => seen.has(id))) return seen;
    }
  }

  /** One product's variants (paged until every wanted one is seen): a verdict per item. */
  private async readProduct(productId: number, items: readonly PlannedItem<VariantRef>[]) {
    const found = await this.listVariants(productId, STOCK_FIELDS, new Set(items.map((i) => i.variantId)));
    return items.map((it) => {
      const row = found === 'product-missing' ? undefined : found.get(it.variantId);
      const shown = row ? stockAt(row, this.locationId) : undefined;
      if (shown && 'problem' in shown)
        return new Rejected(`Nuvemshop variant ${it.variantId} cannot be read for this store's setup: ${shown.problem}`, {
          productId,
          variantId: it.variantId,
        });
      if (shown) return shown.stock;
      return found === 'product-missing'
        ? new NotFound(`Nuvemshop has no product ${productId} (deleted?)`, { productId })
        : new NotFound(`Nuvemshop product ${productId} has no variant ${it.variantId}`, { productId, variantId: it.variantId });
    });
  }
}
