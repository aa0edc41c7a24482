/**
 * One account's connection. Writes per product: GET with the options, PATCH each option that must change, GET again
 * and count a write only when the option shows the quantity written (README "The write": the request is undocumented).
 */
import { AuthError, NotFound, Rejected, Transient } from '@stock-sync/plugin-api';
import { batched, emulatedUnlimited, stopsTheWork, StopTheWork, toPluginError, zeroIsOutOfStock } from '@stock-sync/plugin-sdk';
import type { HttpClient, PluginError, PluginLogger, StockWrite, StoreConnection, VariantRef } from '@stock-sync/plugin-api';
import type { Planned } from '@stock-sync/plugin-sdk';
import { optionsOf, optionUpdateDocument, type ProductDocument, type ProductOptionResource } from './big-cartel-types';
import { usableId } from './notices';
import { EMULATED_UNLIMITED_QUANTITY, UNLIMITED_READ_THRESHOLD } from './manifest';

/** TargetStock ⇄ an option's `quantity`, the one stock field documented (README "Mapping (emulated unlimited)"). */
export const { countFor: quantityFor, stockOf: fromOptionQuantity } = emulatedUnlimited({
  count: EMULATED_UNLIMITED_QUANTITY,
  readFrom: UNLIMITED_READ_THRESHOLD,
});

type PlannedOption<T extends VariantRef> = Planned<T, { optionId: string }>;

const optionPath = (productId: string, optionId: string) => `/products/${productId}/options/${optionId}`;
const noProduct = (details: { productId: string; optionId?: string }) =>
  new NotFound(`Big Cartel has no product ${details.productId} (deleted?)`, details);
const noOption = (productId: string, optionId: string) =>
  new NotFound(`Big Cartel product ${productId} has no option ${optionId}`, { productId, optionId });

export function bigCartelConnection(api: HttpClient | AuthError, log: PluginLogger): StoreConnection {
  const client = (): HttpClient => {
    if (api instanceof AuthError) throw api;
    return api;
  };

  /** GET the account: proves the credentials and the account id. */
  async function verify(): Promise<void> {
    await client().request({ method: 'GET', url: '' });
  }

  /** The product document (`include=options`: JSON:API's related resources in `included`), or undefined once gone (404). */
  async function product(productId: string): Promise<ProductDocument | undefined> {
    try {
      const params = { include: 'options' };
      return (await client().request<ProductDocument>({ method: 'GET', url: `/products/${productId}`, params })).data;
    } catch (e) {
      const error = toPluginError(e, 'Big Cartel');
      if (error instanceof NotFound) return undefined;
      throw error;
    }
  }

  /** Read the product, PATCH each option that must change, read it back: a verdict per option. */
  async function writeProduct(productId: string, items: readonly PlannedOption<StockWrite>[]): Promise<(PluginError | undefined)[]> {
    const doc = await product(productId);
    if (!doc) return items.map(() => noProduct({ productId }));
    const options = optionsOf(doc);
    const verdicts = new Map<PlannedOption<StockWrite>, PluginError | undefined>();
    // A stop keeps the verdicts already settled; a PATCH not yet read back stays unanswered (it fails with the stop).
    const stop = (error: PluginError) =>
      new StopTheWork(error, { answered: items.map((it) => (verdicts.has(it) ? (verdicts.get(it) ?? 'written') : undefined)) });
    // One PATCH per option not already showing its target; a 404 here is settled by the read-back (option gone, or no such endpoint).
    const sent: Array<{ it: PlannedOption<StockWrite>; answered404: boolean }> = [];
    for (const it of items) {
      const option = options.get(it.optionId);
      if (!option) verdicts.set(it, noOption(productId, it.optionId));
      else if (option.attributes.quantity === quantityFor(it.input.target)) verdicts.set(it, undefined);
      else {
        try {
          await client().request({
            method: 'PATCH',
            url: optionPath(productId, it.optionId),
            body: optionUpdateDocument(it.optionId, quantityFor(it.input.target)),
            idempotent: true,
          });
          sent.push({ it, answered404: false });
        } catch (e) {
          const error = toPluginError(e, 'Big Cartel');
          if (stopsTheWork(error)) throw stop(error);
          if (error instanceof NotFound) sent.push({ it, answered404: true });
          else verdicts.set(it, error);
        }
      }
    }

    if (sent.length > 0) {
      // Read back: only a quantity Big Cartel shows afterwards counts as written.
      let after: ProductDocument | undefined;
      let readBackFailed: PluginError | undefined;
      try {
        after = await product(productId);
      } catch (e) {
        const error = toPluginError(e, 'Big Cartel');
        if (stopsTheWork(error)) throw stop(error);
        const message = `Big Cartel product ${productId} could not be read back after the write: not confirmed (${error.message})`;
        readBackFailed = new Transient(message, { productId });
      }
      const shown = optionsOf(after);
      for (const { it, answered404 } of sent) {
        const sentQuantity = quantityFor(it.input.target);
        const outcome = readBackFailed ?? confirmWrite(productId, it.optionId, sentQuantity, shown.get(it.optionId), !!after, answered404);
        verdicts.set(it, outcome === 'written' ? undefined : outcome);
      }
    }
    return items.map((it) => verdicts.get(it));
  }

  async function readProduct(productId: string, items: readonly PlannedOption<VariantRef>[]) {
    const doc = await product(productId);
    const options = optionsOf(doc);
    return items.map((it) => {
      const option = options.get(it.optionId);
      if (option) return fromOptionQuantity(option.attributes.quantity);
      return doc ? noOption(productId, it.optionId) : noProduct({ productId });
    });
  }

  const byProduct = (it: Planned<VariantRef>) => it.input.externalProductId;
  return batched({
    platform: 'Big Cartel',
    id: 'big-cartel',
    log,
    ids: (ref) => (usableId(ref.externalProductId) && usableId(ref.externalVariantId) ? { optionId: ref.externalVariantId } : undefined),
    invalid: { write: 'Not a Big Cartel product / option id', read: 'Not a Big Cartel product / option id' },
    verify,
    // Per product: the hub says every write of it is in place → no read, no write.
    write: { groupBy: byProduct, same: zeroIsOutOfStock, run: (items, productId) => writeProduct(productId, items) },
    read: { groupBy: byProduct, run: (items, productId) => readProduct(productId, items) },
  });
}

/**
 * A write's outcome from the read-back (pure; README "The write", step 5): written only when the option shows exactly
 * the quantity sent. A 404 to the PATCH of an option the product still lists: the undocumented request is wrong.
 */
export function confirmWrite(
  productId: string,
  optionId: string,
  sentQuantity: number,
  option: ProductOptionResource | undefined,
  productFound: boolean,
  answered404: boolean,
): 'written' | PluginError {
  if (!productFound) return noProduct({ productId, optionId });
  if (!option) return noOption(productId, optionId);
  const observed = option.attributes?.quantity;
  if (observed === sentQuantity) return 'written';
  const details = { productId, optionId, observed: observed ?? null };
  if (answered404) {
    return new Rejected(
      `Big Cartel answered 404 to PATCH ${optionPath(productId, optionId)} although the product lists option ${optionId}: ` +
        'the option-update request is not documented by Big Cartel and this account does not accept it (see the plugin README)',
      details,
    );
  }
  return new Rejected(
    `Big Cartel did not apply the quantity to option ${optionId}: it shows ${String(observed ?? 'no quantity')} after the write of ${sentQuantity}`,
    { ...details, sent: sentQuantity },
  );
}
