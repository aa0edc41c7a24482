/**
 * inventorySetQuantities as 2026-04 behaves
 * (https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/inventorySetQuantities):
 * - the @idempotent(key:) directive is required (runtime error without it); the same key with the
 *   same input answers the first result again, with another input IDEMPOTENCY_KEY_PARAMETER_MISMATCH;
 * - every quantity must carry changeFromQuantity (null opts out of the check); a value that differs
 *   from the stored quantity → CHANGE_FROM_QUANTITY_STALE;
 * - all-or-nothing: any userError and nothing is applied (inventoryAdjustmentGroup null).
 */
import { getDirectiveValues, GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { ShopifyState } from './state';
import { newNumericId } from './state';
import { deliverProductsUpdate } from './product-webhook';
import { inventoryItemView } from './views';

/** Shopify's documented adjustment reasons (https://shopify.dev/docs/apps/build/orders-fulfillment/inventory-management-apps#inventory-adjustment-reasons). */
export const INVENTORY_REASONS = new Set([
  'correction',
  'cycle_count_available',
  'damaged',
  'movement_canceled',
  'movement_created',
  'movement_received',
  'movement_updated',
  'other',
  'promotion',
  'quality_control',
  'received',
  'reservation_created',
  'reservation_deleted',
  'reservation_updated',
  'restock',
  'safety_stock',
  'shrinkage',
]);

const SETTABLE_NAMES = new Set(['available', 'on_hand']);
const MAX_QUANTITY = 1_000_000_000;

interface QuantityInput {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  changeFromQuantity?: number | null;
}

interface SetInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  quantities: QuantityInput[];
}

interface SetUserError {
  code: string;
  field: string[];
  message: string;
}

export function idempotencyKey(info: GraphQLResolveInfo): string {
  const directive = info.schema.getDirective('idempotent');
  const values = directive ? getDirectiveValues(directive, info.fieldNodes[0], info.variableValues) : undefined;
  const key = values?.key;
  if (typeof key !== 'string') {
    throw new GraphQLError(
      'The @idempotent directive is required for this mutation. See https://shopify.dev/docs/api/usage/idempotent-requests',
    );
  }
  if (key.trim() === '') throw new GraphQLError('The idempotency key cannot be an empty string or whitespace only.');
  return key;
}

function validate(state: ShopifyState, input: SetInput): SetUserError[] {
  const errors: SetUserError[] = [];
  if (!SETTABLE_NAMES.has(input.name)) {
    errors.push({ code: 'INVALID_NAME', field: ['input', 'name'], message: "The quantity name must be either 'available' or 'on_hand'." });
  }
  if (!INVENTORY_REASONS.has(input.reason)) {
    errors.push({ code: 'INVALID_REASON', field: ['input', 'reason'], message: 'The specified reason is invalid.' });
  }
  input.quantities.forEach((q, i) => {
    const at = (leaf: string) => ['input', 'quantities', String(i), leaf];
    const item = state.inventoryItems.get(q.inventoryItemId);
    if (!item) {
      errors.push({
        code: 'INVALID_INVENTORY_ITEM',
        field: at('inventoryItemId'),
        message: 'The specified inventory item could not be found.',
      });
      return;
    }
    if (!state.locations.has(q.locationId)) {
      errors.push({ code: 'INVALID_LOCATION', field: at('locationId'), message: 'The specified location could not be found.' });
      return;
    }
    const level = item.levels.get(q.locationId);
    if (!level) {
      errors.push({
        code: 'ITEM_NOT_STOCKED_AT_LOCATION',
        field: at('locationId'),
        message: 'The specified inventory item is not stocked at the location.',
      });
      return;
    }
    if (q.quantity > MAX_QUANTITY) {
      errors.push({
        code: 'INVALID_QUANTITY_TOO_HIGH',
        field: at('quantity'),
        message: `The quantity can't be higher than ${MAX_QUANTITY}.`,
      });
    } else if (q.quantity < 0 && input.name === 'on_hand') {
      errors.push({ code: 'INVALID_QUANTITY_NEGATIVE', field: at('quantity'), message: "The quantity can't be negative." });
    } else if (q.quantity < -MAX_QUANTITY) {
      errors.push({
        code: 'INVALID_QUANTITY_TOO_LOW',
        field: at('quantity'),
        message: `The quantity can't be lower than -${MAX_QUANTITY}.`,
      });
    }
    if (!('changeFromQuantity' in q)) {
      errors.push({
        code: 'COMPARE_QUANTITY_REQUIRED',
        field: at('changeFromQuantity'),
        message: 'changeFromQuantity is required. Pass null to opt out of the compare-and-set check.',
      });
      return;
    }
    const current = input.name === 'on_hand' ? level.available + level.committed : level.available;
    if (q.changeFromQuantity !== null && q.changeFromQuantity !== undefined && q.changeFromQuantity !== current) {
      errors.push({
        code: 'CHANGE_FROM_QUANTITY_STALE',
        field: at('changeFromQuantity'),
        message: 'The specified compare quantity does not match the current quantity.',
      });
    }
  });
  return errors;
}

export function inventorySetQuantities(state: ShopifyState, args: { input: SetInput }, info: GraphQLResolveInfo): unknown {
  const key = idempotencyKey(info);
  const fingerprint = JSON.stringify(args.input);
  const seen = state.idempotency.get(key);
  if (seen) {
    if (seen.fingerprint === fingerprint) return seen.payload;
    return {
      inventoryAdjustmentGroup: null,
      userErrors: [
        {
          code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
          field: null,
          message: 'The same idempotency key was used with different parameters.',
        },
      ],
    };
  }
  state.hooks.beforeInventorySet?.(state);
  const input = args.input;
  const userErrors = validate(state, input);
  let payload: unknown;
  if (userErrors.length > 0) {
    payload = { inventoryAdjustmentGroup: null, userErrors };
  } else {
    const updatedAt = new Date().toISOString();
    // Setting one of available / on_hand moves the other by the same delta (committed units stay): both are changes.
    const changes = input.quantities.flatMap((q) => {
      const item = state.inventoryItems.get(q.inventoryItemId)!;
      const level = item.levels.get(q.locationId)!;
      const before = level.available;
      level.available = input.name === 'on_hand' ? q.quantity - level.committed : q.quantity;
      level.updatedAt = updatedAt;
      const delta = level.available - before;
      const change = (name: string, after: number) => ({
        __typename: 'InventoryChange',
        name,
        delta,
        quantityAfterChange: after,
        item: () => inventoryItemView(state, item),
        location: { __typename: 'Location', id: q.locationId },
        inventoryItemId: item.id,
        locationId: q.locationId,
      });
      return [change('available', level.available), change('on_hand', level.available + level.committed)];
    });
    // Each variant whose quantity was set: Shopify sends its product's products/update.
    deliverProductsUpdate(
      state,
      input.quantities.map((q) => state.variants.get(state.inventoryItems.get(q.inventoryItemId)!.variantId)!.productId),
    );
    payload = {
      inventoryAdjustmentGroup: {
        __typename: 'InventoryAdjustmentGroup',
        id: `gid://shopify/InventoryAdjustmentGroup/${newNumericId(state)}`,
        reason: input.reason,
        referenceDocumentUri: input.referenceDocumentUri ?? null,
        createdAt: updatedAt,
        // InventoryAdjustmentGroup.changes(inventoryItemIds, locationIds, quantityNames): each filter narrows the list.
        changes: (args: { inventoryItemIds?: string[] | null; locationIds?: string[] | null; quantityNames?: string[] | null }) =>
          changes.filter(
            (c) =>
              (!args.inventoryItemIds || args.inventoryItemIds.includes(c.inventoryItemId)) &&
              (!args.locationIds || args.locationIds.includes(c.locationId)) &&
              (!args.quantityNames || args.quantityNames.includes(c.name)),
          ),
      },
      userErrors: [],
    };
  }
  state.idempotency.set(key, { fingerprint, payload });
  return payload;
}
