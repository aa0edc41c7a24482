import { computeDesiredStock, DesiredStockInput, OUT_OF_STOCK, quantity, UNLIMITED } from '../src';

const NA = ['US-NC', 'US-TX', 'MX', 'CA'];
const pod = (observations: DesiredStockInput['observations'], lastKnown?: DesiredStockInput['lastKnown']) =>
  computeDesiredStock({ fulfillment: 'pod', regionFacilities: NA, observations, lastKnown });

describe('POD availability', () => {
  it('is unlimited when a single facility of the region reports in_stock, whatever the others say', () => {
    expect(
      pod([
        { facility: 'US-NC', status: 'out_of_stock' },
        { facility: 'US-TX', status: 'discontinued' },
        { facility: 'MX', status: 'no-idea' },
        { facility: 'CA', status: 'in_stock' },
      ]),
    ).toEqual({ basis: 'computed', stock: UNLIMITED });
  });

  it('counts stocked_on_demand as fulfillable', () => {
    expect(
      pod(
        [
          { facility: 'MX', status: 'stocked_on_demand' },
          { facility: 'CA', status: 'out_of_stock' },
        ],
        OUT_OF_STOCK,
      ),
    ).toEqual({
      basis: 'computed',
      stock: UNLIMITED,
    });
  });

  it('only counts facilities that offer the variant: one offering facility out of stock → out of stock', () => {
    // US-TX, MX and CA have no observation: they do not make this variant, so they cannot keep it available.
    expect(pod([{ facility: 'US-NC', status: 'out_of_stock' }], UNLIMITED)).toEqual({ basis: 'computed', stock: OUT_OF_STOCK });
  });

  describe('discontinued', () => {
    it('counts as not fulfillable alongside out_of_stock', () => {
      expect(
        pod([
          { facility: 'US-NC', status: 'discontinued' },
          { facility: 'US-TX', status: 'out_of_stock' },
        ]),
      ).toEqual({ basis: 'computed', stock: OUT_OF_STOCK });
    });

    it('everywhere in the region → out of stock, even with nothing known before', () => {
      expect(pod(NA.map((facility) => ({ facility, status: 'discontinued' })))).toEqual({ basis: 'computed', stock: OUT_OF_STOCK });
    });

    it('at one facility does not stop another facility of the region from keeping it available', () => {
      expect(
        pod([
          { facility: 'US-NC', status: 'discontinued' },
          { facility: 'MX', status: 'in_stock' },
        ]),
      ).toEqual({ basis: 'computed', stock: UNLIMITED });
    });
  });

  describe('unknown statuses never flip to out of stock', () => {
    it('keeps the last known state when one facility is unknown and the rest are out', () => {
      const desired = pod(
        [
          { facility: 'US-NC', status: 'out_of_stock' },
          { facility: 'US-TX', status: 'supplier_out_of_stock' },
          { facility: 'CA', status: 'out_of_stock' },
        ],
        UNLIMITED,
      );
      expect(desired).toMatchObject({ basis: 'last_known', stock: UNLIMITED });
      expect(desired.basis === 'last_known' && desired.reason).toMatch(/US-TX/);
    });

    it('keeps the last known out-of-stock state too (unknown does not flip back in either)', () => {
      expect(pod([{ facility: 'US-NC', status: 'weird' }], OUT_OF_STOCK)).toMatchObject({ basis: 'last_known', stock: OUT_OF_STOCK });
    });

    it('treats a missing or null status as unknown', () => {
      expect(
        pod([{ facility: 'US-NC' }, { facility: 'CA', status: null }, { facility: 'MX', status: 'out_of_stock' }], UNLIMITED),
      ).toMatchObject({
        basis: 'last_known',
        stock: UNLIMITED,
      });
    });

    it('writes nothing when nothing was known before', () => {
      const desired = pod(
        [
          { facility: 'US-NC', status: 'out_of_stock' },
          { facility: 'CA', status: '???' },
        ],
        null,
      );
      expect(desired.basis).toBe('unknown');
      expect(desired.stock).toBeNull();
      expect(desired.basis === 'unknown' && desired.reason).toMatch(/CA/);
    });

    it('lets a fulfillable facility decide even when others are unknown', () => {
      expect(
        pod(
          [
            { facility: 'US-NC', status: '???' },
            { facility: 'CA', status: 'in_stock' },
          ],
          OUT_OF_STOCK,
        ),
      ).toEqual({
        basis: 'computed',
        stock: UNLIMITED,
      });
    });
  });

  describe('a variant not offered in the region', () => {
    const elsewhereOnly = [
      { facility: 'LV', status: 'in_stock' },
      { facility: 'ES', status: 'out_of_stock' },
    ];

    it('keeps the last known state, naming the facilities that do offer it', () => {
      const desired = pod(elsewhereOnly, UNLIMITED);
      expect(desired).toMatchObject({ basis: 'last_known', stock: UNLIMITED });
      expect(desired.basis === 'last_known' && desired.reason).toMatch(/no facility of the selling region offers.*ES, LV/);
    });

    it('is unknown (write nothing) when there is no last known state', () => {
      expect(pod(elsewhereOnly)).toMatchObject({ basis: 'unknown', stock: null });
    });

    it('with no observation anywhere is unknown and says so', () => {
      const desired = pod([], undefined);
      expect(desired).toMatchObject({ basis: 'unknown', stock: null });
      expect(desired.basis === 'unknown' && desired.reason).toMatch(/no facility has reported/);
    });

    it('with an empty region is never out of stock', () => {
      expect(
        computeDesiredStock({
          fulfillment: 'pod',
          regionFacilities: [],
          observations: [{ facility: 'US-NC', status: 'out_of_stock' }],
          lastKnown: UNLIMITED,
        }),
      ).toMatchObject({
        basis: 'last_known',
        stock: UNLIMITED,
      });
    });
  });

  it('ignores quantities on POD observations', () => {
    expect(pod([{ facility: 'US-NC', status: 'in_stock', quantity: 0 }])).toEqual({ basis: 'computed', stock: UNLIMITED });
    expect(pod([{ facility: 'US-NC', status: 'out_of_stock', quantity: 50 }])).toEqual({ basis: 'computed', stock: OUT_OF_STOCK });
  });

  it('keeps a last known state of any kind as it is', () => {
    expect(pod([], quantity(4))).toMatchObject({ basis: 'last_known', stock: quantity(4) });
  });

  describe('several observations for one facility (the caller should pass only the newest)', () => {
    it('uses them when they agree', () => {
      expect(
        pod(
          [
            { facility: 'CA', status: 'out_of_stock' },
            { facility: 'CA', status: 'OUT_OF_STOCK' },
          ],
          UNLIMITED,
        ),
      ).toEqual({
        basis: 'computed',
        stock: OUT_OF_STOCK,
      });
    });

    it('treats the facility as unknown when they disagree, rather than guessing which is newer', () => {
      expect(
        pod(
          [
            { facility: 'CA', status: 'in_stock' },
            { facility: 'CA', status: 'out_of_stock' },
          ],
          OUT_OF_STOCK,
        ),
      ).toMatchObject({
        basis: 'last_known',
        stock: OUT_OF_STOCK,
      });
    });
  });
});
