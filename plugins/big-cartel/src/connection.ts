/**
 * One account's connection. Writes per product: GET the product with its options
 * (`include=options`), PATCH each option whose quantity must change as its own `product_options`
 * resource, then GET the product again and count a write only when the option shows the quantity
 * written. Big Cartel documents no option-update request (README "The write"): the read-back is what
 * makes a write that did not take effect fail loudly instead of being recorded as written.
 */
import {
  AuthError,
  batched,
  NotFound,
  Rejected,
  stopsTheWork,
  Transient,
  type HttpClient,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import { optionsOf, optionUpdateDocument, type ProductDocument, type ProductOptionResource } from './big-cartel-types';
import { asPluginError, planIds, type PlannedOption } from './plan';
import { alreadyShows, fromOptionQuantity, quantityFor, sameOnPlatform } from './stock-mapping';

/** `include=options`: JSON:API's way to ask for the related option resources in `included`. */
export const PRODUCT_QUERY = { include: 'options' } as const;

export const optionPath = (productId: string, optionId: string) => `/products/${productId}/options/${optionId}`;

export class BigCartelConnection implements StoreConnection {
  readonly writeStock: StoreConnection['writeStock'];
  readonly readStock: StoreConnection['readStock'];

  constructor(
    private readonly api: HttpClient | AuthError,
    log: PluginLogger,
  ) {
    ({ writeStock: this.writeStock, readStock: this.readStock } = batched({
      platform: 'Big Cartel',
      id: 'big-cartel',
      log,
      ids: planIds,
      invalid: { write: 'Not a Big Cartel product / option id', read: 'Not a Big Cartel product / option id' },
      verify: () => this.verify(),
      // Per product: the hub says every write of it is in place → no read, no write.
      write: {
        groupBy: (it) => it.input.externalProductId,
        same: sameOnPlatform,
        run: (items, productId) => this.writeProduct(productId, items),
      },
      read: { groupBy: (it) => it.input.externalProductId, run: (items, productId) => this.readProduct(productId, items) },
    }));
  }

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

  /** Read the product, PATCH each option that must change, read it back: a verdict per option. */
  private async writeProduct(productId: string, items: readonly PlannedOption<StockWrite>[]): Promise<(PluginError | undefined)[]> {
    const doc = await this.product(productId);
    if (!doc) return items.map(() => new NotFound(`Big Cartel has no product ${productId} (deleted?)`, { productId }));
    const options = optionsOf(doc);
    const verdicts = new Map<PlannedOption<StockWrite>, PluginError | undefined>();
    const toWrite: PlannedOption<StockWrite>[] = [];
    for (const it of items) {
      const option = options.get(it.optionId);
      if (!option)
        verdicts.set(
          it,
          new NotFound(`Big Cartel product ${productId} has no option ${it.optionId}`, { productId, optionId: it.optionId }),
        );
      else if (alreadyShows(option.attributes.quantity, it.input.target)) verdicts.set(it, undefined);
      else toWrite.push(it);
    }

    // One PATCH per option; a 404 here is settled by the read-back (option gone, or no such endpoint).
    const sent: Array<{ it: PlannedOption<StockWrite>; answered404: boolean }> = [];
    for (const it of toWrite) {
      try {
        await this.client().request({
          method: 'PATCH',
          url: optionPath(productId, it.optionId),
          body: optionUpdateDocument(it.optionId, quantityFor(it.input.target)),
          idempotent: true,
        });
        sent.push({ it, answered404: false });
      } catch (e) {
        const error = asPluginError(e);
        if (stopsTheWork(error)) throw error;
        if (error instanceof NotFound) sent.push({ it, answered404: true });
        else verdicts.set(it, error);
      }
    }

    if (sent.length > 0) {
      // Read back: only a quantity Big Cartel shows afterwards counts as written.
      let after: ProductDocument | undefined;
      let readBackFailed: PluginError | undefined;
      try {
        after = await this.product(productId);
      } catch (e) {
        const error = asPluginError(e);
        if (stopsTheWork(error)) throw error;
        readBackFailed = new Transient(
          `Big Cartel product ${productId} could not be read back after the write: not confirmed (${error.message})`,
          {
            productId,
          },
        );
      }
      const shown = optionsOf(after);
      for (const { it, answered404 } of sent) {
        const outcome =
          readBackFailed ??
          confirmWrite(
            productId,
            it.optionId,
            quantityFor(it.input.target),
            after ? shown.get(it.optionId) : undefined,
            after !== undefined,
            answered404,
          );
        verdicts.set(it, outcome === 'written' ? undefined : outcome);
      }
    }
    return items.map((it) => verdicts.get(it));
  }

  private async readProduct(productId: string, items: readonly PlannedOption<VariantRef>[]) {
    const doc = await this.product(productId);
    const options = optionsOf(doc);
    return items.map((it) => {
      const option = options.get(it.optionId);
      if (option) return fromOptionQuantity(option.attributes.quantity);
      return doc
        ? new NotFound(`Big Cartel product ${productId} has no option ${it.optionId}`, { productId, optionId: it.optionId })
        : new NotFound(`Big Cartel has no product ${productId} (deleted?)`, { productId });
    });
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
