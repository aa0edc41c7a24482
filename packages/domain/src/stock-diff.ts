import { DesiredStock } from './desired-stock';
import { describeTargetStock, sameTargetStock, TargetStock } from './target-stock';

/** What the hub must do for one store variant. */
export type StockDiff =
  | { action: 'write'; from: TargetStock | null; to: TargetStock }
  | { action: 'unchanged'; stock: TargetStock }
  /** Desired state unknown: never write. */
  | { action: 'skip'; reason: string };

/**
 * Compares the desired state with what the hub last wrote. A kept last-known state is written like a computed
 * one when it differs from the last write (e.g. a decision whose write failed), so the store converges to it.
 */
export function diffStock(desired: DesiredStock, lastWritten: TargetStock | null | undefined): StockDiff {
  if (desired.basis === 'unknown') return { action: 'skip', reason: desired.reason };
  if (sameTargetStock(desired.stock, lastWritten)) return { action: 'unchanged', stock: desired.stock };
  return { action: 'write', from: lastWritten ?? null, to: desired.stock };
}

/** One line for logs and audit: "unlimited → out_of_stock". */
export function describeStockDiff(diff: StockDiff): string {
  switch (diff.action) {
    case 'write':
      return `${describeTargetStock(diff.from)} → ${describeTargetStock(diff.to)}`;
    case 'unchanged':
      return `unchanged (${describeTargetStock(diff.stock)})`;
    case 'skip':
      return `skipped: ${diff.reason}`;
  }
}
