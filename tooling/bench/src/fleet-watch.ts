/**
 * Sees each store reach what the bench expects the moment it does: the simulators run in this process, and
 * after every platform request a tenant answered, the watch checks that tenant's outstanding expectations
 * against the shop's state (no polling of 10 000 shops). It also counts platform requests, for the quiet wait.
 */
import type { Fleet, FleetShop, FleetStore } from './scenario-fleet';
import type { TargetStock } from './plugin-types';

/** Out of stock may show as `out_of_stock` or as quantity 0, depending on the platform. */
export function showsTarget(shown: TargetStock | 'deleted' | undefined, want: TargetStock): boolean {
  if (!shown || shown === 'deleted') return false;
  if (want.kind === 'out_of_stock') return shown.kind === 'out_of_stock' || (shown.kind === 'quantity' && shown.quantity === 0);
  if (want.kind === 'quantity') return shown.kind === 'quantity' && shown.quantity === want.quantity;
  return shown.kind === want.kind;
}

interface Expectation {
  shop: FleetShop;
  items: { k: number; target: TargetStock }[];
  since: number;
  onDone(ms: number): void;
}

export class FleetWatch {
  private readonly open = new Map<string, Set<Expectation>>();
  private answered = 0;
  private readonly stops: (() => void)[] = [];

  constructor(private readonly fleet: Fleet) {
    for (const [platform, sim] of fleet.sims) {
      this.stops.push(
        sim.onAnswered((tenant) => {
          this.answered++;
          const set = this.open.get(`${platform}/${tenant}`);
          if (set) for (const e of set) this.check(e, set);
        }),
      );
    }
  }

  /** Platform requests answered so far, over every simulator. */
  get requestsAnswered(): number {
    return this.answered;
  }

  private check(e: Expectation, set: Set<Expectation>): void {
    for (const it of e.items) if (!showsTarget(e.shop.shop.stock(e.shop.refs[it.k]), it.target)) return;
    set.delete(e);
    e.onDone(performance.now() - e.since);
  }

  /** Calls onDone(ms since `since`) once the shop shows every item; checked at once and after each of its requests. */
  expect(shop: FleetShop, items: { k: number; target: TargetStock }[], since: number, onDone: (ms: number) => void): () => void {
    const key = `${shop.platform}/${shop.tenant}`;
    const set = this.open.get(key) ?? new Set<Expectation>();
    this.open.set(key, set);
    const e: Expectation = { shop, items, since, onDone };
    set.add(e);
    this.check(e, set);
    return () => void set.delete(e);
  }

  /**
   * Waits until every store shows `target(store, k)` for all its variants; ms per store id from `since`.
   * Gives up after timeoutMs and returns what it saw (the stores not reached are missing from the map).
   */
  async untilStoresShow(
    stores: readonly FleetStore[],
    target: (store: FleetStore, k: number) => TargetStock,
    since: number,
    timeoutMs: number,
  ): Promise<Map<string, number>> {
    const seen = new Map<string, number>();
    const cancels: (() => void)[] = [];
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const finish = () => {
        if (seen.size === stores.length) {
          clearTimeout(timer);
          resolve();
        }
      };
      for (const store of stores) {
        cancels.push(
          this.expect(
            store,
            store.refs.map((_, k) => ({ k, target: target(store, k) })),
            since,
            (ms) => {
              seen.set(store.id, ms);
              finish();
            },
          ),
        );
      }
      finish();
    });
    for (const c of cancels) c();
    return seen;
  }

  /** Waits until no platform request was answered for quietMs (at most maxMs). */
  async quiet(quietMs = 1_500, maxMs = 60_000): Promise<void> {
    const deadline = Date.now() + maxMs;
    let last = this.answered;
    let since = Date.now();
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      if (this.answered !== last) {
        last = this.answered;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) return;
    }
  }

  close(): void {
    for (const s of this.stops) s();
    this.open.clear();
  }
}

/** Platform calls and HTTP 429s of these shops since their last reset, per platform. */
export function callsOf(shops: readonly FleetShop[]): Map<string, { calls: number; http429: number; shops: number }> {
  const out = new Map<string, { calls: number; http429: number; shops: number }>();
  for (const s of shops) {
    const sum = out.get(s.platform) ?? { calls: 0, http429: 0, shops: 0 };
    const reqs = s.shop.requests;
    let t = 0;
    for (const r of reqs) if (r.status === 429) t++;
    out.set(s.platform, { calls: sum.calls + reqs.length, http429: sum.http429 + t, shops: sum.shops + 1 });
  }
  return out;
}

/**
 * Notices the shops have sent and not yet had answered. Each platform's simulator keeps its deliveries in a
 * `NoticeOutbox` at `state.outbox` (what the testkit's notice harness also relies on); a shop without one sends none.
 */
export function noticesPending(shops: readonly FleetShop[]): number {
  let n = 0;
  for (const s of shops) n += (s.shop.state as { outbox?: { pending?: number } } | undefined)?.outbox?.pending ?? 0;
  return n;
}

/**
 * Waits until every notice the shops have sent was answered (at most maxMs); the ms waited and what is still
 * pending. A platform echoes each write as a notice after the write answered (WooCommerce one delivery at a time
 * per shop), so the last notices of a change arrive after its last store showed it: a change measured while
 * they still come would share the hub with them.
 */
export async function untilNoticesDelivered(shops: readonly FleetShop[], maxMs = 600_000): Promise<{ waitedMs: number; pending: number }> {
  const start = Date.now();
  let pending = noticesPending(shops);
  while (pending > 0 && Date.now() - start < maxMs) {
    await new Promise((r) => setTimeout(r, 250));
    pending = noticesPending(shops);
  }
  return { waitedMs: Date.now() - start, pending };
}

export function resetCalls(shops: readonly FleetShop[]): void {
  for (const s of shops) s.shop.resetRequests();
}
