/**
 * "One worker per store": per store, the [started_at, finished_at] intervals of its runs must not overlap.
 * A run still open (no finished_at) lasts until `now`. Runs that never started (queued) are not intervals.
 */
export interface RunInterval {
  id: string;
  storeId: string;
  startedAt: number;
  /** undefined: still running (or left running by a killed process and not yet closed). */
  finishedAt?: number;
}

export interface Overlap {
  storeId: string;
  first: RunInterval;
  second: RunInterval;
}

/** Pairs of runs of one store that ran at the same time (touching ends are not an overlap). */
export function findOverlaps(runs: readonly RunInterval[], now: number): Overlap[] {
  const byStore = new Map<string, RunInterval[]>();
  for (const r of runs) {
    const list = byStore.get(r.storeId) ?? [];
    list.push(r);
    byStore.set(r.storeId, list);
  }
  const out: Overlap[] = [];
  for (const [storeId, list] of byStore) {
    const sorted = [...list].sort((a, b) => a.startedAt - b.startedAt);
    // Sweep: every earlier run whose end is after this run's start overlaps it (not only the previous one).
    for (let i = 0; i < sorted.length; i++) {
      const end = sorted[i].finishedAt ?? now;
      for (let j = i + 1; j < sorted.length && sorted[j].startedAt < end; j++) out.push({ storeId, first: sorted[i], second: sorted[j] });
    }
  }
  return out;
}
