// Domain rules that only an exact test pins: separators in facility statuses, every line of the ISO
// country list, the reasons given when a region cannot decide, and how reference-data problems read.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  computeDesiredStock,
  isIsoCountryCode,
  loadReferenceData,
  normalizePodStatus,
  ReferenceDataError,
  SELLING_REGION_CODES,
  validateReferenceData,
} from '../src';

describe('status normalisation', () => {
  it('reads a run of spaces and hyphens as one separator', () => {
    expect(normalizePodStatus('in  stock')).toBe('fulfillable');
    expect(normalizePodStatus('out--of--stock')).toBe('out_of_stock');
    expect(normalizePodStatus('stocked - on - demand')).toBe('fulfillable');
    expect(normalizePodStatus('out \t of\nstock')).toBe('out_of_stock');
  });
  it('does not merge underscores: a doubled underscore is not a known status', () => {
    expect(normalizePodStatus('in__stock')).toBe('unknown');
  });
});

describe('ISO 3166-1 alpha-2 codes', () => {
  it('knows the first and last code of every line of the list', () => {
    for (const code of ['AD', 'BZ', 'CA', 'FO', 'FR', 'JE', 'JM', 'MO', 'MP', 'PW', 'PY', 'TM', 'TN', 'ZW'])
      expect([code, isIsoCountryCode(code)]).toEqual([code, true]);
  });
  it('refuses aliases, lower case and anything else', () => {
    for (const v of ['UK', 'gb', 'EU', 'XX', '', 'GBR', 44, null]) expect(isIsoCountryCode(v)).toBe(false);
  });
});

describe('when a region cannot decide', () => {
  const region = ['US-TX', 'US-NC', 'MX'];
  it('names the POD facilities whose status is unknown, sorted', () => {
    const r = computeDesiredStock({
      fulfillment: 'pod',
      regionFacilities: region,
      observations: [
        { facility: 'US-TX', status: 'mystery' },
        { facility: 'US-NC', status: null },
        { facility: 'MX', status: 'out_of_stock' },
      ],
      lastKnown: { kind: 'unlimited' },
    });
    expect(r).toEqual({
      basis: 'last_known',
      stock: { kind: 'unlimited' },
      reason: 'status unknown at US-NC, US-TX and no other facility of the region reports the variant fulfillable',
    });
  });

  it('names the warehouses whose quantity is unknown, sorted, when the others hold none', () => {
    const r = computeDesiredStock({
      fulfillment: 'warehouse',
      regionFacilities: region,
      observations: [
        { facility: 'US-TX', quantity: -1 },
        { facility: 'MX', quantity: 0 },
        { facility: 'US-NC', quantity: null },
      ],
    });
    expect(r).toEqual({
      basis: 'unknown',
      stock: null,
      reason: 'quantity unknown at US-NC, US-TX and the other facilities of the region hold none; nothing known before',
    });
  });
});

describe('reference data problems', () => {
  it('read as one message listing each problem, naming the file when there is one', () => {
    expect(new ReferenceDataError(['x']).name).toBe('ReferenceDataError');
    expect(new ReferenceDataError(['a is wrong', 'b is missing'], 'data/x.json').message).toBe(
      'invalid reference data in data/x.json: 2 problem(s)\n  - a is wrong\n  - b is missing',
    );
    expect(new ReferenceDataError(['a is wrong']).message).toBe('invalid reference data: 1 problem(s)\n  - a is wrong');
  });

  it('name a selling region that is not an object, and a region code that is not known (listing the known ones)', () => {
    const facilities = [{ code: 'ES', name: 'Barcelona', country: 'ES', partner: false }];
    const regions = SELLING_REGION_CODES.map((code) => ({ code, name: code, facilities: ['ES'] }));
    let problems: readonly string[] = [];
    try {
      validateReferenceData({ facilities, sellingRegions: [...regions, 'spain', { code: 'mars', name: 'Mars', facilities: ['ES'] }] });
    } catch (e) {
      problems = (e as ReferenceDataError).problems;
    }
    expect(problems).toEqual([
      `sellingRegions[${regions.length}] must be an object`,
      `sellingRegions[${regions.length + 1}].code "mars" is not a known selling region (one of ${SELLING_REGION_CODES.join(', ')})`,
    ]);
  });

  it('name the error code of a file that cannot be read', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'refdata-')), 'missing.json');
    try {
      loadReferenceData(missing);
      throw new Error('expected a ReferenceDataError');
    } catch (e) {
      expect(e).toBeInstanceOf(ReferenceDataError);
      expect((e as ReferenceDataError).problems).toEqual(['cannot read the file: ENOENT']);
    }
  });
});
