/**
 * Every facility observation the drill sent, with what the hub answered: acknowledged (202), unknown (the
 * connection broke — the hub may or may not have committed it) or refused (any other answer: nothing may be
 * stored). At the end the stored rows are held to it: each (variant, facility) must hold its newest
 * acknowledged observation or a newer one the drill really sent (newest wins), never an older one.
 */
export interface SentObservation {
  variantId: number;
  facility: string;
  /** observedAt in epoch ms; unique per (variant, facility) — see uniqueTime — so "newest" is never a tie. */
  at: number;
  /** POD observations carry a status, warehouse ones a quantity. */
  status?: string;
  quantity?: number;
}

export type Outcome = 'acknowledged' | 'unknown' | 'refused';

/** A row as the hub returns it (GET /v1/catalog/variants/:id/stock). */
export interface StoredObservation {
  variantId: number;
  facility: string;
  observedAt: string;
  status: string | null;
  quantity: number | null;
}

export interface ObservationProblem {
  /** lost: an acknowledged observation is not what is stored (nothing, or an older one);
   *  wrong_value: the stored time is one the drill sent, with another value;
   *  not_sent: a stored observation the drill never sent at that time;
   *  refused_but_stored: an observation of a refused batch was stored (batches are all or nothing). */
  kind: 'lost' | 'wrong_value' | 'not_sent' | 'refused_but_stored';
  variantId: number;
  facility: string;
  detail: string;
}

const key = (variantId: number, facility: string) => `${variantId}|${facility}`;
const iso = (ms: number) => new Date(ms).toISOString();
const describe = (o: { status?: string | null; quantity?: number | null }) =>
  o.status != null ? `status ${o.status}` : `quantity ${o.quantity ?? 'null'}`;

export class ObservationLedger {
  private readonly sent = new Map<string, { obs: SentObservation; outcome: Outcome }[]>();
  private readonly usedTimes = new Map<string, Set<number>>();
  private readonly counts: Record<Outcome, number> = { acknowledged: 0, unknown: 0, refused: 0 };

  /** `proposedMs`, moved 1 ms later until no other observation of this (variant, facility) has it. */
  uniqueTime(variantId: number, facility: string, proposedMs: number): number {
    const k = key(variantId, facility);
    let used = this.usedTimes.get(k);
    if (!used) this.usedTimes.set(k, (used = new Set()));
    let t = Math.floor(proposedMs);
    while (used.has(t)) t++;
    used.add(t);
    return t;
  }

  record(batch: readonly SentObservation[], outcome: Outcome): void {
    for (const obs of batch) {
      const k = key(obs.variantId, obs.facility);
      const list = this.sent.get(k) ?? [];
      list.push({ obs, outcome });
      this.sent.set(k, list);
      this.counts[outcome]++;
    }
  }

  figures(): Record<Outcome, number> & { keys: number } {
    return { ...this.counts, keys: this.sent.size };
  }

  /** The variants the drill sent anything for. */
  variantIds(): number[] {
    return [...new Set([...this.sent.values()].map((l) => l[0].obs.variantId))].sort((a, b) => a - b);
  }

  /** Holds the stored rows (of every variant in variantIds()) to the ledger. */
  verify(stored: readonly StoredObservation[]): { checked: number; problems: ObservationProblem[] } {
    const problems: ObservationProblem[] = [];
    const storedByKey = new Map(stored.map((s) => [key(s.variantId, s.facility), s]));
    for (const [k, list] of this.sent) {
      const { variantId, facility } = list[0].obs;
      const row = storedByKey.get(k);
      const acked = list.filter((e) => e.outcome === 'acknowledged').map((e) => e.obs);
      const newest = acked.reduce<SentObservation | undefined>((a, b) => (!a || b.at > a.at ? b : a), undefined);
      if (!row) {
        if (newest)
          problems.push({
            kind: 'lost',
            variantId,
            facility,
            detail: `acknowledged ${describe(newest)} at ${iso(newest.at)}, nothing stored`,
          });
        continue;
      }
      const storedAt = Date.parse(row.observedAt);
      if (newest && storedAt < newest.at) {
        problems.push({
          kind: 'lost',
          variantId,
          facility,
          detail: `stored ${describe(row)} at ${row.observedAt}, older than the acknowledged ${describe(newest)} at ${iso(newest.at)}`,
        });
        continue;
      }
      const match = list.find((e) => e.obs.at === storedAt);
      if (!match)
        problems.push({
          kind: 'not_sent',
          variantId,
          facility,
          detail: `stored ${describe(row)} at ${row.observedAt}: no observation was sent at that time`,
        });
      else if (match.outcome === 'refused')
        problems.push({
          kind: 'refused_but_stored',
          variantId,
          facility,
          detail: `stored ${describe(row)} at ${row.observedAt} from a refused batch`,
        });
      else if (!sameValue(match.obs, row))
        problems.push({
          kind: 'wrong_value',
          variantId,
          facility,
          detail: `stored ${describe(row)} at ${row.observedAt}, sent ${describe(match.obs)}`,
        });
    }
    for (const [k, row] of storedByKey) {
      if (!this.sent.has(k))
        problems.push({
          kind: 'not_sent',
          variantId: row.variantId,
          facility: row.facility,
          detail: `stored ${describe(row)} at ${row.observedAt}: the drill sent nothing for it`,
        });
    }
    return { checked: this.sent.size, problems };
  }
}

function sameValue(sent: SentObservation, row: StoredObservation): boolean {
  return sent.status !== undefined ? row.status === sent.status : row.quantity === sent.quantity;
}
