/**
 * One account's connection. Writes per product: GET the product with its options
 * (`include=options`), PATCH each option whose quantity must change as its own `product_options`
 * resource, then GET the product again and count a write only when the option shows the quantity
 * written. Big Cartel documents no option-update request (README "The write"): the read-back is what
 * makes a write that did not take effect fail loudly instead of being recorded as written.
 */
import {
  allInPlace,
  AuthError,
  NotFound,
  OutcomeSlots,
  refOf,
  Rejected,
  stopsTheWork,
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
import { optionsOf, optionUpdateDocument, type ProductDocument, type ProductOptionResource } from './big-cartel-types';
import { asPluginError, groupByProduct, type PlannedOption } from './plan';
import { alreadyShows, fromOptionQuantity, quantityFor, sameOnPlatform } from './stock-mapping';

/** `include=options`: JSON:API's way to ask for the related option resources in `included`. */
export const PRODUCT_QUERY = { include: 'options' } as const;

export const optionPath = (productId: string, optionId: string) => `/products/${productId}/options/${optionId}`;

export class BigCartelConnection implements StoreConnection {
  constructor(
    private readonly api: HttpClient | AuthError,
    private readonly log: PluginLogger,
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
      const res = await this.client().request<ProductDocument>({ method: 'GET', url: `/products/${productId}`, params: PRODUCT_QUERY });
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
    outcomes.set(invalid, (i) => ({
      ...refOf(changes[i]),
      status: 'failed',
      error: new Rejected('Not a Big Cartel product / option id', refOf(changes[i]) as unknown as Record<string, unknown>),
    }));
    try {
      for (const group of groups) {
        // The hub says every write of this product is in place: no read, no write.
        if (allInPlace(group.items, sameOnPlatform)) {
          ok(group.items);
          continue;
        }
        const doc = await this.product(group.productId);
        if (!doc) {
          fail(group.items, new NotFound(`Big Cartel has no product ${group.productId} (deleted?)`, { productId: group.productId }));
          continue;
        }
        const options = optionsOf(doc);
        const gone = group.items.filter((it) => !options.has(it.optionId));
        for (const it of gone)
          fail(
            [it],
            new NotFound(`Big Cartel product ${group.productId} has no option ${it.optionId}`, {
              productId: group.productId,
              optionId: it.optionId,
            }),
          );
        const present = group.items.filter((it) => options.has(it.optionId));
        ok(present.filter((it) => alreadyShows(options.get(it.optionId)!.attributes.quantity, it.input.target)));
        const toWrite = present.filter((it) => !alreadyShows(options.get(it.optionId)!.attributes.quantity, it.input.target));

        if (toWrite.length === 0) continue;

        // One PATCH per option; a 404 here is settled by the read-back (option gone, or no such endpoint).
        const sent: Array<{ it: PlannedOption<StockWrite>; answered404: boolean }> = [];
        for (const it of toWrite) {
          try {
            await this.client().request({
              method: 'PATCH',
              url: optionPath(group.productId, it.optionId),
              body: optionUpdateDocument(it.optionId, quantityFor(it.input.target)),
              idempotent: true,
            });
            sent.push({ it, answered404: false });
          } catch (e) {
            const error = asPluginError(e);
            if (stopsTheWork(error)) throw error;
            if (error instanceof NotFound) sent.push({ it, answered404: true });
            else fail([it], error);
          }
        }
        if (sent.length === 0) continue;

        // Read back: only a quantity Big Cartel shows afterwards counts as written.
        let after: ProductDocument | undefined;
        try {
          after = await this.product(group.productId);
        } catch (e) {
          const error = asPluginError(e);
          if (stopsTheWork(error)) throw error;
          fail(
            sent.map((x) => x.it),
            new Transient(
              `Big Cartel product ${group.productId} could not be read back after the write: not confirmed (${error.message})`,
              { productId: group.productId },
            ),
          );
          continue;
        }
        const shown = optionsOf(after);
        for (const { it, answered404 } of sent) {
          const outcome = confirmWrite(
            group.productId,
            it.optionId,
            quantityFor(it.input.target),
            after ? shown.get(it.optionId) : undefined,
            after !== undefined,
            answered404,
          );
          if (outcome === 'written') ok([it]);
          else fail([it], outcome);
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
    outcomes.set(invalid, (i) => ({
      ...refOf(refs[i]),
      status: 'failed',
      error: new NotFound('Not a Big Cartel product / option id', refOf(refs[i]) as unknown as Record<string, unknown>),
    }));
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
              ? new NotFound(`Big Cartel product ${group.productId} has no option ${it.optionId}`, {
                  productId: group.productId,
                  optionId: it.optionId,
                })
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

/**
 * A write's outcome from the read-back (pure): written only when the option shows exactly the quantity
 * sent. Gone → NotFound. Still there but different → Rejected, loudly: the update did not take effect (or
 * a sale landed in between; the hub re-reads and writes again). A 404 to the PATCH of an option the
 * product still lists means the option-update path itself is wrong — the undocumented part (README).
 */
export function confirmWrite(
  productId: string,
  optionId: string,
  sentQuantity: number,
  option: ProductOptionResource | undefined,
  productFound: boolean,
  answered404: boolean,
): 'written' | PluginError {
  const details = { productId, optionId };
  if (!productFound) return new NotFound(`Big Cartel has no product ${productId} (deleted?)`, details);
  if (!option) return new NotFound(`Big Cartel product ${productId} has no option ${optionId}`, details);
  const observed = option.attributes?.quantity;
  if (observed === sentQuantity) return 'written';
  if (answered404) {
    return new Rejected(
      `Big Cartel answered 404 to PATCH ${optionPath(productId, optionId)} although the product lists option ${optionId}: ` +
        'the option-update request is not documented by Big Cartel and this account does not accept it (see the plugin README)',
      { ...details, observed: observed ?? null },
    );
  }
  return new Rejected(
    `Big Cartel did not apply the quantity to option ${optionId}: it shows ${String(observed ?? 'no quantity')} after the write of ${sentQuantity}`,
    { ...details, observed: observed ?? null, sent: sentQuantity },
  );
}
