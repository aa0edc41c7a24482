/**
 * How many synced variants a run loads per step, for a plugin whose platform takes at most `maxBatch` changes per
 * write call (its manifest's `capabilities.maxBatch`): the configured chunk size rounded down to a whole number of
 * the platform's batches, so a step whose variants all change fills its write calls instead of ending on a
 * part-filled one — e.g. 500 with Nuvemshop's 200 → 400 (two full calls, not 200+200+100). A chunk size below one
 * batch is kept as configured (an operator's choice of small steps).
 */
export function chunkLimitFor(chunkSize: number, maxBatch: number): number {
  if (!Number.isInteger(maxBatch) || maxBatch < 1 || chunkSize < maxBatch) return chunkSize;
  return Math.floor(chunkSize / maxBatch) * maxBatch;
}
