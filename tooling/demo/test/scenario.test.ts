/**
 * The scenario says what each step illustrates; the model (the domain rule over the bundled regions)
 * must agree, or the demo would narrate one thing and check another.
 */
import { loadReferenceData, type TargetStock } from '@stock-sync/domain';
import { CATALOG, FIXED_REGIONS, ROTATING_REGIONS } from '../src/demo-catalog';
import { FacilityModel } from '../src/facility-model';
import { regionsFor } from '../src/fleet';
import { buildScenario } from '../src/scenario';

const ref = loadReferenceData();
const newModel = () =>
  new FacilityModel(new Map(CATALOG.map((c) => [c.id, c.fulfillment])), new Map(ref.sellingRegions.map((r) => [r.code, r.facilities])));

/** Plays the first `n` steps, carrying each region's last expectation as the hub carries "last known". */
function after(n: number) {
  const model = newModel();
  const last = new Map<string, TargetStock | undefined>();
  const steps = buildScenario();
  let stale = 0;
  // Steps a minute apart, as a person watching the demo would see them.
  steps.slice(0, n).forEach((s, i) => (stale = model.apply(s.updates(new Date(Date.UTC(2026, 0, 1, 0, i)))).stale));
  const at = (variantId: number, region: string) => {
    const k = `${variantId}/${region}`;
    const v = model.expected(variantId, region, last.get(k) ?? null);
    last.set(k, v);
    return v;
  };
  return { at, stale };
}

const UNLIMITED = { kind: 'unlimited' };
const OUT = { kind: 'out_of_stock' };

describe('the demo scenario', () => {
  it('has the initial stock plus the help page steps, in order', () => {
    const titles = buildScenario().map((s) => s.title);
    expect(titles[0]).toBe('Initial facility stock');
    expect(titles.filter((t) => t.startsWith('Help page example'))).toHaveLength(5);
    expect(titles.length).toBeGreaterThanOrEqual(8);
  });

  it('only uses facilities and catalog variants that exist', () => {
    const facilities = new Set(ref.facilities.map((f) => f.code));
    const ids = new Set(CATALOG.map((c) => c.id));
    for (const step of buildScenario()) {
      for (const u of step.updates(new Date())) {
        expect(facilities.has(u.facility)).toBe(true);
        expect(ids.has(u.variantId)).toBe(true);
        const fulfillment = CATALOG.find((c) => c.id === u.variantId)!.fulfillment;
        expect(
          fulfillment === 'pod' ? u.status !== undefined && u.quantity === undefined : u.quantity !== undefined && u.status === undefined,
        ).toBe(true);
      }
    }
  });

  it('step 1 brings every POD variant in stock everywhere and counts warehouse stock per region', () => {
    const { at } = after(1);
    for (const region of FIXED_REGIONS) for (const id of [101, 102, 103, 104]) expect(at(id, region)).toEqual(UNLIMITED);
    expect(at(201, 'north_america')).toEqual({ kind: 'quantity', quantity: 75 });
    expect(at(201, 'europe')).toEqual({ kind: 'quantity', quantity: 20 });
    expect(at(201, 'worldwide')).toEqual({ kind: 'quantity', quantity: 103 });
    // Stickers are stocked in Charlotte and Riga only: Spain has no information, so nothing is decided there.
    expect(at(202, 'spain')).toBeUndefined();
  });

  it('example 1: out in US, CA, MX → out in north_america only', () => {
    const { at } = after(2);
    expect(at(101, 'north_america')).toEqual(OUT);
    expect(at(101, 'europe')).toEqual(UNLIMITED);
    expect(at(101, 'worldwide')).toEqual(UNLIMITED);
  });

  it('example 2: out only in Europe → north_america unchanged', () => {
    const { at } = after(3);
    expect(at(102, 'north_america')).toEqual(UNLIMITED);
    expect(at(102, 'europe')).toEqual(OUT);
    expect(at(102, 'worldwide')).toEqual(UNLIMITED);
  });

  it('example 3: worldwide stays available while LV or ES has it', () => {
    let s = after(4);
    expect(s.at(103, 'north_america')).toEqual(OUT);
    expect(s.at(103, 'worldwide')).toEqual(UNLIMITED);
    expect(s.at(103, 'europe')).toEqual(UNLIMITED);
    s = after(5);
    expect(s.at(103, 'worldwide')).toEqual(UNLIMITED);
    expect(s.at(103, 'latvia')).toEqual(OUT);
    s = after(6);
    expect(s.at(103, 'worldwide')).toEqual(OUT);
    expect(s.at(103, 'europe')).toEqual(OUT);
  });

  it('warehouse steps change the regional sums, down to a sell-out', () => {
    let s = after(7);
    expect(s.at(201, 'north_america')).toEqual({ kind: 'quantity', quantity: 55 });
    expect(s.at(201, 'europe')).toEqual({ kind: 'quantity', quantity: 5 });
    s = after(8);
    expect(s.at(201, 'europe')).toEqual({ kind: 'quantity', quantity: 0 });
  });

  it('the late report is stale and changes nothing', () => {
    const before = after(9);
    expect(before.at(101, 'north_america')).toEqual(UNLIMITED);
    const late = after(10);
    expect(late.stale).toBe(1);
    expect(late.at(101, 'north_america')).toEqual(UNLIMITED);
  });

  it('gives each platform the fixed regions plus one rotating region', () => {
    const all = new Set([...FIXED_REGIONS, ...ROTATING_REGIONS]);
    expect(regionsFor(0, all)).toEqual(['north_america', 'europe', 'worldwide', ROTATING_REGIONS[0]]);
    expect(regionsFor(1, all)[3]).toBe(ROTATING_REGIONS[1]);
    expect(regionsFor(0, new Set(['europe']))).toEqual(['europe']);
  });
});
