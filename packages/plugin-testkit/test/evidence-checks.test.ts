import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evidence, expectDocumentedAnswer, expectEvidenceFor, requestTarget } from '../src/evidence';

const SAMPLE = join(__dirname, 'fixtures', 'evidence-sample');

/** A fresh evidence folder holding `files` (name → JSON content). */
function folderWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, `${name}.json`), JSON.stringify(content));
  return dir;
}
const sound = (path: string) => ({
  source: `https://developer.example.com/docs${path}`,
  read: '2026-12-02',
  request: { method: 'GET', path },
});

describe('expectEvidenceFor', () => {
  it('returns the evidence of each named call, in the order named', () => {
    const dir = folderWith({ 'get-item': sound('/items/1'), 'list-items': sound('/items'), other: sound('/other') });
    expect(expectEvidenceFor(dir, ['list-items', 'get-item']).map((e) => [e.name, e.source, e.read])).toEqual([
      ['list-items', 'https://developer.example.com/docs/items', '2026-12-02'],
      ['get-item', 'https://developer.example.com/docs/items/1', '2026-12-02'],
    ]);
  });

  it('fails naming every call the folder has no file for', () => {
    const dir = folderWith({ 'get-item': sound('/items/1') });
    expect(() => expectEvidenceFor(dir, ['get-item', 'put-item', 'list-items'])).toThrow(`${dir}: no evidence for put-item, list-items`);
  });

  it('fails on a file without a public source, even one no call names', () => {
    const dir = folderWith({ 'get-item': sound('/items/1'), notes: { ...sound('/x'), source: 'notes/platform.md' } });
    expect(() => expectEvidenceFor(dir, ['get-item'])).toThrow('evidence notes: source must be a public https URL');
  });

  it('fails on a named file without the date it was read', () => {
    const dir = folderWith({ 'get-item': { ...sound('/items/1'), read: 'last week' } });
    expect(() => expectEvidenceFor(dir, ['get-item'])).toThrow('evidence get-item: read must be a date (YYYY-MM-DD)');
  });

  it('exactly: a file the list does not name fails too', () => {
    const dir = folderWith({ 'get-item': sound('/items/1'), 'list-items': sound('/items') });
    expect(() => expectEvidenceFor(dir, ['get-item'], { exactly: true })).toThrow(`${dir}: evidence not listed: list-items`);
    expect(expectEvidenceFor(dir, ['get-item', 'list-items'], { exactly: true })).toHaveLength(2);
  });
});

describe('requestTarget', () => {
  it('is the documented path, then the documented query encoded', () => {
    expect(requestTarget({ method: 'GET', path: '/v1/items' })).toBe('/v1/items');
    expect(requestTarget({ method: 'GET', path: '/v1/items', query: {} })).toBe('/v1/items');
    expect(requestTarget({ method: 'GET', path: '/v1/items', query: { sku: 'A 1', include: 'options,images' } })).toBe(
      '/v1/items?sku=A+1&include=options%2Cimages',
    );
  });
});

describe('expectDocumentedAnswer', () => {
  const e = evidence(SAMPLE, 'get-item');
  const body = e.response!.body as Record<string, unknown>;

  it('accepts the documented status with a body of the documented shape (other values)', () => {
    expect(() => expectDocumentedAnswer({ status: 200, body: { ...body, id: 8, sku: 'B-2' } }, e)).not.toThrow();
  });

  it('fails on another status, naming the evidence and both statuses', () => {
    expect(() => expectDocumentedAnswer({ status: 201, body }, e)).toThrow('get-item: the answer has status 201, the document 200');
  });

  it('fails on another shape, and passes the shape options on', () => {
    const extra = { ...body, invented: true };
    expect(() => expectDocumentedAnswer({ status: 200, body: { ...body, sku: 5 } }, e)).toThrow(
      /get-item: the answer does not have the documented shape:\n {2}\$\.sku: documented string, got integer/,
    );
    expect(() => expectDocumentedAnswer({ status: 200, body: extra }, e)).not.toThrow();
    expect(() => expectDocumentedAnswer({ status: 200, body: extra }, e, { closed: true })).toThrow(/\$\.invented: not in the document/);
  });

  it('checks only the status where the document shows no body, and refuses evidence with no response', () => {
    const bare = { ...e, response: { status: 204 } };
    expect(() => expectDocumentedAnswer({ status: 204, body: '' }, bare)).not.toThrow();
    expect(() => expectDocumentedAnswer({ status: 200, body: '' }, bare)).toThrow('the answer has status 200, the document 204');
    expect(() => expectDocumentedAnswer({ status: 200, body }, { ...e, response: undefined })).toThrow(
      'evidence get-item: documents no response',
    );
  });
});
