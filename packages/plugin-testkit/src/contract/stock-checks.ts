/** Comparing neutral stock the way the contract means it, and readable descriptions for failures. */
import assert from 'node:assert/strict';
import {
  describeTargetStock,
  type ObservedStock,
  type PluginCapabilities,
  type TargetStock,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';

/** Quantity 0 and out of stock are the same thing to a shopper. */
export function normalise(s: TargetStock): TargetStock {
  return s.kind === 'quantity' && s.quantity === 0 ? { kind: 'out_of_stock' } : s;
}

export function stockEquals(a: TargetStock, b: TargetStock): boolean {
  const x = normalise(a);
  const y = normalise(b);
  return x.kind === y.kind && (x.kind !== 'quantity' || x.quantity === (y as { quantity: number }).quantity);
}

export function describe(s: TargetStock | 'deleted' | undefined): string {
  return s === undefined ? 'never seeded' : s === 'deleted' ? 'deleted' : describeTargetStock(s);
}

export const refName = (r: VariantRef) => `${r.externalProductId}/${r.externalVariantId}`;

/**
 * What the simulator shows for a variant after `target` was written. With emulated unlimited stock
 * the platform can only show a (high) quantity, so any in-stock quantity is accepted there.
 */
export function assertShows(
  shown: TargetStock | 'deleted' | undefined,
  target: TargetStock,
  caps: PluginCapabilities,
  ref: VariantRef,
): void {
  assert.ok(
    shown !== undefined && shown !== 'deleted',
    `simulator shows ${refName(ref)} as ${describe(shown)}, expected ${describeTargetStock(target)}`,
  );
  if (target.kind === 'unlimited' && caps.unlimitedStock === 'emulated' && shown.kind === 'quantity' && shown.quantity > 0) return;
  assert.ok(stockEquals(shown, target), `simulator shows ${refName(ref)} as ${describe(shown)}, expected ${describeTargetStock(target)}`);
}

export function assertOutcomesMatchInput(
  outcomes: readonly WriteOutcome[] | readonly ObservedStock[],
  inputs: readonly VariantRef[],
  what: string,
): void {
  assert.ok(Array.isArray(outcomes), `${what} must return an array`);
  assert.equal(
    outcomes.length,
    inputs.length,
    `${what} must return exactly one result per input (${inputs.length}), got ${outcomes.length}`,
  );
  outcomes.forEach((o, i) => {
    assert.equal(refName(o), refName(inputs[i]), `${what} result #${i} is for ${refName(o)}, expected ${refName(inputs[i])} (input order)`);
  });
}

export function assertAllWritten(outcomes: readonly WriteOutcome[]): void {
  const failed = outcomes.filter((o) => o.status !== 'written');
  assert.equal(
    failed.length,
    0,
    `expected every change written, ${failed.length} failed: ${failed
      .slice(0, 5)
      .map((f) => `${refName(f)}: ${f.status === 'failed' ? `${f.error?.name}: ${f.error?.message}` : f.status}`)
      .join('; ')}`,
  );
}
