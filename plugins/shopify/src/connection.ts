/**
 * One store's connection over the Admin GraphQL API, on the SDK's batched pipeline. writeStock is one plan over the
 * run (README "Calls"): a quantity the hub kept the inventory item of is sent at once (kept-writes.ts), the rest are
 * compared with what it reads; the Ledger keeps each variant's first answer, and a call that stops the work ends the
 * plan, earlier answers kept (the SDK's StopTheWork). Each written variant's inventory item is returned to be kept.
 */
import { randomUUID } from 'node:crypto';
import { AuthError, NotFound, Rejected, Transient } from '@stock-sync/plugin-api';
import { batched, chunk, groupByProduct, Written } from '@stock-sync/plugin-sdk';
import { StopTheWork, stopsTheWork, toPluginError } from '@stock-sync/plugin-sdk';
import type { ConnectContext, PluginError, StockWrite, StoreConnection, VariantRef } from '@stock-sync/plugin-api';
import type { Planned } from '@stock-sync/plugin-sdk';
import {
  ACTIVATE_ITEMS_PER_CALL,
  activateDocument,
  READ_CHUNK,
  READ_VARIANTS,
  readVariantsCost,
  SET_AVAILABLE,
  UPDATE_PRODUCTS_PER_CALL,
  updateVariantsDocument,
  VERIFY,
} from './documents';
import { errorForUserError, isStale, userErrorIndex, type UserError } from './errors';
import { KEPT_ITEM, keptSet, writeFromKept } from './kept-writes';
import { ACTIVATE_AT_LOCATION_FIELD, MAX_INPUT_ARRAY } from './manifest';
import { parseVariantNode, planWrite, toGid, toTargetStock, type VariantNode, type VariantState, type WritePlan } from './mapping';
import { createShopifyApi, type ShopifyApi } from './shopify-api';

const notFound = () => new NotFound('the variant does not exist on Shopify (deleted, or the id is not a variant)');

/** Quantity calls per chunk: first try, the retry after removing refused items / re-reading stale ones, one more. */
const MAX_ROUNDS = 3;

/** One variant of the run with what it still needs (its ledger key is the variant GID the hub asked about). */
type PlannedWrite = WritePlan & { key: string; input: StockWrite; productId: string };

/** Stores hold the variant GID or its numeric legacy id: both name the same variant (its GID). */
const variantGid = (ref: VariantRef) => toGid('ProductVariant', ref.externalVariantId);

export function connectShopify(ctx: ConnectContext): StoreConnection {
  const api = createShopifyApi(ctx);
  const locationId = toGid('Location', ctx.credentials.locationId ?? '');
  // On unless the store says exactly 'false'.
  const activateAtLocation = (ctx.credentials[ACTIVATE_AT_LOCATION_FIELD] ?? '').trim().toLowerCase() !== 'false';

  return batched({
    platform: 'Shopify',
    id: 'shopify',
    log: ctx.log,
    ids: (ref) => ({ key: variantGid(ref) }),
    key: variantGid,
    async verify() {
      type Verified = { shop: { id: string } | null; location: { id: string; isActive: boolean } | null };
      const data = await api.graphql<Verified>(VERIFY, { locationId });
      if (!data.shop) throw new AuthError('Shopify did not return the shop for this token');
      // The location is part of the credentials: a wrong one needs the merchant, like a bad token.
      if (!data.location) throw new AuthError('the locationId credential names no location of this shop');
      if (!data.location.isActive) throw new AuthError('the locationId credential names a deactivated location');
    },
    write: { skipInPlace: 'never', run: (items) => writeRun(api, items, locationId, activateAtLocation) },
    read: {
      maxBatch: READ_CHUNK,
      run: async (items) => {
        const states = await readStates(api, items, locationId);
        return states.map((state) => (state ? toTargetStock(state) : notFound()));
      },
    },
  });
}

class Ledger {
  /** Each variant's first answer: 'written' or its error (as the SDK's StopTheWork takes them). */
  readonly answers = new Map<string, 'written' | PluginError>();
  /** Each variant's inventory item GID, as read or kept: the hub keeps it for the next write. */
  readonly items = new Map<string, string>();

  /** A variant's answer as the pipeline takes it: a written one with its inventory item to keep, when known. */
  answer(key: string): Written | 'written' | PluginError | undefined {
    const answer = this.answers.get(key);
    const item = this.items.get(key);
    return answer === 'written' && item ? new Written({ [KEPT_ITEM]: item }) : answer;
  }

  done(key: string): boolean {
    return this.answers.has(key);
  }

  settle(key: string, answer: 'written' | PluginError): void {
    if (!this.done(key)) this.answers.set(key, answer);
  }

  /** One call carrying `items`: its answer, or undefined when it failed (they fail with its error; a stop is thrown on). */
  async call<T>(items: readonly { key: string }[], send: () => Promise<T>): Promise<T | undefined> {
    try {
      return await send();
    } catch (e) {
      const error = toPluginError(e, 'Shopify');
      if (stopsTheWork(error)) throw error;
      for (const it of items) this.settle(it.key, error);
      return undefined;
    }
  }
}

/** One READ_VARIANTS call (at most READ_CHUNK items): each one's state, in order; throws the call's error. */
async function readStates(api: ShopifyApi, items: readonly { key: string }[], locationId: string) {
  const ids = items.map((it) => it.key);
  const data = await api.graphql<{ nodes: Array<VariantNode | null> }>(READ_VARIANTS, { ids, locationId }, readVariantsCost(ids.length));
  // `nodes` answers in the order of `ids`, null for ids that resolve to nothing.
  return ids.map((_, i) => parseVariantNode(data.nodes?.[i]));
}

/** Every item in calls of READ_CHUNK: the states of those whose call answered (undefined: no such variant). */
async function readVariants(api: ShopifyApi, ledger: Ledger, items: readonly { key: string }[], locationId: string) {
  const states = new Map<string, VariantState | undefined>();
  for (const part of chunk(items, READ_CHUNK)) {
    const read = await ledger.call(part, () => readStates(api, part, locationId));
    read?.forEach((state, i) => {
      states.set(part[i].key, state);
      if (state) ledger.items.set(part[i].key, state.inventoryItemId);
    });
  }
  return states;
}

async function writeRun(
  api: ShopifyApi,
  items: readonly Planned<StockWrite, { key: string }>[],
  locationId: string,
  activateAtLocation: boolean,
): Promise<(PluginError | Written | undefined)[]> {
  const ledger = new Ledger();
  try {
    const kept = items.flatMap(({ key, input }) => {
      const set = keptSet(input);
      return set ? [{ key, set }] : [];
    });
    for (const { key, set } of kept) ledger.items.set(key, set.inventoryItemId);
    const sentFromKept = new Set(kept.map((k) => k.key));
    const unproven = await writeFromKept(api, ledger, kept, locationId);
    // Read first: what had nothing kept, and what the kept write could not prove.
    const fresh = items.filter((it) => !ledger.done(it.key) && (unproven.has(it.key) || !sentFromKept.has(it.key)));
    const states = await readVariants(api, ledger, fresh, locationId);
    for (const [key, state] of states) if (!state) ledger.settle(key, notFound());
    const planned: PlannedWrite[] = [];
    for (const { key, input } of fresh) {
      const state = states.get(key);
      if (!state || ledger.done(key)) continue;
      const plan = planWrite(state, input.target, { activateAtLocation });
      if (plan instanceof Rejected) ledger.settle(key, plan);
      else if (plan.activate || plan.update || plan.set) planned.push({ ...plan, key, input, productId: state.productId });
      else ledger.settle(key, 'written'); // it already shows the target
    }
    const pending = (step: keyof WritePlan) => planned.filter((p) => p[step] && !ledger.done(p.key));
    // Stock items at the location first; a refused activation drops that variant's later steps.
    await activateItems(api, ledger, pending('activate'), locationId);
    for (const p of pending('activate')) if (!p.update && !p.set) ledger.settle(p.key, 'written'); // out of stock: the new level holds 0
    await updateVariants(api, ledger, pending('update'));
    // A refused tracking change must not be followed by its quantity.
    await setQuantities(api, ledger, pending('set'), locationId);
  } catch (e) {
    throw new StopTheWork(e, { answered: items.map((it) => ledger.answer(it.key)) });
  }
  return items.map((it) => {
    const answer = ledger.answer(it.key) ?? new Transient('the variant was not processed (the run ended early)');
    return answer === 'written' ? undefined : answer;
  });
}

type ActivatePayload = { inventoryLevel: { id: string } | null; userErrors: Array<{ field?: string[] | null; message: string }> };

/**
 * One aliased inventoryActivate answer: undefined = stocked now; a refusal is Rejected with Shopify's message (e.g.
 * a fulfillment-service location that does not take the item); no level and no userErrors is not done (Transient).
 */
export function activationOutcome(payload: ActivatePayload | null | undefined): Rejected | Transient | undefined {
  if (!payload) return new Transient('Shopify returned no result for inventoryActivate; the item may not be stocked at the location');
  const refused = payload.userErrors?.[0];
  if (refused) {
    return new Rejected(`Shopify refused to stock the item at the configured location: ${refused.message}`, {
      code: 'ITEM_NOT_STOCKED_AT_LOCATION',
      field: refused.field ?? undefined,
    });
  }
  const missing = 'inventoryActivate answered without an inventory level; the item may not be stocked at the location';
  return payload.inventoryLevel ? undefined : new Transient(missing);
}

/** An item with no inventory level at the hub's location cannot take a quantity (ITEM_NOT_STOCKED_AT_LOCATION). */
async function activateItems(api: ShopifyApi, ledger: Ledger, pending: readonly PlannedWrite[], locationId: string): Promise<void> {
  for (const call of chunk(pending, ACTIVATE_ITEMS_PER_CALL)) {
    const variables: Record<string, unknown> = { locationId };
    call.forEach((p, i) => {
      variables[`i${i}`] = p.activate!.inventoryItemId;
      variables[`k${i}`] = randomUUID();
    });
    const data = await ledger.call(call, () =>
      api.graphql<Record<string, ActivatePayload | null>>(activateDocument(call.length), variables),
    );
    call.forEach((p, i) => {
      const error = data && activationOutcome(data[`a${i}`]);
      if (error) ledger.settle(p.key, error);
    });
  }
}

/** One alias per product (≤ 250 variants, Shopify's input-array cap); a variant is written here when no quantity follows. */
async function updateVariants(api: ShopifyApi, ledger: Ledger, pending: readonly PlannedWrite[]): Promise<void> {
  const aliases = groupByProduct(pending, (p) => p.productId).flatMap(({ productId, items }) =>
    chunk(items, MAX_INPUT_ARRAY).map((part) => ({ productId, items: part })),
  );
  for (const call of chunk(aliases, UPDATE_PRODUCTS_PER_CALL)) {
    const variables: Record<string, unknown> = {};
    call.forEach((a, i) => {
      variables[`p${i}`] = a.productId;
      variables[`v${i}`] = a.items.map((p) => p.update);
    });
    type Answer = Record<string, { userErrors: UserError[] } | null>;
    const items = call.flatMap((a) => a.items);
    const data = await ledger.call(items, () => api.graphql<Answer>(updateVariantsDocument(call.length), variables));
    call.forEach((a, i) => {
      if (!data) return;
      const payload = data[`u${i}`];
      if (!payload) {
        for (const p of a.items) ledger.settle(p.key, new Rejected('Shopify returned no result for the variant update'));
        return;
      }
      for (const ue of payload.userErrors ?? []) {
        const idx = userErrorIndex(ue, 'variants');
        const error = errorForUserError(ue, 'the variant update');
        // An error that names no variant (e.g. PRODUCT_DOES_NOT_EXIST on productId) concerns them all.
        for (const p of idx !== undefined && a.items[idx] ? [a.items[idx]] : a.items) ledger.settle(p.key, error);
      }
      for (const p of a.items) if (!p.set) ledger.settle(p.key, 'written'); // nothing follows: written (no-op for the failed ones)
    });
  }
}

/**
 * ≤ 250 quantities per call, all-or-nothing: refused items fail and the rest go again; a stale item is re-read ONCE
 * and sent with the fresh changeFromQuantity (README "2026-04 specifics"). Each round strictly shrinks.
 */
async function setQuantities(api: ShopifyApi, ledger: Ledger, pending: readonly PlannedWrite[], locationId: string): Promise<void> {
  for (const part of chunk(pending, MAX_INPUT_ARRAY)) {
    let round = part;
    let reread = false;
    for (let n = 1; round.length > 0; n++) {
      if (n > MAX_ROUNDS) {
        for (const p of round) ledger.settle(p.key, new Transient('Shopify kept refusing the quantity batch; left for the next run'));
        break;
      }
      // 'correction': the reason Shopify records on the adjustment (one of its documented reasons).
      const input = { name: 'available', reason: 'correction', quantities: round.map((p) => ({ ...p.set!, locationId })) };
      const payload = await ledger.call(round, async () => {
        // A fresh key per distinct request; the SDK's retries resend the same body, hence the same key.
        const data = await api.graphql<{
          inventorySetQuantities: { inventoryAdjustmentGroup: { id: string } | null; userErrors: UserError[] } | null;
        }>(SET_AVAILABLE, { input, idempotencyKey: randomUUID() });
        if (!data.inventorySetQuantities) throw new Transient('Shopify returned no result for inventorySetQuantities');
        return data.inventorySetQuantities;
      });
      if (!payload) break; // the call failed; the ledger has it
      const errorsByIndex = new Map<number, UserError>();
      let unindexed: UserError | undefined;
      for (const ue of payload.userErrors ?? []) {
        const idx = userErrorIndex(ue, 'quantities');
        if (idx === undefined || idx >= round.length) unindexed ??= ue;
        else if (!errorsByIndex.has(idx)) errorsByIndex.set(idx, ue);
      }
      if (unindexed) {
        // An error about the whole input (location, reason, idempotency): every item shares it.
        const error = errorForUserError(unindexed, 'the quantity update');
        for (const p of round) ledger.settle(p.key, error);
        break;
      }
      const applied = !!payload.inventoryAdjustmentGroup;
      const next: PlannedWrite[] = [];
      const stale: PlannedWrite[] = [];
      round.forEach((p, i) => {
        const ue = errorsByIndex.get(i);
        if (!ue) {
          if (applied) ledger.settle(p.key, 'written');
          else next.push(p); // not applied because another item was refused: send again
        } else if (isStale(ue) && !reread) stale.push(p);
        else ledger.settle(p.key, errorForUserError(ue, 'the quantity update'));
      });
      // Stale ones are re-read and, still needing a write, go again with the fresh changeFromQuantity.
      if (stale.length > 0) reread = true;
      const fresh = await readVariants(api, ledger, stale, locationId);
      for (const p of stale) {
        if (ledger.done(p.key) || !fresh.has(p.key)) continue;
        const s = fresh.get(p.key);
        if (!s) ledger.settle(p.key, new NotFound('the variant no longer exists on Shopify'));
        else if (s.available === null || !s.tracked || s.inventoryPolicy !== 'DENY') {
          ledger.settle(p.key, new Transient('the variant changed on Shopify while it was being written; left for the next run'));
        } else if (p.input.target.kind === 'out_of_stock' ? s.available <= 0 : s.available === p.set!.quantity)
          ledger.settle(p.key, 'written');
        else next.push({ ...p, set: { ...p.set!, changeFromQuantity: s.available } });
      }
      round = next;
    }
  }
}
