/**
 * The steps the demo plays: the initial facility stock, the help page's three examples, warehouse
 * quantity changes, and an out-of-order report. Each step is facility reports plus what it illustrates;
 * what each store should then show is computed, not written here (facility-model.ts).
 */
import { CATALOG, POD_FACILITIES, WAREHOUSE_START } from './demo-catalog';
import type { FacilityUpdate } from './facility-model';

export interface ScenarioStep {
  title: string;
  /** One or two lines: what happens and what the rule says should follow. */
  story: string[];
  /**
   * The reports, observed at `now` (the moment the step is played: the hub refuses observation times in
   * its future, and newest-wins needs real order). A late report backdates itself.
   */
  updates(now: Date): FacilityUpdate[];
}

type Status = NonNullable<FacilityUpdate['status']>;

export function buildScenario(): ScenarioStep[] {
  const iso = (d: Date) => d.toISOString();
  const pod =
    (variantId: number, facilities: readonly string[], status: Status) =>
    (now: Date): FacilityUpdate[] =>
      facilities.map((facility) => ({ variantId, facility, status, observedAt: iso(now) }));
  const qty =
    (variantId: number, byFacility: Readonly<Record<string, number>>) =>
    (now: Date): FacilityUpdate[] =>
      Object.entries(byFacility).map(([facility, quantity]) => ({ variantId, facility, quantity, observedAt: iso(now) }));
  const both =
    (...parts: ((now: Date) => FacilityUpdate[])[]) =>
    (now: Date) =>
      parts.flatMap((p) => p(now));
  const step = (s: Omit<ScenarioStep, 'updates'>, updates: (now: Date) => FacilityUpdate[]): ScenarioStep => ({ ...s, updates });

  const podIds = CATALOG.filter((c) => c.fulfillment === 'pod').map((c) => c.id);
  return [
    step(
      {
        title: 'Initial facility stock',
        story: [
          'Every facility reports its stock: POD variants in stock everywhere, warehouse quantities counted.',
          'Every synced variant of every store comes into stock; ignored and not-synced variants stay as they are.',
        ],
      },
      both(
        ...podIds.map((id) => pod(id, POD_FACILITIES, 'in_stock')),
        ...Object.entries(WAREHOUSE_START).map(([id, q]) => qty(Number(id), q)),
      ),
    ),
    step(
      {
        title: 'Help page example 1: North America',
        story: [
          'Classic T-shirt / S goes out of stock in the US (US-NC, US-TX), Canada and Mexico.',
          'North America stores mark it out of stock; Europe and Worldwide stores still sell it.',
        ],
      },
      pod(101, ['US-NC', 'US-TX', 'CA', 'MX'], 'out_of_stock'),
    ),
    step(
      {
        title: 'Help page example 2: out of stock only in Europe',
        story: [
          'Classic T-shirt / M goes out of stock in Riga (LV) and Barcelona (ES).',
          'North America stores do not change; Europe-only stores mark it out of stock.',
        ],
      },
      pod(102, ['LV', 'ES'], 'out_of_stock'),
    ),
    step(
      {
        title: 'Help page example 3: Worldwide stays available while Latvia or Spain has it',
        story: [
          'Poster A3 goes out of stock everywhere except Riga (LV) and Barcelona (ES).',
          'Worldwide and Europe stores keep selling it; North America and UK stores stop.',
        ],
      },
      pod(103, ['US-NC', 'US-TX', 'MX', 'CA', 'UK'], 'out_of_stock'),
    ),
    step(
      {
        title: 'Help page example 3, continued: only Barcelona has the poster',
        story: [
          'Riga (LV) runs out of Poster A3 too.',
          'Barcelona still has it, so Worldwide and Europe stores still sell it: nothing is written anywhere except Latvia stores.',
        ],
      },
      pod(103, ['LV'], 'out_of_stock'),
    ),
    step(
      {
        title: 'Help page example 3, end: the last facility runs out',
        story: ['Barcelona (ES) runs out of Poster A3.', 'No facility has it any more: Worldwide and Europe stores mark it out of stock.'],
      },
      pod(103, ['ES'], 'discontinued'),
    ),
    step(
      {
        title: 'Warehouse quantities change',
        story: [
          'Mugs are sold in Dallas (US-TX 25 → 5) and Riga (LV 15 → 0); stickers restocked in Charlotte (120 → 200).',
          "Each store shows the sum over its own region's facilities.",
        ],
      },
      both(qty(201, { 'US-TX': 5, LV: 0 }), qty(202, { 'US-NC': 200 })),
    ),
    step(
      {
        title: 'A warehouse variant sells out in a region',
        story: ['The last 5 mugs in Barcelona (ES) are sold.', 'Europe stores show 0 (sold out); other regions keep their counts.'],
      },
      qty(201, { ES: 0 }),
    ),
    step(
      {
        title: 'Back in stock',
        story: ['Dallas (US-TX) prints Classic T-shirt / S again.', 'North America stores sell it again.'],
      },
      pod(101, ['US-TX'], 'in_stock'),
    ),
    step(
      {
        title: 'A late, older report arrives',
        story: [
          'A report observed an hour ago says Dallas is out of the T-shirt / S.',
          'It is older than what the hub knows, so it is counted as stale and changes nothing.',
        ],
      },
      (now) => pod(101, ['US-TX'], 'out_of_stock')(new Date(now.getTime() - 60 * 60_000)),
    ),
  ];
}
