// The three examples from the company's help page on product stock sync (PRODUCT.md rule 4), run against the
// bundled reference data so a change to the shipped regions that breaks them fails here.
import { computeDesiredStock, findSellingRegion, loadReferenceData, OUT_OF_STOCK, UNLIMITED } from '../src';

const data = loadReferenceData();
const facilitiesOf = (code: string) => {
  const region = findSellingRegion(data, code);
  if (!region) throw new Error(`region ${code} missing from the bundled data`);
  return region.facilities;
};

describe('help-page examples', () => {
  it('North America: out of stock in the US, Canada and Mexico → out of stock in the store', () => {
    const desired = computeDesiredStock({
      fulfillment: 'pod',
      regionFacilities: facilitiesOf('north_america'),
      observations: [
        { facility: 'US-NC', status: 'out_of_stock' },
        { facility: 'US-TX', status: 'out_of_stock' },
        { facility: 'CA', status: 'out_of_stock' },
        { facility: 'MX', status: 'out_of_stock' },
        // Europe still has it: irrelevant for a North America store.
        { facility: 'LV', status: 'in_stock' },
        { facility: 'ES', status: 'in_stock' },
      ],
      lastKnown: UNLIMITED,
    });
    expect(desired).toEqual({ basis: 'computed', stock: OUT_OF_STOCK });
  });

  it('North America: out of stock only in Europe → nothing changes', () => {
    const desired = computeDesiredStock({
      fulfillment: 'pod',
      regionFacilities: facilitiesOf('north_america'),
      observations: [
        { facility: 'US-NC', status: 'in_stock' },
        { facility: 'US-TX', status: 'stocked_on_demand' },
        { facility: 'CA', status: 'in_stock' },
        { facility: 'MX', status: 'in_stock' },
        { facility: 'LV', status: 'out_of_stock' },
        { facility: 'ES', status: 'out_of_stock' },
      ],
      lastKnown: UNLIMITED,
    });
    expect(desired).toEqual({ basis: 'computed', stock: UNLIMITED });
  });

  it('Worldwide: stays available while Latvia or Spain still has it', () => {
    const everywhereElseOut = ['US-NC', 'US-TX', 'MX', 'CA', 'UK', 'AU', 'JP', 'BR'].map((facility) => ({
      facility,
      status: 'out_of_stock',
    }));
    const worldwide = facilitiesOf('worldwide');
    for (const stillHasIt of ['LV', 'ES']) {
      const other = stillHasIt === 'LV' ? 'ES' : 'LV';
      const desired = computeDesiredStock({
        fulfillment: 'pod',
        regionFacilities: worldwide,
        observations: [...everywhereElseOut, { facility: stillHasIt, status: 'in_stock' }, { facility: other, status: 'out_of_stock' }],
        lastKnown: UNLIMITED,
      });
      expect(desired).toEqual({ basis: 'computed', stock: UNLIMITED });
    }
    // …and goes out of stock once neither has it.
    const gone = computeDesiredStock({
      fulfillment: 'pod',
      regionFacilities: worldwide,
      observations: [...everywhereElseOut, { facility: 'LV', status: 'out_of_stock' }, { facility: 'ES', status: 'discontinued' }],
      lastKnown: UNLIMITED,
    });
    expect(gone).toEqual({ basis: 'computed', stock: OUT_OF_STOCK });
  });
});
