/**
 * After the load: both hubs up, faults cleared, then wait (with a deadline) until no work is left — no
 * pending synced variant, no queued or running run, no store waiting for its credentials, no read-back of an
 * unconfirmed write due (the hub verifies a store ~30 s after a timed-out, 5xx or killed-worker write). A store whose run
 * was left `running` by a killed hub and that has no other work is nudged with one manual sync (its next
 * worker closes the orphan), as an operator would.
 */
import type { DrillDatabase, WorkLeft } from './drill-database';
import type { FaultInjector } from './faults';
import type { DrillStore } from './fleet';
import type { HubPair } from './hub-pair';
import type { HubTraffic } from './hub-traffic';

export interface SettleResult {
  settled: boolean;
  ms: number;
  last: WorkLeft;
  /** Manual syncs asked for stores whose only open run was an orphan of a killed hub. */
  orphanNudges: number;
  /** Stores reconnected during the settling (a run recorded needs_reconnect after the credentials were restored). */
  lateReconnects: number;
}

/** Nothing left to do for the hubs. */
export function isIdle(w: WorkLeft): boolean {
  return w.pending === 0 && w.queuedRuns === 0 && w.runningRuns === 0 && w.needsReconnect.length === 0 && w.verifying === 0;
}

export async function settle(
  db: DrillDatabase,
  hubs: HubPair,
  faults: FaultInjector,
  stores: readonly DrillStore[],
  traffic: HubTraffic,
  timeoutMs: number,
): Promise<SettleResult> {
  const t0 = performance.now();
  const deadline = Date.now() + timeoutMs;
  const byId = new Map(stores.map((s) => [s.id, s]));
  const nudged = new Map<string, number>();
  const reconnected = new Map<string, number>();
  let orphanNudges = 0;
  let lateReconnects = 0;
  let idlePolls = 0;
  let last = await db.workLeft();
  while (Date.now() < deadline) {
    last = await db.workLeft();
    if (isIdle(last)) {
      // Twice in a row, a second apart: a run may be between two of its statements.
      if (++idlePolls >= 2) return { settled: true, ms: performance.now() - t0, last, orphanNudges, lateReconnects };
    } else idlePolls = 0;
    for (const id of last.needsReconnect) {
      const store = byId.get(id);
      if (!store || (reconnected.get(id) ?? 0) >= 5) continue;
      reconnected.set(id, (reconnected.get(id) ?? 0) + 1);
      await faults.reconnect(store);
      lateReconnects++;
    }
    if (last.pending === 0 && last.queuedRuns === 0) {
      for (const id of last.orphanStores) {
        if ((nudged.get(id) ?? 0) >= 3) continue;
        const hub = hubs.up()[0];
        if (!hub) break;
        nudged.set(id, (nudged.get(id) ?? 0) + 1);
        const a = await traffic.call(hub, 'POST', `/v1/stores/${id}/sync`, {});
        if (a.kind === 'answer' && a.status === 202) orphanNudges++;
      }
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return { settled: false, ms: performance.now() - t0, last, orphanNudges, lateReconnects };
}
