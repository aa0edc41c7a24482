/**
 * Writes planned from what the hub kept of a variant's last write (plugin API 1.7 `kept`; README "Calls"): the
 * inventory item id, and the quantity the hub last wrote as the compare-and-set's `changeFromQuantity`. One
 * SET_AVAILABLE_CHECKED call and no read; the call's own answer proves the result. A variant it cannot prove (stale
 * quantity, not stocked at the location, untracked or selling past zero, a missing change) goes the read-first way.
 */
import { randomUUID } from 'node:crypto';
import { Transient, type PluginError, type StockWrite } from '@stock-sync/plugin-api';
import { chunk, countedQuantity } from '@stock-sync/plugin-sdk';
import { SET_AVAILABLE_CHECKED } from './documents';
import { errorForUserError, userErrorIndex, type UserError } from './errors';
import { MAX_INPUT_ARRAY } from './manifest';
import type { ShopifyApi } from './shopify-api';

/** The `keep` entry of a written variant: its inventory item GID. */
export const KEPT_ITEM = 'inventoryItemId';

/** One inventorySetQuantities quantity, minus the location. */
export interface KeptSet {
  inventoryItemId: string;
  quantity: number;
  changeFromQuantity: number;
}

/**
 * The quantity a write sends from what was kept, or undefined when it must read first: nothing kept, or the last
 * write or this one is not a count (unlimited is the variant's tracking, not a quantity), or no quantity changes (an
 * unchanged quantity would leave no change in the answer to prove the rest by).
 */
export function keptSet(input: StockWrite): KeptSet | undefined {
  const inventoryItemId = input.kept?.[KEPT_ITEM];
  if (!inventoryItemId?.startsWith('gid://shopify/InventoryItem/')) return undefined;
  // A sold-out `previous` may be an oversold -2, not 0: then the compare-and-set is stale and the variant is read.
  const from = countedQuantity(input.previous);
  const to = countedQuantity(input.target);
  if (from === undefined || to === undefined || from === to) return undefined;
  return { inventoryItemId, quantity: to, changeFromQuantity: from };
}

/** One change of the answer, as SET_AVAILABLE_CHECKED selects it. */
interface CheckedChange {
  name?: string;
  quantityAfterChange?: number | null;
  item?: { id?: string; tracked?: boolean; variant?: { id?: string; inventoryPolicy?: string } | null } | null;
}

/** The answer shows the item — still the variant's (its GID) — at the quantity sent, counted, and sold only while counted (DENY). */
export function proves(changes: readonly CheckedChange[] | null | undefined, set: KeptSet, variantId: string): boolean {
  const change = (changes ?? []).find((c) => c.name === 'available' && c.item?.id === set.inventoryItemId);
  const item = change?.item;
  return (
    change?.quantityAfterChange === set.quantity &&
    item?.tracked === true &&
    item.variant?.id === variantId &&
    item.variant.inventoryPolicy === 'DENY'
  );
}

/** What the caller's ledger does: a call whose failure it records, and each variant's first answer. */
export interface KeptLedger {
  call<T>(items: readonly { key: string }[], send: () => Promise<T>): Promise<T | undefined>;
  settle(key: string, answer: 'written' | PluginError): void;
}

type Payload = {
  inventoryAdjustmentGroup: { id: string; changes?: CheckedChange[] | null } | null;
  userErrors: UserError[];
};

/**
 * Sends the kept writes (keyed by variant GID), ≤ 250 per call, all-or-nothing: items refused or not proven are returned (to be read and
 * planned again); items held back only because another was refused go once more. Written ones are settled.
 */
export async function writeFromKept(
  api: ShopifyApi,
  ledger: KeptLedger,
  items: readonly { key: string; set: KeptSet }[],
  locationId: string,
): Promise<Set<string>> {
  const unproven = new Set<string>();
  for (const part of chunk(items, MAX_INPUT_ARRAY)) {
    let round = part;
    for (let n = 0; round.length > 0; n++) {
      if (n === 2) {
        round.forEach((p) => unproven.add(p.key));
        break;
      }
      const input = { name: 'available', reason: 'correction', quantities: round.map((p) => ({ ...p.set, locationId })) };
      const payload = await ledger.call(round, async () => {
        const data = await api.graphql<{ inventorySetQuantities: Payload | null }>(SET_AVAILABLE_CHECKED, {
          input,
          idempotencyKey: randomUUID(),
        });
        if (!data.inventorySetQuantities) throw new Transient('Shopify returned no result for inventorySetQuantities');
        return data.inventorySetQuantities;
      });
      if (!payload) break; // the call failed; the ledger has it
      const refused = new Set<number>();
      for (const ue of payload.userErrors ?? []) {
        const idx = userErrorIndex(ue, 'quantities');
        if (idx !== undefined && idx < round.length) {
          refused.add(idx);
          continue;
        }
        // An error about the whole input (location, reason, idempotency): every item shares it.
        const error = errorForUserError(ue, 'the quantity update');
        for (const p of round) ledger.settle(p.key, error);
        round = [];
        break;
      }
      const group = payload.inventoryAdjustmentGroup;
      const next: typeof round = [];
      round.forEach((p, i) => {
        if (refused.has(i)) unproven.add(p.key);
        else if (!group)
          next.push(p); // not applied because another item was refused: send again
        else if (proves(group.changes, p.set, p.key)) ledger.settle(p.key, 'written');
        else unproven.add(p.key);
      });
      round = next;
    }
  }
  return unproven;
}
