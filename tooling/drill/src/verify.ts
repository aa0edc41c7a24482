/**
 * The drill's four checks, after the hubs settled: (a) every acknowledged observation is stored newest-wins
 * (read back through GET /v1/catalog/variants/:id/stock), (b) every synced store variant shows on its
 * simulated platform what the domain's rule decides from those observations, (c) no store had two runs at
 * once (sync_runs intervals), (d) no request was answered 5xx (counted by HubTraffic as it went).
 */
import { json } from '@stock-sync/bench';
import type { FulfillmentModel } from '@stock-sync/domain';
import type { DrillDatabase, RunFigures } from './drill-database';
import { compareStore, type SimStockRow, type WrongVariant } from './expected-state';
import type { CatalogVariant } from './catalog';
import type { DrillStore } from './fleet';
import { okBody, type HubEndpoint, type HubTraffic } from './hub-traffic';
import type { ObservationLedger, ObservationProblem, StoredObservation } from './observation-ledger';
import { findOverlaps, type Overlap } from './overlaps';

export interface Verdict {
  observationsChecked: number;
  observationProblems: ObservationProblem[];
  variantsChecked: number;
  undecided: number;
  wrongVariants: WrongVariant[];
  runs: RunFigures;
  overlaps: Overlap[];
}

export async function readStoredObservations(
  traffic: HubTraffic,
  hub: HubEndpoint,
  variantIds: readonly number[],
): Promise<StoredObservation[]> {
  const out: StoredObservation[] = [];
  for (const id of variantIds) {
    const body = okBody(
      await traffic.call<{ facilities: { facility: string; status: string | null; quantity: number | null; observedAt: string }[] }>(
        hub,
        'GET',
        `/v1/catalog/variants/${id}/stock`,
      ),
      `GET /v1/catalog/variants/${id}/stock`,
    );
    for (const f of body.facilities)
      out.push({ variantId: id, facility: f.facility, observedAt: f.observedAt, status: f.status, quantity: f.quantity });
  }
  return out;
}

export async function verify(
  traffic: HubTraffic,
  hub: HubEndpoint,
  db: DrillDatabase,
  ledger: ObservationLedger,
  catalog: readonly CatalogVariant[],
  stores: readonly DrillStore[],
): Promise<Verdict> {
  const stored = await readStoredObservations(traffic, hub, ledger.variantIds());
  const { checked, problems } = ledger.verify(stored);

  const byVariant = new Map<number, StoredObservation[]>();
  for (const s of stored) byVariant.set(s.variantId, [...(byVariant.get(s.variantId) ?? []), s]);
  const fulfillment = new Map<number, FulfillmentModel>(catalog.map((v) => [v.id, v.fulfillment]));
  let variantsChecked = 0;
  let undecided = 0;
  const wrongVariants: WrongVariant[] = [];
  for (const store of stores) {
    const { variants } = await json<{ variants: SimStockRow[] }>(`${store.simUrl}/__sim/stock`);
    const r = compareStore(store, fulfillment, byVariant, variants);
    variantsChecked += r.checked;
    undecided += r.undecided;
    if (r.wrong.length) {
      const records = await db.variantRecords(store.id);
      for (const w of r.wrong) w.hubRecord = records.get(w.externalVariantId);
    }
    wrongVariants.push(...r.wrong);
  }

  const runs = await db.runs();
  return {
    observationsChecked: checked,
    observationProblems: problems,
    variantsChecked,
    undecided,
    wrongVariants,
    runs,
    overlaps: findOverlaps(runs.intervals, Date.now()),
  };
}
