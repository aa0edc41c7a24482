/**
 * Platform faults through the simulators' POST /__sim/faults (packages/plugin-testkit: rate-limit storms,
 * server errors, delays, revoked credentials). A revoked store is restored a few seconds later the way an
 * operator would: the platform accepts the credentials again, and a PATCH of the store's credentials brings
 * it back from `needs_reconnect`.
 */
import { json } from '@stock-sync/bench';
import type { DrillStore } from './fleet';
import type { HubPair } from './hub-pair';
import type { HubTraffic } from './hub-traffic';
import { FAULT_KINDS, faultBody, shuffled, type FaultKind } from './fault-plan';
import type { Rng } from './rng';

export class FaultInjector {
  readonly injected = new Map<FaultKind, number>();
  readonly revoked = new Set<string>();
  reconnects = 0;
  private readonly restorations: Promise<void>[] = [];
  private readonly restoreErrors: Error[] = [];

  constructor(
    private readonly stores: readonly DrillStore[],
    private readonly hubs: HubPair,
    private readonly traffic: HubTraffic,
  ) {}

  total(): number {
    return [...this.injected.values()].reduce((a, b) => a + b, 0);
  }

  private cycle: FaultKind[] = [];

  /**
   * One fault on one random store; the kinds come in shuffled rounds of all five, so even a short drill sees
   * each. A revoked store is restored after 3-8 s.
   */
  async injectOne(rng: Rng): Promise<void> {
    const store = rng.pick(this.stores);
    if (this.cycle.length === 0) this.cycle = shuffled(FAULT_KINDS, rng);
    let kind = this.cycle.shift()!;
    if (kind === 'revoked_credentials' && this.revoked.has(store.id)) kind = 'rate_limit_storm';
    await json(`${store.simUrl}/__sim/faults`, { method: 'POST', body: faultBody(kind, rng) });
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
    if (kind === 'revoked_credentials') {
      this.revoked.add(store.id);
      const after = rng.int(3_000, 8_000);
      this.restorations.push(
        new Promise((r) => setTimeout(r, after)).then(() => this.restore(store)).catch((e: Error) => void this.restoreErrors.push(e)),
      );
    }
  }

  /** The platform accepts the store's credentials again, and the store is reconnected. */
  async restore(store: DrillStore): Promise<void> {
    await json(`${store.simUrl}/__sim/faults`, { method: 'POST', body: { revoke: false } });
    this.revoked.delete(store.id);
    await this.reconnect(store);
  }

  /** PATCH of the store's credentials through a hub that is up (a few tries: one may be restarting). */
  async reconnect(store: DrillStore): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const hub = this.hubs.up()[attempt % 2] ?? this.hubs.up()[0];
      if (hub) {
        const a = await this.traffic.call(hub, 'PATCH', `/v1/stores/${store.id}`, { credentials: store.credentials });
        if (a.kind === 'answer' && a.status === 200) {
          this.reconnects++;
          return;
        }
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`could not reconnect store ${store.label} within 20 tries`);
  }

  /** Every fault cleared on every shop (revocations included), after the scheduled restorations ran. */
  async clearAll(): Promise<void> {
    await Promise.all(this.restorations);
    if (this.restoreErrors.length) throw this.restoreErrors[0];
    await Promise.all(
      [...new Set(this.stores.map((s) => s.simUrl))].map((u) => json(`${u}/__sim/faults`, { method: 'POST', body: { clear: true } })),
    );
    this.revoked.clear();
  }
}
