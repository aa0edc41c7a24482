import { computeDesiredStock, DesiredStockInput, findSellingRegion, loadReferenceData, quantity, UNLIMITED } from '../src';

const data = loadReferenceData();
const regionFacilities = (code: string) => findSellingRegion(data, code)!.facilities;
const warehouse = (region: string, observations: DesiredStockInput['observations'], lastKnown?: DesiredStockInput['lastKnown']) =>
  computeDesiredStock({ fulfillment: 'warehouse', regionFacilities: regionFacilities(region), observations, lastKnown });

// Charlotte 5, Dallas 7, Riga 11, Barcelona 13, Birmingham 17: distinct primes so every sum names its parts.
const stock = [
  { facility: 'US-NC', quantity: 5 },
  { facility: 'US-TX', quantity: 7 },
  { facility: 'LV', quantity: 11 },
  { facility: 'ES', quantity: 13 },
  { facility: 'UK', quantity: 17 },
];

describe('warehouse availability', () => {
  it.each([
    ['north_america', 12],
    ['europe', 24],
    ['latvia', 11],
    ['spain', 13],
    ['uk', 17],
    ['english_speaking_regions', 29],
    ['worldwide', 53],
  ])('sums the quantities of the facilities in %s → %i', (region, sum) => {
    expect(warehouse(region, stock)).toEqual({ basis: 'computed', stock: quantity(sum) });
  });

  it('a region whose facilities do not stock the item has no information (keeps the last known state)', () => {
    expect(warehouse('canada', stock, quantity(3))).toMatchObject({ basis: 'last_known', stock: quantity(3) });
    expect(warehouse('japan', stock)).toMatchObject({ basis: 'unknown', stock: null });
  });

  it('zero everywhere in the region is quantity 0 (out of stock), written as a quantity', () => {
    expect(
      warehouse(
        'europe',
        [
          { facility: 'LV', quantity: 0 },
          { facility: 'ES', quantity: 0 },
          { facility: 'US-NC', quantity: 40 },
        ],
        quantity(9),
      ),
    ).toEqual({
      basis: 'computed',
      stock: quantity(0),
    });
  });

  it('a facility that does not stock the item (no observation) adds nothing: the only stocking facility at 0 → 0', () => {
    expect(warehouse('north_america', [{ facility: 'US-NC', quantity: 0 }], quantity(2))).toEqual({
      basis: 'computed',
      stock: quantity(0),
    });
  });

  describe('partially unknown', () => {
    it('sums the known quantities: never inflated by the unknown ones', () => {
      expect(
        warehouse(
          'north_america',
          [
            { facility: 'US-NC', quantity: 5 },
            { facility: 'US-TX', quantity: null },
          ],
          quantity(100),
        ),
      ).toEqual({
        basis: 'computed',
        stock: quantity(5),
      });
    });

    it('keeps the last known state when the known ones hold nothing (an unknown one might)', () => {
      const desired = warehouse('north_america', [{ facility: 'US-NC', quantity: 0 }, { facility: 'US-TX' }], quantity(4));
      expect(desired).toMatchObject({ basis: 'last_known', stock: quantity(4) });
      expect(desired.basis === 'last_known' && desired.reason).toMatch(/US-TX/);
    });

    it('is unknown when the known ones hold nothing and nothing was known before', () => {
      expect(
        warehouse('north_america', [
          { facility: 'US-NC', quantity: 0 },
          { facility: 'US-TX', quantity: null },
        ]),
      ).toMatchObject({
        basis: 'unknown',
        stock: null,
      });
    });
  });

  it('all quantities unknown → keep last known', () => {
    expect(warehouse('europe', [{ facility: 'LV' }, { facility: 'ES', quantity: null }], quantity(8))).toMatchObject({
      basis: 'last_known',
      stock: quantity(8),
    });
  });

  it.each([-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])(
    'treats the malformed quantity %p as unknown, never as stock',
    (bad) => {
      expect(warehouse('europe', [{ facility: 'LV', quantity: bad }], quantity(1))).toMatchObject({
        basis: 'last_known',
        stock: quantity(1),
      });
      expect(
        warehouse('europe', [
          { facility: 'LV', quantity: bad },
          { facility: 'ES', quantity: 3 },
        ]),
      ).toEqual({ basis: 'computed', stock: quantity(3) });
    },
  );

  it('ignores POD statuses on warehouse observations: quantity is what counts', () => {
    expect(warehouse('europe', [{ facility: 'LV', status: 'out_of_stock', quantity: 6 }])).toEqual({
      basis: 'computed',
      stock: quantity(6),
    });
    expect(warehouse('europe', [{ facility: 'LV', status: 'in_stock' }], quantity(0))).toMatchObject({
      basis: 'last_known',
      stock: quantity(0),
    });
  });

  it('keeps a last known state of another kind as it is', () => {
    expect(warehouse('europe', [], UNLIMITED)).toMatchObject({ basis: 'last_known', stock: UNLIMITED });
  });

  it('treats disagreeing duplicate observations of one facility as unknown', () => {
    expect(
      warehouse('europe', [
        { facility: 'LV', quantity: 4 },
        { facility: 'LV', quantity: 9 },
        { facility: 'ES', quantity: 2 },
      ]),
    ).toEqual({
      basis: 'computed',
      stock: quantity(2),
    });
    expect(
      warehouse('europe', [
        { facility: 'LV', quantity: 4 },
        { facility: 'LV', quantity: 4 },
      ]),
    ).toEqual({ basis: 'computed', stock: quantity(4) });
  });
});
