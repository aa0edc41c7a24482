import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_REFERENCE_DATA_PATH,
  findSellingRegion,
  loadReferenceData,
  ReferenceDataError,
  SELLING_REGION_CODES,
  validateReferenceData,
} from '../src';

const bundled = () => JSON.parse(readFileSync(DEFAULT_REFERENCE_DATA_PATH, 'utf8'));

/** The problems validateReferenceData reports for `doc`; fails the test if it accepts it. */
function problemsOf(doc: unknown): readonly string[] {
  try {
    validateReferenceData(doc);
  } catch (err) {
    expect(err).toBeInstanceOf(ReferenceDataError);
    return (err as ReferenceDataError).problems;
  }
  throw new Error('expected the document to be rejected');
}

describe('the bundled reference data', () => {
  const data = loadReferenceData();

  it('holds the ten default facilities with their countries', () => {
    expect(data.facilities.map((f) => [f.code, f.country, f.partner])).toEqual([
      ['US-NC', 'US', false],
      ['US-TX', 'US', false],
      ['MX', 'MX', false],
      ['CA', 'CA', false],
      ['LV', 'LV', false],
      ['ES', 'ES', false],
      ['UK', 'GB', false],
      ['AU', 'AU', true],
      ['JP', 'JP', true],
      ['BR', 'BR', true],
    ]);
  });

  it('defines all 17 selling regions, each exactly once', () => {
    expect(data.sellingRegions.map((r) => r.code).sort()).toEqual([...SELLING_REGION_CODES].sort());
  });

  it('keeps the documented anchors', () => {
    expect(findSellingRegion(data, 'north_america')!.facilities.sort()).toEqual(['CA', 'MX', 'US-NC', 'US-TX']);
    expect(findSellingRegion(data, 'worldwide')!.facilities.sort()).toEqual(data.facilities.map((f) => f.code).sort());
    expect(findSellingRegion(data, 'europe')!.facilities.sort()).toEqual(['ES', 'LV']);
    expect(findSellingRegion(data, 'latvia')!.facilities).toEqual(['LV']);
    expect(findSellingRegion(data, 'spain')!.facilities).toEqual(['ES']);
    expect(findSellingRegion(data, 'uk')!.facilities).toEqual(['UK']);
    expect(findSellingRegion(data, 'canada')!.facilities).toEqual(['CA']);
    expect(findSellingRegion(data, 'nowhere')).toBeUndefined();
  });

  it('lives at an absolute path inside the package, next to src/ and dist/', () => {
    expect(DEFAULT_REFERENCE_DATA_PATH).toBe(join(__dirname, '..', 'data', 'reference-data.json'));
  });
});

describe('loadReferenceData', () => {
  const dir = mkdtempSync(join(tmpdir(), 'domain-refdata-'));

  it('reads an operator-supplied file', () => {
    const doc = bundled();
    doc.sellingRegions.find((r: { code: string }) => r.code === 'europe').facilities = ['LV', 'ES', 'UK'];
    const file = join(dir, 'custom.json');
    writeFileSync(file, JSON.stringify(doc));
    expect(findSellingRegion(loadReferenceData(file), 'europe')!.facilities).toEqual(['LV', 'ES', 'UK']);
  });

  it('names the file when it is not JSON', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "facilities": [');
    expect(() => loadReferenceData(file)).toThrow(ReferenceDataError);
    expect(() => loadReferenceData(file)).toThrow(/broken\.json[\s\S]*not valid JSON/);
  });

  it('names the file when it cannot be read', () => {
    expect(() => loadReferenceData(join(dir, 'missing.json'))).toThrow(/missing\.json[\s\S]*ENOENT/);
  });

  it('names the file when its content is invalid', () => {
    const file = join(dir, 'invalid.json');
    writeFileSync(file, JSON.stringify({ facilities: [], sellingRegions: [] }));
    expect(() => loadReferenceData(file)).toThrow(/invalid\.json/);
  });
});

describe('validateReferenceData', () => {
  it('accepts the bundled document and drops unknown fields', () => {
    const doc = bundled();
    doc.comment = 'operators may annotate';
    doc.facilities[0].notes = 'x';
    const data = validateReferenceData(doc);
    expect(data).not.toHaveProperty('comment');
    expect(data.facilities[0]).toEqual({ code: 'US-NC', name: 'Charlotte', country: 'US', partner: false });
  });

  it('rejects a non-object document', () => {
    expect(problemsOf(null)).toEqual(['the document must be an object { facilities, sellingRegions }']);
    expect(problemsOf([])).toHaveLength(1);
  });

  it('rejects missing arrays', () => {
    const problems = problemsOf({});
    expect(problems).toContain('facilities must be an array');
    expect(problems).toContain('sellingRegions must be an array');
  });

  it('lists every problem at once, not just the first', () => {
    const doc = bundled();
    doc.facilities.push({ code: 'LV', name: 'Riga again', country: 'LV', partner: false }); // duplicate code
    doc.facilities[6].country = 'UK'; // not ISO: the UK is GB
    doc.facilities[7].partner = 'yes';
    doc.facilities[8].name = ' ';
    const europe = doc.sellingRegions.find((r: { code: string }) => r.code === 'europe');
    europe.facilities = ['LV', 'DE-BER', 'LV']; // unknown facility, listed twice
    doc.sellingRegions.find((r: { code: string }) => r.code === 'japan').facilities = []; // empty region
    doc.sellingRegions = doc.sellingRegions.filter((r: { code: string }) => r.code !== 'brazil'); // missing region
    doc.sellingRegions.push({ code: 'antarctica', name: 'Antarctica', facilities: ['LV'] }); // unknown region
    doc.sellingRegions.push({ code: 'uk', name: 'UK twice', facilities: ['UK'] }); // duplicate region

    const problems = problemsOf(doc);
    const expected = [
      /facilities\[10\]\.code "LV" is a duplicate facility code/,
      /facilities\[6\]\.country "UK" is not an ISO 3166-1 alpha-2 code/,
      /facilities\[7\]\.partner must be true or false/,
      /facilities\[8\]\.name must be a non-empty string/,
      /sellingRegions\[\d+\]\.facilities\[1\] "DE-BER" is not a known facility/,
      /sellingRegions\[\d+\]\.facilities\[2\] "LV" is listed twice/,
      /sellingRegions\[\d+\]\.facilities must name at least one facility/,
      /sellingRegions is missing region "brazil"/,
      /sellingRegions\[\d+\]\.code "antarctica" is not a known selling region/,
      /sellingRegions\[\d+\]\.code "uk" is a duplicate selling region/,
    ];
    for (const pattern of expected) expect(problems.some((p) => pattern.test(p))).toBe(true);
    expect(problems).toHaveLength(expected.length);
  });

  it('puts every problem in the error message', () => {
    const doc = bundled();
    doc.facilities[0].country = 'usa';
    doc.sellingRegions = doc.sellingRegions.filter((r: { code: string }) => r.code !== 'italy');
    expect(() => validateReferenceData(doc, 'ops.json')).toThrow(
      /invalid reference data in ops\.json: 2 problem\(s\)[\s\S]*"usa"[\s\S]*missing region "italy"/,
    );
  });

  it.each([
    ['lower case', 'us'],
    ['three letters', 'USA'],
    ['unassigned', 'XX'],
    ['a number', 840],
    ['missing', undefined],
  ])('rejects a country that is %s', (_label, country) => {
    const doc = bundled();
    doc.facilities[1].country = country;
    expect(problemsOf(doc)).toEqual([expect.stringMatching(/^facilities\[1\]\.country .* is not an ISO 3166-1 alpha-2 code/)]);
  });

  it('rejects a facility that is not an object and a missing code', () => {
    const doc = bundled();
    doc.facilities.push('MX2', { name: 'Nameless code', country: 'MX', partner: false });
    expect(problemsOf(doc)).toEqual(['facilities[10] must be an object', 'facilities[11].code must be a non-empty string']);
  });

  it('rejects a region whose facilities are not an array, or whose name is missing', () => {
    const doc = bundled();
    const spain = doc.sellingRegions.findIndex((r: { code: string }) => r.code === 'spain');
    doc.sellingRegions[spain].facilities = 'ES';
    delete doc.sellingRegions[spain].name;
    expect(problemsOf(doc)).toEqual([
      `sellingRegions[${spain}].name must be a non-empty string`,
      `sellingRegions[${spain}].facilities must be an array of facility codes`,
    ]);
  });

  it('rejects an empty facility list', () => {
    const doc = bundled();
    doc.facilities = [];
    const problems = problemsOf(doc);
    expect(problems).toContain('facilities must not be empty');
    // every region now names unknown facilities
    expect(problems.filter((p) => /is not a known facility/.test(p)).length).toBeGreaterThan(17);
  });
});
