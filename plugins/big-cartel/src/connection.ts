/**
 * One account's connection. Writes are read-modify-write per product: GET the product (its options and
 * their quantities), then one PATCH naming **every** option of the product — changed ones with their new
 * quantity — so the option set stays whole whether Big Cartel merges or replaces the options relationship
 * (not documented: README.md). Options already showing the target are not written.
 */
import {
  allInPlace,
  AuthError,
  chunk,
  NotFound,
  OutcomeSlots,
  refOf,
  Rejected,
  stopsTheWork,
  type HttpClient,
  type ObservedStock,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { optionsOf, type OptionLinkage, type ProductDocument, type ProductPatchDocument } from './big-cartel-types';
import { MAX_BATCH } from './manifest';
import { asPluginError, groupByProduct, type PlannedOption } from './plan';
import { alreadyShows, fromOptionQuantity, quantityFor, sameOnPlatform } from './stock-mapping';

export class BigCartelConnection implements StoreConnection {
  constructor(
    private readonly api: HttpClient | AuthError,
    private readonly log: PluginLogger,
    private readonly maxBatch: number = MAX_BATCH,
  ) {}

  private client(): HttpClient {
    if (this.api instanceof AuthError) throw this.api;
    return this.api;
  }

  /** GET the account: proves the credentials and the account id. */
  async verify(): Promise<void> {
    await this.client().request({ method: 'GET', url: '' });
  }

  /** The product document, or undefined when the product is gone (404). */
  private async product(productId: string): Promise<ProductDocument | undefined> {
    try {
      const res = await this.client().request<ProductDocument>({ method: 'GET', url: `/products/${productId}` });
      return res.data;
    } catch (e) {
      const error = asPluginError(e);
      if (error instanceof NotFound) return undefined;
      throw error;
    }
  }

  async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
    const outcomes = new OutcomeSlots<WriteOutcome>(changes.length);
    const fail = (its: PlannedOption<StockWrite>[], error: PluginError) => {
      for (const it of its) outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'failed', error }));
    };
    const ok = (its: PlannedOption<StockWrite>[]) => {
      for (const it of its) outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'written' }));
    };
    const { groups, invalid } = groupByProduct(changes);
    outcomes.set(invalid, (i) => ({ ...refOf(changes[i]), status: 'failed', error: new Rejected('Not a Big Cartel product / option id', refOf(changes[i]) as unknown as Record<string, unknown>) }));
    try {
      for (const group of groups) {
        // The hub says every write of this product is in place: no read, no write.
        if (allInPlace(group.items, sameOnPlatform)) {
          ok(group.items);
          continue;
        }
        let doc = await this.product(group.productId);
        if (!doc) {
          fail(group.items, new NotFound(`Big Cartel has no product ${group.productId} (deleted?)`, { productId: group.productId }));
          continue;
        }
        let options = optionsOf(doc);
        const gone = group.items.filter((it) => !options.has(it.optionId));
        for (const it of gone) fail([it], new NotFound(`Big Cartel product ${group.productId} has no option ${it.optionId}`, { productId: group.productId, optionId: it.optionId }));
        const present = group.items.filter((it) => options.has(it.optionId));
        ok(present.filter((it) => alreadyShows(options.get(it.optionId)!.attributes.quantity, it.input.target)));
        const toWrite = present.filter((it) => !alreadyShows(options.get(it.optionId)!.attributes.quantity, it.input.target));

        for (const part of chunk(toWrite, this.maxBatch)) {
          const body = patchDocument(group.productId, [...options.keys()], part);
          let answer: ProductDocument;
          try {
            const res = await this.client().request<ProductDocument>({ method: 'PATCH', url: `/products/${group.productId}`, body, idempotent: true });
            answer = res.data;
          } catch (e) {
            const error = asPluginError(e);
            if (stopsTheWork(error)) throw error;
            fail(part, error instanceof NotFound ? new NotFound(`Big Cartel has no product ${group.productId} (deleted?)`, { productId: group.productId }) : error);
            continue;
          }
          const after = optionsOf(answer);
          for (const it of part) {
            const shown = after.get(it.optionId)?.attributes.quantity;
            if (shown === quantityFor(it.input.target)) ok([it]);
            else fail([it], new Rejected(`Big Cartel did not apply the quantity to option ${it.optionId}`, { productId: group.productId, optionId: it.optionId, observed: shown ?? null }));
          }
          // The answer is the product as it now is: the next chunk names its options.
          if (after.size > 0) {
            doc = answer;
            options = after;
          }
        }
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('big-cartel: write stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...refOf(changes[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }

  async readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]> {
    const outcomes = new OutcomeSlots<ObservedStock>(refs.length);
    const { groups, invalid } = groupByProduct(refs);
    outcomes.set(invalid, (i) => ({ ...refOf(refs[i]), status: 'failed', error: new NotFound('Not a Big Cartel product / option id', refOf(refs[i]) as unknown as Record<string, unknown>) }));
    try {
      for (const group of groups) {
        const doc = await this.product(group.productId);
        const options = optionsOf(doc);
        for (const it of group.items) {
          const option = options.get(it.optionId);
          if (option) {
            const stock = fromOptionQuantity(option.attributes.quantity);
            outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'found', stock }));
          } else {
            const error = doc
              ? new NotFound(`Big Cartel product ${group.productId} has no option ${it.optionId}`, { productId: group.productId, optionId: it.optionId })
              : new NotFound(`Big Cartel has no product ${group.productId} (deleted?)`, { productId: group.productId });
            outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'failed', error }));
          }
        }
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('big-cartel: read stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...refOf(refs[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }
}

/** Every option of the product is named (keeps the set whole); the chunk's options carry their quantity. */
export function patchDocument(productId: string, allOptionIds: readonly string[], part: readonly PlannedOption<StockWrite>[]): ProductPatchDocument {
  const quantities = new Map(part.map((it) => [it.optionId, quantityFor(it.input.target)]));
  const data: OptionLinkage[] = allOptionIds.map((id) => {
    const q = quantities.get(id);
    return q === undefined ? { id, type: 'product_options' } : { id, type: 'product_options', attributes: { quantity: q } };
  });
  return { data: { id: productId, type: 'products', relationships: { options: { data } } } };
}

