/**
 * The plugin's own parsing fed with Storenvy's documented answers (test/evidence, each with its public URL),
 * no simulator involved: the envelope, pagination through next_url, the error meta, the JSON write and
 * its confirmation.
 */
import { join } from 'node:path';
import { NotFound, Rejected } from '@stock-sync/plugin-api';
import type { HttpClient, HttpRequest } from '@stock-sync/plugin-api';
import { evidence, expectSameShape, loadEvidenceDir, scriptedClient } from '@stock-sync/plugin-testkit/evidence';
import { recordingLogger } from '@stock-sync/plugin-testkit/contract';
import { storenvyConnection } from '../src/connection';
import { dataOf, nextPageUrl, storenvyErrorMessage } from '../src/storenvy-api';

const DIR = join(__dirname, 'evidence');
const doc = (name: string) => evidence(DIR, name);
const body = (name: string) => structuredClone(doc(name).response!.body) as any;
const ORIGIN = 'https://api.storenvy.com';

/** Storenvy's scripted answers give the body only: each becomes a 200 answer. */
const scripted = (answers: Array<(req: HttpRequest) => unknown>) =>
  scriptedClient(answers.map((a) => (req: HttpRequest) => ({ status: 200, headers: {}, data: a(req) })));
const connection = (http: HttpClient) => storenvyConnection({ http, auth: { access_token: 'tok' }, root: ORIGIN }, recordingLogger());

/** The documented list page, its variants replaced; next_url null on the last page. */
function page(variants: unknown[], next: string | null) {
  const b = body('list-variants');
  b.data.variants = variants;
  b.pagination.next_url = next;
  return b;
}

it('every evidence file names a public source and a date', () => {
  expect(loadEvidenceDir(DIR).length).toBeGreaterThanOrEqual(4);
});

it('follows the documented next_url only on the API origin and never twice', () => {
  const envelope = body('response-envelope');
  expect(nextPageUrl(envelope, ORIGIN, new Set())).toBe(envelope.pagination.next_url);
  expect(nextPageUrl(envelope, 'https://elsewhere.example', new Set())).toBeUndefined();
  expect(nextPageUrl(envelope, ORIGIN, new Set([envelope.pagination.next_url]))).toBeUndefined();
  expect(nextPageUrl({ ...envelope, pagination: { ...envelope.pagination, next_url: null } }, ORIGIN, new Set())).toBeUndefined();
  expect(dataOf(body('list-variants'), 'variants')).toHaveLength(1);
});

it('reads the documented error meta', () => {
  expect(storenvyErrorMessage(body('error-meta'))).toBe('MethodNotAllowed: This API call requires a store. Create one with POST /v1/store');
});

it('regression: a variant past the first page of 50 is found by following next_url (it was NotFound)', async () => {
  const first = body('list-variants');
  const api = scripted([() => first, () => page([{ id: 5077, full_quantity: 4, in_stock: true }], null)]);
  const read = await connection(api).readStock([{ externalProductId: '500', externalVariantId: '5077' }]);
  expect(read[0]).toMatchObject({ status: 'found', stock: { kind: 'quantity', quantity: 4 } });
  expect(api.sent[1].url).toBe(first.pagination.next_url);
  expect(api.sent[1].params).toBeUndefined(); // the token is already in next_url
});

it('regression: the write is JSON (application/json), the documented content type', async () => {
  const api = scripted([() => ({ ...body('response-envelope'), data: { variant: { id: 5001, full_quantity: 3, in_stock: true } } })]);
  const out = await connection(api).writeStock([
    { externalProductId: '500', externalVariantId: '5001', target: { kind: 'quantity', quantity: 3 } },
  ]);
  expect(out[0].status).toBe('written');
  const req = api.sent[0];
  const documented = doc('update-variant').request!;
  expect(`${req.method} /v1${req.url}`).toBe(`${documented.method} ${documented.path}`);
  expect(req.headers).toMatchObject({ 'content-type': 'application/json' });
  expectSameShape(req.body, documented.body, 'update-variant request', { closed: true });
});

it('regression: an answer without the variant is not recorded as written until the read-back shows it', async () => {
  const write = [{ externalProductId: '500', externalVariantId: '5001', target: { kind: 'quantity' as const, quantity: 3 } }];
  // Answer without data.variant, read-back shows the values: written.
  let api = scripted([() => body('response-envelope'), () => page([{ id: 5001, full_quantity: 3, in_stock: true }], null)]);
  expect((await connection(api).writeStock(write))[0].status).toBe('written');
  expect(api.sent.map((r) => r.method)).toEqual(['PUT', 'GET']);
  // Read-back shows other values: Rejected.
  api = scripted([() => body('response-envelope'), () => page([{ id: 5001, full_quantity: 1, in_stock: true }], null)]);
  expect((await connection(api).writeStock(write))[0]).toMatchObject({ status: 'failed', error: expect.any(Rejected) });
  // Read-back (every page) lacks the variant: not written.
  api = scripted([
    () => body('response-envelope'),
    () => page([{ id: 5050, full_quantity: 3, in_stock: true }], body('list-variants').pagination.next_url),
    () => page([], null),
  ]);
  expect((await connection(api).writeStock(write))[0]).toMatchObject({ status: 'failed', error: expect.any(NotFound) });
});
