/**
 * Update Item Inventory as Webflow states it (openapi/v2.yml `update-inventory`): `inventoryType`
 * required (infinite | finite); `quantity` sets the count, `updateQuantity` adds to it ("Can be
 * negative"); either only with finite, and not both (Webflow SDK docs). Rejections answer
 * 400 validation_error listing each problem.
 */
import type { TargetStock } from '@stock-sync/plugin-api';
import type { InventoryType } from '../stock-mapping';
import type { SimSku } from './state';

export interface InventoryInput {
  inventoryType?: unknown;
  quantity?: unknown;
  updateQuantity?: unknown;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export function validateInventoryInput(body: unknown): FieldProblem[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [{ field: 'body', message: 'must be an object' }];
  const b = body as InventoryInput;
  const problems: FieldProblem[] = [];
  if (b.inventoryType === undefined) problems.push({ field: 'inventoryType', message: 'is required' });
  else if (b.inventoryType !== 'infinite' && b.inventoryType !== 'finite')
    problems.push({ field: 'inventoryType', message: 'must be one of: infinite, finite' });
  for (const f of ['quantity', 'updateQuantity'] as const) {
    if (b[f] !== undefined && (typeof b[f] !== 'number' || !Number.isFinite(b[f])))
      problems.push({ field: f, message: 'must be a number' });
  }
  if (b.quantity !== undefined && b.updateQuantity !== undefined)
    problems.push({ field: 'quantity', message: 'cannot be used together with updateQuantity' });
  if (b.inventoryType === 'infinite') {
    for (const f of ['quantity', 'updateQuantity'] as const)
      if (b[f] !== undefined) problems.push({ field: f, message: 'can only be used with the finite inventory type' });
  }
  // Unverified: a negative absolute count is refused (the spec states no minimum).
  if (typeof b.quantity === 'number' && b.quantity < 0) problems.push({ field: 'quantity', message: 'must be greater than or equal to 0' });
  return problems;
}

/** Applies a validated update. Finite with neither field keeps the count (0 when it was infinite). */
export function applyInventoryInput(sku: SimSku, b: InventoryInput, now: number): void {
  const type = b.inventoryType as InventoryType;
  if (type === 'infinite') {
    sku.inventoryType = 'infinite';
    sku.quantity = 0;
  } else {
    const base = sku.inventoryType === 'finite' ? sku.quantity : 0;
    sku.inventoryType = 'finite';
    if (typeof b.quantity === 'number') sku.quantity = Math.trunc(b.quantity);
    else if (typeof b.updateQuantity === 'number') sku.quantity = Math.max(0, base + Math.trunc(b.updateQuantity));
    else sku.quantity = base;
  }
  sku.lastUpdated = now;
}

export function inventoryJson(sku: SimSku): { id: string; quantity: number; inventoryType: InventoryType } {
  return { id: sku.id, quantity: sku.inventoryType === 'finite' ? sku.quantity : 0, inventoryType: sku.inventoryType };
}

/** What a merchant does in the Designer / Editor (seeding and drift). */
export function applyMerchantEdit(sku: SimSku, to: TargetStock, now: number): void {
  if (to.kind === 'unlimited') applyInventoryInput(sku, { inventoryType: 'infinite' }, now);
  else applyInventoryInput(sku, { inventoryType: 'finite', quantity: to.kind === 'quantity' ? to.quantity : 0 }, now);
}

/** The simulator's own neutral reading. */
export function neutralStock(sku: SimSku): TargetStock {
  return sku.inventoryType === 'infinite' ? { kind: 'unlimited' } : { kind: 'quantity', quantity: Math.max(0, sku.quantity) };
}
