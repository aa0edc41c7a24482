import type { TargetStock } from '@stock-sync/domain';
import type { VariantRecord } from '../../../src/sync/chunk-outcomes';

/** The record of a write that landed and settles its variant (as chunkRecords makes it), for recording tests. */
export function settledWrite(v: { id: string; pendingVersion: number }, written: TargetStock): VariantRecord {
  return {
    id: v.id,
    version: v.pendingVersion,
    result: 'written',
    state: 'in_sync',
    settles: true,
    desired: written,
    written,
    error: null,
    retryDelayMs: 0,
  };
}
