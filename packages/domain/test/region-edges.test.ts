// The edge of every region in the bundled data file: only the region's own facilities decide, and a change
// at any one of them (or anywhere outside) has exactly the effect the rule says.
import {
  availabilityByRegion,
  computeDesiredStock,
  FacilityStockObservation,
  loadReferenceData,
  OUT_OF_STOCK,
  quantity,
  UNLIMITED,
} from '../src';

const data = loadReferenceData();
const allFacilities = data.facilities.map((f) => f.code);
const regions = data.sellingRegions.map((r) => ({
  code: r.code,
  inside: r.facilities,
  outside: allFacilities.filter((f) => !r.facilities.includes(f)),
}));
const report = (facilities: readonly string[], status: string): FacilityStockObservation[] =>
  facilities.map((facility) => ({ facility, status }));

describe.each(regions)('region $code', ({ code, inside, outside }) => {
  const pod = (observations: FacilityStockObservation[], lastKnown = OUT_OF_STOCK as typeof UNLIMITED | null) =>
    computeDesiredStock({ fulfillment: 'pod', regionFacilities: inside, observations, lastKnown });

  it.each(inside)('is unlimited when only %s of its facilities has it (everything else out)', (only) => {
    const others = allFacilities.filter((f) => f !== only);
    expect(pod([...report(others, 'out_of_stock'), { facility: only, status: 'in_stock' }])).toEqual({
      basis: 'computed',
      stock: UNLIMITED,
    });
  });

  it('is out of stock when its facilities report out, even though every facility outside has it', () => {
    expect(pod([...report(inside, 'out_of_stock'), ...report(outside, 'in_stock')], UNLIMITED)).toEqual({
      basis: 'computed',
      stock: OUT_OF_STOCK,
    });
  });

  it('is out of stock when its facilities have discontinued it', () => {
    expect(pod([...report(inside, 'discontinued'), ...report(outside, 'stocked_on_demand')], UNLIMITED)).toEqual({
      basis: 'computed',
      stock: OUT_OF_STOCK,
    });
  });

  it.each(inside)('keeps the last known state when %s is unknown and the rest are out', (unknown) => {
    const obs = [
      ...report(
        inside.filter((f) => f !== unknown),
        'out_of_stock',
      ),
      { facility: unknown, status: 'restocking?' },
    ];
    expect(pod([...obs, ...report(outside, 'in_stock')], UNLIMITED)).toMatchObject({ basis: 'last_known', stock: UNLIMITED });
  });

  it('keeps the last known state when none of its facilities offers the variant', () => {
    if (outside.length === 0) {
      expect(code).toBe('worldwide');
      expect(pod([], UNLIMITED)).toMatchObject({ basis: 'last_known', stock: UNLIMITED });
      return;
    }
    expect(pod(report(outside, 'out_of_stock'), UNLIMITED)).toMatchObject({ basis: 'last_known', stock: UNLIMITED });
    expect(pod(report(outside, 'in_stock'), OUT_OF_STOCK)).toMatchObject({ basis: 'last_known', stock: OUT_OF_STOCK });
  });

  it('sums warehouse quantities of its own facilities only', () => {
    // Facility i holds 2^i, so the sum identifies exactly which facilities were counted.
    const observations = allFacilities.map((facility, i) => ({ facility, quantity: 2 ** i }));
    const expected = inside.reduce((sum, f) => sum + 2 ** allFacilities.indexOf(f), 0);
    expect(computeDesiredStock({ fulfillment: 'warehouse', regionFacilities: inside, observations })).toEqual({
      basis: 'computed',
      stock: quantity(expected),
    });
  });

  it('is warehouse quantity 0 when its facilities hold none, whatever is stocked outside', () => {
    const observations = [
      ...inside.map((facility) => ({ facility, quantity: 0 })),
      ...outside.map((facility) => ({ facility, quantity: 99 })),
    ];
    expect(computeDesiredStock({ fulfillment: 'warehouse', regionFacilities: inside, observations, lastKnown: quantity(5) })).toEqual({
      basis: 'computed',
      stock: quantity(0),
    });
  });
});

describe('availabilityByRegion', () => {
  it('returns one entry per region, in order, with no last known state to fall back on', () => {
    const observations: FacilityStockObservation[] = [
      { facility: 'US-NC', status: 'out_of_stock' },
      { facility: 'US-TX', status: 'out_of_stock' },
      { facility: 'MX', status: 'out_of_stock' },
      { facility: 'CA', status: 'in_stock' },
      { facility: 'LV', status: 'out_of_stock' },
      { facility: 'ES', status: 'mystery' },
      { facility: 'UK', status: 'discontinued' },
    ];
    const result = availabilityByRegion('pod', data.sellingRegions, observations);
    expect(result.map((r) => r.region)).toEqual(data.sellingRegions.map((r) => r.code));
    const byRegion = Object.fromEntries(result.map((r) => [r.region, r.desired]));
    expect(byRegion.worldwide).toEqual({ basis: 'computed', stock: UNLIMITED });
    expect(byRegion.north_america).toEqual({ basis: 'computed', stock: UNLIMITED });
    expect(byRegion.canada).toEqual({ basis: 'computed', stock: UNLIMITED });
    expect(byRegion.english_speaking_regions).toEqual({ basis: 'computed', stock: UNLIMITED });
    expect(byRegion.latvia).toEqual({ basis: 'computed', stock: OUT_OF_STOCK });
    expect(byRegion.uk).toEqual({ basis: 'computed', stock: OUT_OF_STOCK });
    expect(byRegion.europe).toMatchObject({ basis: 'unknown', stock: null, reason: expect.stringMatching(/ES/) });
    expect(byRegion.spain).toMatchObject({ basis: 'unknown', stock: null });
    expect(byRegion.japan).toMatchObject({
      basis: 'unknown',
      stock: null,
      reason: expect.stringMatching(/no facility of the selling region offers/),
    });
  });

  it('computes warehouse quantities per region', () => {
    const result = availabilityByRegion('warehouse', data.sellingRegions, [
      { facility: 'US-NC', quantity: 3 },
      { facility: 'LV', quantity: 4 },
    ]);
    const byRegion = Object.fromEntries(result.map((r) => [r.region, r.desired]));
    expect(byRegion.worldwide).toEqual({ basis: 'computed', stock: quantity(7) });
    expect(byRegion.north_america).toEqual({ basis: 'computed', stock: quantity(3) });
    expect(byRegion.europe).toEqual({ basis: 'computed', stock: quantity(4) });
    expect(byRegion.brazil).toMatchObject({ basis: 'unknown' });
  });

  it('returns nothing for no regions', () => {
    expect(availabilityByRegion('pod', [], [{ facility: 'LV', status: 'in_stock' }])).toEqual([]);
  });
});
