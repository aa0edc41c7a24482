/**
 * POST /1.0/commerce/inventory/adjustments, checked and applied as a whole: every operation is
 * validated (shape, quantities, known variant, no variant twice, ≤ maxOperations) before any is
 * applied, so a refused adjustment changes nothing (modelled; Squarespace documents no partial
 * success for this endpoint).
 */
import type { SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { invalidRequest, sqspError } from './errors';
import type { SimInventoryItem, SquarespaceSimState } from './state';

type Op =
  { kind: 'increment' | 'decrement' | 'setFinite'; variantId: string; quantity: number } | { kind: 'setUnlimited'; variantId: string };

const QUANTITY_OPS = { incrementOperations: 'increment', decrementOperations: 'decrement', setFiniteOperations: 'setFinite' } as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseAdjustment(state: SquarespaceSimState, body: unknown): Op[] | SimResponse {
  if (!isObject(body)) return invalidRequest(state, 'INVALID_BODY', 'Request body must be a JSON object.');
  const ops: Op[] = [];
  for (const [field, kind] of Object.entries(QUANTITY_OPS)) {
    const list = body[field];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) return invalidRequest(state, 'INVALID_ARGUMENT', `${field} must be an array.`);
    for (const [i, op] of list.entries()) {
      if (!isObject(op) || typeof op.variantId !== 'string' || op.variantId === '')
        return invalidRequest(state, 'MISSING_ARGUMENT', `${field}[${i}].variantId is required.`);
      if (typeof op.quantity !== 'number' || !Number.isInteger(op.quantity))
        return invalidRequest(state, 'INVALID_ARGUMENT', `${field}[${i}].quantity must be an integer.`);
      const min = kind === 'setFinite' ? 0 : 1;
      if (op.quantity < min)
        return invalidRequest(state, 'INVALID_ARGUMENT', `${field}[${i}].quantity must be greater than or equal to ${min}.`);
      ops.push({ kind, variantId: op.variantId, quantity: op.quantity });
    }
  }
  const unlimited = body.setUnlimitedOperations;
  if (unlimited !== undefined && unlimited !== null) {
    if (!Array.isArray(unlimited))
      return invalidRequest(state, 'INVALID_ARGUMENT', 'setUnlimitedOperations must be an array of variant ids.');
    for (const [i, id] of unlimited.entries()) {
      if (typeof id !== 'string' || id === '')
        return invalidRequest(state, 'INVALID_ARGUMENT', `setUnlimitedOperations[${i}] must be a variant id.`);
      ops.push({ kind: 'setUnlimited', variantId: id });
    }
  }
  if (ops.length === 0) return invalidRequest(state, 'MISSING_ARGUMENT', 'At least one inventory operation is required.');
  if (ops.length > state.options.maxOperations)
    return invalidRequest(state, 'INVALID_ARGUMENT', `At most ${state.options.maxOperations} operations are allowed per request.`);
  const seen = new Set<string>();
  for (const op of ops) {
    if (seen.has(op.variantId))
      return invalidRequest(state, 'INVALID_ARGUMENT', `Variant ${op.variantId} appears in more than one operation.`);
    seen.add(op.variantId);
  }
  return ops;
}

/** Applies the operations when every one can be applied; else the refusal, and nothing changes. */
export function applyAdjustment(state: SquarespaceSimState, ops: Op[]): SimResponse {
  const targets: SimInventoryItem[] = [];
  for (const op of ops) {
    const item = state.items.get(op.variantId);
    if (!item) return sqspError(state, 404, 'NOT_FOUND', null, `Inventory item not found.`);
    if ((op.kind === 'increment' || op.kind === 'decrement') && item.isUnlimited) {
      return invalidRequest(state, 'INVALID_ARGUMENT', 'Stock of an unlimited inventory item cannot be incremented or decremented.');
    }
    if (op.kind === 'decrement' && item.quantity - op.quantity < 0)
      return invalidRequest(state, 'INVALID_ARGUMENT', 'Stock quantity cannot become negative.');
    targets.push(item);
  }
  ops.forEach((op, k) => {
    const item = targets[k];
    if (op.kind === 'setUnlimited') item.isUnlimited = true;
    else if (op.kind === 'setFinite') {
      item.isUnlimited = false;
      item.quantity = op.quantity;
    } else item.quantity += op.kind === 'increment' ? op.quantity : -op.quantity;
  });
  return { status: 204 };
}
