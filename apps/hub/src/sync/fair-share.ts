/**
 * Fairness across platforms for the dispatcher (sync-dispatcher.ts): pure rules, no I/O.
 *
 * Store runs are I/O-bound (they wait on their platform and their store's rate budget), so a process runs
 * hundreds at once. A slow platform (one change per call, a low rate budget) keeps its runs in flight far
 * longer than a fast one; without a bound it would end up holding every slot. So each platform may hold at
 * most its fair share of the slots: the concurrency divided by the number of platforms that have runs in
 * flight or waiting to start (a platform alone may use every slot). A job over its platform's share is
 * handed back (the scheduler offers the store again at its next tick) rather than kept: kept jobs would fill
 * the local buffer and stop the fetching of other platforms' jobs.
 */

/** The slots one platform may hold now. */
export function fairShare(concurrency: number, activePlatforms: number): number {
  return Math.ceil(concurrency / Math.max(1, activePlatforms));
}

export interface DispatchCandidate {
  storeId: string;
  platform: string;
}

export interface DispatchDecision<T extends DispatchCandidate> {
  /** Jobs to start now, in the order fetched. */
  start: T[];
  /** Jobs to hand back: a duplicate of a store already in flight here, or over its platform's share. */
  drop: T[];
}

/**
 * Which fetched jobs start: at most `concurrency` runs in flight in all, one per store, each platform within
 * its fair share (counted over the platforms in flight and in this batch).
 */
export function decideDispatch<T extends DispatchCandidate>(
  fetched: readonly T[],
  inFlightStores: ReadonlySet<string>,
  inFlightByPlatform: ReadonlyMap<string, number>,
  concurrency: number,
): DispatchDecision<T> {
  const platforms = new Set<string>();
  for (const [p, n] of inFlightByPlatform) if (n > 0) platforms.add(p);
  for (const j of fetched) platforms.add(j.platform);
  const share = fairShare(concurrency, platforms.size);

  const running = new Map(inFlightByPlatform);
  const stores = new Set(inFlightStores);
  let total = 0;
  for (const n of running.values()) total += n;

  const decision: DispatchDecision<T> = { start: [], drop: [] };
  for (const job of fetched) {
    const mine = running.get(job.platform) ?? 0;
    if (stores.has(job.storeId) || total >= concurrency || mine >= share) {
      decision.drop.push(job);
      continue;
    }
    stores.add(job.storeId);
    running.set(job.platform, mine + 1);
    total++;
    decision.start.push(job);
  }
  return decision;
}
