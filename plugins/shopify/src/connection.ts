/**
 * One store's connection: verify, writeStock, readStock over the Admin GraphQL API, on the SDK's batched
 * pipeline (duplicates by variant GID, the stop rule, one outcome per input).
 *
 * readStock: READ_VARIANTS calls of READ_CHUNK variants (the pipeline's batches).
 *
 * writeStock is one plan, so the whole run is one batch (and never skipped on the hub's `previous`: the plan
 * compares against what it reads):
 *   1. read every variant once (READ_VARIANTS, ≤ READ_CHUNK per call): Shopify needs the inventory item id
 *      and the current quantity (changeFromQuantity) before any write, so this read is never extra;
 *   2. plan each variant against what was just read — variants already in the target state cost nothing;
 *   3. one request of aliased productVariantsBulkUpdate for every tracked / inventoryPolicy change;
 *   3a. before that, inventoryActivate for items not stocked at the location (README "Not stocked");
 *   4. one inventorySetQuantities per 250 quantities (after 3, so items are tracked when set).
 * A call that stops the work ends the plan; the variants earlier calls answered keep their answers
 * (StopTheWork with the ledger's answers), the rest fail with the stop.
 */
import { AuthError, batched, NotFound, Rejected, StopTheWork } from '@stock-sync/plugin-sdk';
import type { ConnectContext, Planned, PluginError, StockWrite, StoreConnection, TargetStock, VariantRef } from '@stock-sync/plugin-sdk';
import { READ_CHUNK, VERIFY, VERIFY_COST } from './documents';
import { toGid } from './gid';
import { Ledger } from './ledger';
import { activateItems, type PendingActivation } from './activate-items';
import { ACTIVATE_AT_LOCATION_FIELD } from './manifest';
import { planWrite, toTargetStock } from './mapping';
import { readStates, readVariants } from './read-variants';
import { setQuantities, type PendingSet } from './set-quantities';
import { createShopifyApi } from './shopify-api';
import { updateVariants, type PendingUpdate } from './update-variants';
import type { VariantState } from './variant-state';

const notFound = () => new NotFound('the variant does not exist on Shopify (deleted, or the id is not a variant)');

/** Stores hold the variant GID or its numeric legacy id: both name the same variant (its GID). */
const variantGid = (ref: VariantRef) => toGid('ProductVariant', ref.externalVariantId);

type Item<T extends VariantRef> = Planned<T, { key: string }>;

export function connectShopify(ctx: ConnectContext): StoreConnection {
  const api = createShopifyApi(ctx);
  const locationId = toGid('Location', ctx.credentials.locationId ?? '');
  // On unless the store says exactly 'false'.
  const activateAtLocation = (ctx.credentials[ACTIVATE_AT_LOCATION_FIELD] ?? '').trim().toLowerCase() !== 'false';

  async function verify(): Promise<void> {
    const data = await api.graphql<{ shop: { id: string } | null; location: { id: string; isActive: boolean } | null }>(
      VERIFY,
      { locationId },
      VERIFY_COST,
    );
    if (!data.shop) throw new AuthError('Shopify did not return the shop for this token');
    // The location is part of the credentials: a wrong one needs the merchant, like a bad token.
    if (!data.location) throw new AuthError('the locationId credential names no location of this shop');
    if (!data.location.isActive) throw new AuthError('the locationId credential names a deactivated location');
  }

  /** The write plan; a call that stops it ends the run with what the earlier calls answered (the SDK's StopTheWork). */
  async function writeRun(items: readonly Item<StockWrite>[]): Promise<(PluginError | undefined)[]> {
    const ledger = new Ledger();
    try {
      await writePlan(items, ledger);
    } catch (e) {
      throw new StopTheWork(e, { answered: items.map((it) => ledger.answered(it.key)) });
    }
    return items.map((it) => ledger.verdict(it.key));
  }

  async function writePlan(items: readonly Item<StockWrite>[], ledger: Ledger): Promise<void> {
    const states = new Map<string, VariantState>();
    const keys = items.map((it) => it.key);
    await readVariants(api, ledger, keys, locationId, (key, state) => {
      if (state) states.set(key, state);
      else ledger.fail(key, notFound());
    });
    const activations: PendingActivation[] = [];
    const updates: PendingUpdate[] = [];
    const sets: PendingSet[] = [];
    for (const { key, input } of items) {
      const state = states.get(key);
      if (!state || ledger.done(key)) continue;
      const plan = planWrite(state, input.target, { activateAtLocation });
      if (plan instanceof Rejected) ledger.fail(key, plan);
      else {
        if (plan.activate) activations.push({ key, inventoryItemId: plan.activate.inventoryItemId });
        if (plan.update) updates.push({ key, productId: state.productId, update: plan.update, final: !plan.set });
        if (plan.set) sets.push({ key, target: input.target, set: plan.set });
        if (!plan.activate && !plan.update && !plan.set) ledger.succeed(key); // already shows the target
      }
    }
    // Stock items at the location first; a refused activation drops that variant's later steps.
    await activateItems(api, ledger, activations, locationId);
    const activatedOnly = activations.filter(
      (a) => !ledger.done(a.key) && !updates.some((u) => u.key === a.key) && !sets.some((s) => s.key === a.key),
    );
    for (const a of activatedOnly) ledger.succeed(a.key); // out of stock: the new level holds 0
    await updateVariants(
      api,
      ledger,
      updates.filter((u) => !ledger.done(u.key)),
    );
    // A refused tracking change must not be followed by its quantity.
    await setQuantities(
      api,
      ledger,
      sets.filter((s) => !ledger.done(s.key)),
      locationId,
    );
  }

  /** One READ_VARIANTS call: each variant's stock, or why it has none. */
  async function readRun(items: readonly Item<VariantRef>[]): Promise<(TargetStock | PluginError)[]> {
    const states = await readStates(
      api,
      items.map((it) => it.key),
      locationId,
    );
    return states.map((state) => (state ? toTargetStock(state) : notFound()));
  }

  return batched({
    platform: 'Shopify',
    id: 'shopify',
    log: ctx.log,
    ids: (ref) => ({ key: variantGid(ref) }),
    key: variantGid,
    verify,
    write: { skipInPlace: 'never', run: writeRun },
    read: { maxBatch: READ_CHUNK, run: readRun },
  });
}
