/**
 * One store's connection: verify, writeStock, readStock. Stateless apart from the client it was built
 * with; every outcome comes back in input order, one per input.
 */
import {
  allInPlace,
  chunk,
  NotFound,
  OutcomeSlots,
  refOf,
  Rejected,
  stopsTheWork,
  toPluginError,
  Transient,
  type HttpClient,
  type ObservedStock,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { groupByProduct, type PlannedItem } from './batch-plan';
import { MAX_BATCH, MAX_PER_PAGE } from './manifest';
import type { NuvemLocation, NuvemVariantStock } from './nuvemshop-types';
import { sameOnPlatform, stockAt, toVariantPatch } from './stock-mapping';

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
  constructor(
    private readonly api: HttpClient,
    private readonly log: PluginLogger,
    private readonly maxBatch: number = MAX_BATCH,
    /** The location whose counts the hub sets (multi-inventory stores); undefined = the variant's only location. */
    private readonly locationId?: string,
  ) {}

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

  async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
    const outcomes = new OutcomeSlots<WriteOutcome>(changes.length);
    const { groups, invalid } = groupByProduct(changes);
    outcomes.set(invalid, (i) => ({
      ...refOf(changes[i]),
      status: 'failed',
      error: new Rejected(
        'Nuvemshop product and variant ids are positive integers',
        refOf(changes[i]) as unknown as Record<string, unknown>,
      ),
    }));
    try {
      // Only when something is to be written (a run whose writes are all in place costs no call).
      const writing = groups.some((g) => !allInPlace(g.items, sameOnPlatform));
      const locations = this.locationId || !writing ? undefined : await this.storeLocations();
      if (locations && locations.length > 1) {
        const error = new Rejected(
          `This Nuvemshop store keeps stock at ${locations.length} locations (${locations.map((l) => l.id).join(', ')}); writing "stock" would change only each variant's first location: set the locationId credential`,
          { locations: locations.map((l) => l.id) },
        );
        for (const group of groups)
          for (const it of group.items) outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'failed', error }));
        return outcomes.done();
      }
      for (const group of groups) {
        if (allInPlace(group.items, sameOnPlatform)) {
          for (const item of group.items) outcomes.set(item.indexes, (i) => ({ ...refOf(changes[i]), status: 'written' }));
          this.log.debug('nuvemshop: skipped a product whose writes are all in place', {
            productId: group.productId,
            skipped: group.items.length,
          });
          continue;
        }
        for (const part of chunk(group.items, this.maxBatch)) await this.writeChunk(group.productId, part, changes, outcomes, true);
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('nuvemshop: write stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...refOf(changes[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }

  /** One PATCH of a product's variants; throws only errors that stop the whole run. */
  private async writeChunk(
    productId: number,
    items: PlannedItem<StockWrite>[],
    changes: readonly StockWrite[],
    outcomes: OutcomeSlots<WriteOutcome>,
    mayRecover: boolean,
  ): Promise<void> {
    const fail = (its: PlannedItem<StockWrite>[], error: PluginError) => {
      for (const it of its) outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'failed', error }));
    };
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
      if (error instanceof NotFound) {
        fail(items, new NotFound(`Nuvemshop has no product ${productId} (deleted?)`, { productId }));
        return;
      }
      const description = platformDescription(error) ?? '';
      if (statusOf(error) === 422 && /too many/i.test(description) && items.length > 1) {
        const half = Math.ceil(items.length / 2);
        await this.writeChunk(productId, items.slice(0, half), changes, outcomes, mayRecover);
        await this.writeChunk(productId, items.slice(half), changes, outcomes, mayRecover);
        return;
      }
      if (statusOf(error) === 422 && mayRecover) {
        // The batch is all-or-nothing: one id that is no longer the product's fails all of them.
        // Which ids are gone, read from the product itself (the 422's id list is not documented).
        await this.recoverFromRejectedBatch(productId, items, changes, outcomes, error);
        return;
      }
      const reason = description ? `Nuvemshop refused the update of product ${productId}: ${description}` : error.message;
      fail(items, new Rejected(reason, { productId, status: statusOf(error), body: error.details?.body }));
      return;
    }

    // 200 answers the product's whole (updated) variant collection: check each write landed.
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const it of items) {
      const row = byId.get(it.variantId);
      let outcome: (i: number) => WriteOutcome;
      let shown: ReturnType<typeof stockAt>;
      if (!row) {
        const error = new Transient(`Nuvemshop answered the update of product ${productId} without variant ${it.variantId}`);
        outcome = (i) => ({ ...refOf(changes[i]), status: 'failed', error });
      } else if ('problem' in (shown = stockAt(row, this.locationId))) {
        const error = new Rejected(`Nuvemshop variant ${it.variantId} cannot be checked after the write: ${shown.problem}`, {
          productId,
          variantId: it.variantId,
          observed: { stock_management: row.stock_management, stock: row.stock, inventory_levels: row.inventory_levels },
        });
        outcome = (i) => ({ ...refOf(changes[i]), status: 'failed', error });
      } else if (!sameOnPlatform(shown.stock, it.input.target)) {
        const error = new Rejected(`Nuvemshop did not apply the stock to variant ${it.variantId}`, {
          productId,
          variantId: it.variantId,
          observed: { stock_management: row.stock_management, stock: row.stock, inventory_levels: row.inventory_levels },
        });
        outcome = (i) => ({ ...refOf(changes[i]), status: 'failed', error });
      } else {
        outcome = (i) => ({ ...refOf(changes[i]), status: 'written' });
      }
      outcomes.set(it.indexes, outcome);
    }
  }

  private async recoverFromRejectedBatch(
    productId: number,
    items: PlannedItem<StockWrite>[],
    changes: readonly StockWrite[],
    outcomes: OutcomeSlots<WriteOutcome>,
    original: PluginError,
  ): Promise<void> {
    const present = await this.listVariants(productId, 'id', undefined);
    if (present === 'product-missing') {
      const error = new NotFound(`Nuvemshop has no product ${productId} (deleted?)`, { productId });
      for (const it of items) outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'failed', error }));
      return;
    }
    const gone = items.filter((it) => !present.has(it.variantId));
    const rest = items.filter((it) => present.has(it.variantId));
    for (const it of gone) {
      const error = new NotFound(`Nuvemshop product ${productId} has no variant ${it.variantId}`, { productId, variantId: it.variantId });
      outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'failed', error }));
    }
    if (gone.length === 0) {
      const description = platformDescription(original);
      const error = new Rejected(`Nuvemshop refused the update of product ${productId}${description ? `: ${description}` : ''}`, {
        productId,
        status: statusOf(original),
        body: original.details?.body,
      });
      for (const it of rest) outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'failed', error }));
      return;
    }
    if (rest.length > 0) await this.writeChunk(productId, rest, changes, outcomes, false);
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

  async readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]> {
    const outcomes = new OutcomeSlots<ObservedStock>(refs.length);
    const { groups, invalid } = groupByProduct(refs);
    outcomes.set(invalid, (i) => ({
      ...refOf(refs[i]),
      status: 'failed',
      error: new NotFound('Not a Nuvemshop variant id (ids are positive integers)', refOf(refs[i]) as unknown as Record<string, unknown>),
    }));
    try {
      for (const group of groups) {
        let found: Map<number, NuvemVariantStock> | 'product-missing';
        try {
          found = await this.listVariants(group.productId, STOCK_FIELDS, new Set(group.items.map((i) => i.variantId)));
        } catch (e) {
          const error = asPluginError(e);
          if (stopsTheWork(error)) throw error;
          for (const it of group.items) outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'failed', error }));
          continue;
        }
        for (const it of group.items) {
          const row = found === 'product-missing' ? undefined : found.get(it.variantId);
          const shown = row ? stockAt(row, this.locationId) : undefined;
          if (shown && 'problem' in shown) {
            const error = new Rejected(`Nuvemshop variant ${it.variantId} cannot be read for this store's setup: ${shown.problem}`, {
              productId: group.productId,
              variantId: it.variantId,
            });
            outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'failed', error }));
          } else if (shown) {
            const stock = shown.stock;
            outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'found', stock }));
          } else {
            const error =
              found === 'product-missing'
                ? new NotFound(`Nuvemshop has no product ${group.productId} (deleted?)`, { productId: group.productId })
                : new NotFound(`Nuvemshop product ${group.productId} has no variant ${it.variantId}`, {
                    productId: group.productId,
                    variantId: it.variantId,
                  });
            outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'failed', error }));
          }
        }
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('nuvemshop: read stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...refOf(refs[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }
}
