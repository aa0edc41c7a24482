/**
 * The facility-to-store latency of a recorded chunk (`hub_facility_to_store_seconds`): for each variant it
 * wrote, from the newest facility update of it in the store's region (as the chunk load read it) to the
 * chunk's record, both on the database's clock. Computed from what the run already holds, with no statement
 * of its own (a query per batch of finished runs cost 69 ms a call at 1 000 stores on PostgreSQL).
 */
import type { ChangeRecord } from './chunk-outcomes';
import type { LoadedVariant } from './variant-plan';

export function writtenLatencies(changes: readonly ChangeRecord[], chunk: readonly LoadedVariant[], recordedAt: Date): number[] {
  const stockAt = new Map(chunk.map((v) => [v.id, v.stockUpdatedAt]));
  const seconds: number[] = [];
  for (const change of changes) {
    if (change.outcome !== 'written') continue;
    const from = stockAt.get(change.syncVariantId);
    if (!from) continue;
    const s = (recordedAt.getTime() - from.getTime()) / 1000;
    if (s >= 0) seconds.push(s);
  }
  return seconds;
}
