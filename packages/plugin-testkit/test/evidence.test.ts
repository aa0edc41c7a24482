import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evidence, expectSameShape, loadEvidence, loadEvidenceDir, shapeDifferences } from '../src';

const DIR = join(__dirname, 'fixtures', 'evidence-sample');

describe('shapeDifferences', () => {
  const doc = evidence(DIR, 'get-item').response!.body;

  it('accepts the documented example itself, and values that differ but keep the shape', () => {
    expect(shapeDifferences(doc, doc)).toEqual([]);
    const other = {
      id: 9,
      sku: 'B',
      price: 2,
      tags: [],
      stock: { quantity: 0, tracked: false },
      options: [{ id: 5, name: 'x' }],
      deleted_at: 'now',
      extra: 1,
    };
    expect(shapeDifferences(doc, other)).toEqual([]);
  });

  it('reports a missing field, a renamed field and a wrong type, each by path', () => {
    const actual = { id: '7', price: 1, tags: ['x'], stock: { qty: 3, tracked: true }, options: [{ id: 1, name: 5 }], deleted_at: null };
    expect(shapeDifferences(doc, actual)).toEqual([
      '$.id: documented integer, got string',
      '$.sku: documented, missing',
      '$.stock.quantity: documented, missing',
      '$.options[].name: documented string, got integer',
    ]);
  });

  it('checks every element of an actual array against the merged documented elements', () => {
    // `name` is shown in only one documented option: optional, but its type is still checked; `id` is in all.
    expect(shapeDifferences(doc, { ...(doc as object), options: [{ id: 1, name: 'a' }, { id: 2 }] })).toEqual([]);
    expect(shapeDifferences(doc, { ...(doc as object), options: [{ name: 'a' }, { id: 2, name: false }] })).toEqual([
      '$.options[].id: documented, missing',
      '$.options[].name: documented string, got boolean',
    ]);
  });

  it('refuses null where the document shows a value, unless the path is declared nullable', () => {
    const actual = { ...(doc as object), sku: null };
    expect(shapeDifferences(doc, actual)).toEqual(['$.sku: documented string, got null']);
    expect(shapeDifferences(doc, actual, { nullable: ['$.sku'] })).toEqual([]);
  });

  it('closed: reports fields the document does not show; ignore leaves paths out', () => {
    const actual = { ...(doc as object), invented: true };
    expect(shapeDifferences(doc, actual, { closed: true })).toEqual(['$.invented: not in the document']);
    expect(shapeDifferences(doc, actual, { closed: true, ignore: ['$.invented'] })).toEqual([]);
  });

  it('strictNumbers tells integers from fractions', () => {
    expect(shapeDifferences({ n: 1 }, { n: 1.5 })).toEqual([]);
    expect(shapeDifferences({ n: 1 }, { n: 1.5 }, { strictNumbers: true })).toEqual(['$.n: documented integer, got number']);
  });

  it('expectSameShape throws naming the evidence and every difference', () => {
    expect(() => expectSameShape({ id: 1 }, doc, 'get-item')).toThrow(
      /get-item: the answer does not have the documented shape:\n {2}\$\.sku: documented, missing/,
    );
  });
});

describe('evidence files', () => {
  it('loads a folder, each file with its source URL and date', () => {
    const all = loadEvidenceDir(DIR);
    expect(all.map((e) => [e.name, e.source, e.read])).toEqual([
      ['get-item', 'https://developer.example.com/docs/items#get', '2026-12-02'],
    ]);
  });

  it('refuses a file without a public source URL or date, naming the file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ source: 'notes/platform.md', response: { status: 200 } }));
    expect(() => loadEvidence(join(dir, 'bad.json'))).toThrow(
      'evidence bad: source must be a public https URL; read must be a date (YYYY-MM-DD)',
    );
  });

  it('refuses an empty folder and a missing file (a test never skips over missing evidence)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
    expect(() => loadEvidenceDir(dir)).toThrow(/no evidence files/);
    expect(() => evidence(dir, 'absent')).toThrow();
  });
});
