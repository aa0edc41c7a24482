/**
 * One store's connection: verify, writeStock, readStock over the Admin GraphQL API.
 *
 * writeStock, per batch of changes:
 *   1. read every variant once (READ_VARIANTS, ≤ 200 per call): Shopify needs the inventory item id
 *      and the current quantity (changeFromQuantity) before any write, so this read is never extra;
 *   2. plan each variant against what was just read — variants already in the target state cost nothing;
 *   3. one request of aliased productVariantsBulkUpdate for every tracked / inventoryPolicy change;
 *   3a. before that, inventoryActivate for items not stocked at the location (README "Not stocked");
 *   4. one inventorySetQuantities per 250 quantities (after 3, so items are tracked when set).
 */
import { AuthError, NotFound, refOf, Rejected, Transient } from '@stock-sync/plugin-sdk';
import type {
  ConnectContext,
  ObservedStock,
  StockWrite,
  StoreConnection,
  TargetStock,
  VariantRef,
  WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { VERIFY, VERIFY_COST } from './documents';
import { toGid } from './gid';
import { asPluginError, Ledger } from './ledger';
import { activateItems, type PendingActivation } from './activate-items';
import { ACTIVATE_AT_LOCATION_FIELD } from './manifest';
import { planWrite, toTargetStock } from './mapping';
import { readVariants } from './read-variants';
import { setQuantities, type PendingSet } from './set-quantities';
import { createShopifyApi } from './shopify-api';
import { updateVariants, type PendingUpdate } from './update-variants';
import type { VariantState } from './variant-state';

export function connectShopify(ctx: ConnectContext): StoreConnection {
  const api = createShopifyApi(ctx);
  const locationId = toGid('Location', ctx.credentials.locationId ?? '');
  const keyOf = (ref: VariantRef) => toGid('ProductVariant', ref.externalVariantId);
  // On unless the store says exactly 'false'.
  const activateAtLocation = (ctx.credentials[ACTIVATE_AT_LOCATION_FIELD] ?? '').trim().toLowerCase() !== 'false';

  async function readAll(ledger: Ledger<unknown>, keys: string[]): Promise<Map<string, VariantState>> {
    const states = new Map<string, VariantState>();
    await readVariants(api, ledger, keys, locationId, (key, state) => {
      if (state) states.set(key, state);
      else ledger.fail(key, new NotFound('the variant does not exist on Shopify (deleted, or the id is not a variant)'));
    });
    return states;
  }

  return {
    async verify(): Promise<void> {
      const data = await api.graphql<{ shop: { id: string } | null; location: { id: string; isActive: boolean } | null }>(
        VERIFY,
        { locationId },
        VERIFY_COST,
      );
      if (!data.shop) throw new AuthError('Shopify did not return the shop for this token');
      // The location is part of the credentials: a wrong one needs the merchant, like a bad token.
      if (!data.location) throw new AuthError('the locationId credential names no location of this shop');
      if (!data.location.isActive) throw new AuthError('the locationId credential names a deactivated location');
    },

    async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
      const ledger = new Ledger<unknown>();
      const keys = changes.map(keyOf);
      // The same variant twice in one batch: the last change is the one that should stick.
      const targets = new Map<string, TargetStock>();
      changes.forEach((c, i) => targets.set(keys[i], c.target));
      try {
        const states = await readAll(ledger, [...targets.keys()]);
        const activations: PendingActivation[] = [];
        const updates: PendingUpdate[] = [];
        const sets: PendingSet[] = [];
        for (const [key, target] of targets) {
          const state = states.get(key);
          if (!state || ledger.done(key)) continue;
          const plan = planWrite(state, target, { activateAtLocation });
          if (plan instanceof Rejected) ledger.fail(key, plan);
          else {
            if (plan.activate) activations.push({ key, inventoryItemId: plan.activate.inventoryItemId });
            if (plan.update) updates.push({ key, productId: state.productId, update: plan.update, final: !plan.set });
            if (plan.set) sets.push({ key, target, set: plan.set });
            if (!plan.activate && !plan.update && !plan.set) ledger.succeed(key, true); // already shows the target
          }
        }
        // Stock items at the location first; a refused activation drops that variant's later steps.
        await activateItems(api, ledger, activations, locationId);
        const activatedOnly = activations.filter(
          (a) => !ledger.done(a.key) && !updates.some((u) => u.key === a.key) && !sets.some((s) => s.key === a.key),
        );
        for (const a of activatedOnly) ledger.succeed(a.key, true); // out of stock: the new level holds 0
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
      } catch (e) {
        // Only bugs land here (platform failures are recorded per call); never lose the outcomes.
        const error = asPluginError(e, (m) => new Transient(`writing stock failed unexpectedly: ${m}`));
        for (const k of targets.keys()) ledger.fail(k, error);
      }
      return changes.map((c, i) => {
        const ref = refOf(c);
        const r = ledger.result(keys[i]);
        return r.ok ? { ...ref, status: 'written' as const } : { ...ref, status: 'failed' as const, error: r.error };
      });
    },

    async readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]> {
      const ledger = new Ledger<TargetStock>();
      const keys = refs.map(keyOf);
      try {
        const states = await readAll(ledger, [...new Set(keys)]);
        for (const [key, state] of states) {
          const stock = toTargetStock(state);
          if (stock instanceof Rejected) ledger.fail(key, stock);
          else ledger.succeed(key, stock);
        }
      } catch (e) {
        const error = asPluginError(e, (m) => new Transient(`reading stock failed unexpectedly: ${m}`));
        for (const k of keys) ledger.fail(k, error);
      }
      return refs.map((ref, i) => {
        const base = refOf(ref);
        const r = ledger.result(keys[i]);
        return r.ok ? { ...base, status: 'found' as const, stock: r.value } : { ...base, status: 'failed' as const, error: r.error };
      });
    },
  };
}
