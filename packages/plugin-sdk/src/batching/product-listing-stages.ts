/**
 * The stages of a platform with no batch endpoint and no read by variant ids: each write is its own call on one
 * variant, and a product's variant listing answers every variant of it that was asked for. What a missing
 * product or variant fails with is the same for every such platform; only the platform's words change.
 */
import type { TargetStock } from '@stock-sync/domain';
import type { StockWrite } from '../contract';
import { hasPluginErrorCode, NotFound, type PluginError } from '../errors';
import type { ReadStage, WriteStage } from '../pipeline/types';
import { refOf } from './outcome-slots';

export interface VariantWords {
  /** The platform's name in messages, e.g. 'Weebly'. */
  platform: string;
  /** What the platform calls a variant, e.g. 'SKU'. */
  variant: string;
}

/**
 * One call per variant; a write the hub says is in place saves its call. A NotFound the call threw names the
 * variant and its product (the call cannot tell which of the two is gone). Errors are known by their code, as the
 * host knows them: a NotFound from another copy of the plugin API is one too.
 */
export function oneWritePerCall<F extends object = object>(
  words: VariantWords,
  write: (change: StockWrite) => Promise<PluginError | undefined>,
): WriteStage<F, undefined> {
  return {
    maxBatch: 1,
    skipInPlace: 'item',
    mapError: (error, [{ input: c }]) =>
      hasPluginErrorCode(error, 'not_found')
        ? new NotFound(`${words.platform} has no ${words.variant} ${c.externalVariantId} in product ${c.externalProductId}`, {
            ...refOf(c),
          })
        : error,
    run: ([p]) => write(p.input),
  };
}

export interface ProductListing<V> {
  /** A product's variants by variant id (it may stop once every wanted id is seen); NotFound when the product is gone. */
  list(productId: string, wanted: ReadonlySet<string>): Promise<ReadonlyMap<string, V>>;
  /** A listed variant's stock. */
  stockOf(variant: V): TargetStock;
}

/** Reads grouped by product: one listing per product, NotFound for a wanted variant it lacks or a product gone. */
export function readFromProductListing<V, F extends object = object>(
  words: VariantWords,
  listing: ProductListing<V>,
): ReadStage<F, string> {
  return {
    groupBy: (p) => p.input.externalProductId,
    mapError: (error, _batch, productId) =>
      hasPluginErrorCode(error, 'not_found') ? new NotFound(`${words.platform} has no product ${productId}`, { productId }) : error,
    run: async (wanted, productId) => {
      const byId = await listing.list(productId, new Set(wanted.map((p) => p.input.externalVariantId)));
      return wanted.map((p) => {
        const v = byId.get(p.input.externalVariantId);
        return v !== undefined
          ? listing.stockOf(v)
          : new NotFound(`${words.platform} product ${productId} has no ${words.variant} ${p.input.externalVariantId}`, { productId });
      });
    },
  };
}
