/**
 * The plugin's own parsing fed with the documented answers (test/evidence, each with its public URL),
 * no simulator involved: read-back mapping, the option update it sends, write confirmation, errors.
 */
import { join } from 'node:path';
import { AuthError, NotFound, Rejected, Transient } from '@stock-sync/plugin-api';
import { evidence, expectSameShape, loadEvidenceDir, scriptedClient } from '@stock-sync/plugin-testkit/evidence';
import { classifyBigCartelResponse } from '../src/big-cartel-api';
import { optionsOf, optionUpdateDocument, type ProductDocument } from '../src/big-cartel-types';
import { bigCartelConnection, confirmWrite, fromOptionQuantity } from '../src/connection';

const DIR = join(__dirname, 'evidence');
const doc = (name: string) => evidence(DIR, name);
const product = () => structuredClone(doc('get-product').response!.body) as ProductDocument;
const quiet = { debug() {}, info() {}, warn() {}, error() {} } as any;

const scripted = scriptedClient;
const ok = (data: unknown) => () => ({ status: 200, headers: {}, data });
const write = (target: { kind: 'quantity'; quantity: number }) => [{ externalProductId: '456', externalVariantId: '789', target }];

it('every evidence file names a public source and a date', () => {
  expect(loadEvidenceDir(DIR).length).toBeGreaterThanOrEqual(5);
});

it('reads the option out of the documented product (relationship + included) and maps its quantity', () => {
  const options = optionsOf(product());
  expect([...options.keys()]).toEqual(['789']);
  expect(fromOptionQuantity(options.get('789')!.attributes.quantity)).toEqual({ kind: 'quantity', quantity: 3 });
});

it('an answer without included (options not asked for) yields no options: never guessed', () => {
  const { included: _dropped, ...withoutIncluded } = product();
  expect(optionsOf(withoutIncluded as ProductDocument).size).toBe(0);
});

it('reads ask for include=options; the write sends exactly the JSON:API resource object of update-option.json', async () => {
  const after = product();
  (after.included![0] as any).attributes.quantity = 5;
  const api = scripted([ok(product()), ok(doc('update-option').response!.body), ok(after)]);
  const out = await bigCartelConnection(api, quiet).writeStock(write({ kind: 'quantity', quantity: 5 }));
  expect(out[0].status).toBe('written');
  expect(api.sent.map((r) => `${r.method} ${r.url}`)).toEqual([
    'GET /products/456',
    'PATCH /products/456/options/789',
    'GET /products/456',
  ]);
  expect(api.sent[0].params).toEqual({ include: 'options' });
  expect(api.sent[1].body).toEqual(doc('update-option').request!.body);
  expectSameShape(api.sent[1].body, doc('update-option').request!.body, 'update-option request', { closed: true });
});

it('regression: a PATCH that answers 200 but does not change the option is Rejected, never written', async () => {
  const api = scripted([ok(product()), ok(doc('update-option').response!.body), ok(product())]);
  const out = await bigCartelConnection(api, quiet).writeStock(write({ kind: 'quantity', quantity: 5 }));
  expect(out[0].status).toBe('failed');
  const error = (out[0] as { error: Error }).error;
  expect(error).toBeInstanceOf(Rejected);
  expect(error.message).toContain('shows 3 after the write of 5');
});

it('a 404 to the PATCH of an option the product still lists is Rejected naming the undocumented request', async () => {
  const api = scripted([
    ok(product()),
    () => {
      throw new NotFound('PATCH … found nothing (404)', { status: doc('not-found').response!.status });
    },
    ok(product()),
  ]);
  const out = await bigCartelConnection(api, quiet).writeStock(write({ kind: 'quantity', quantity: 5 }));
  const error = (out[0] as { error: Error }).error;
  expect(error).toBeInstanceOf(Rejected);
  expect(error.message).toMatch(/not documented/);
});

it('a read-back that fails leaves the write unconfirmed (Transient), not written', async () => {
  const api = scripted([
    ok(product()),
    ok(doc('update-option').response!.body),
    () => {
      throw new Transient('GET … failed with 503');
    },
  ]);
  const out = await bigCartelConnection(api, quiet).writeStock(write({ kind: 'quantity', quantity: 5 }));
  expect((out[0] as { error: Error }).error).toBeInstanceOf(Transient);
});

it('confirmWrite: the shown quantity decides; a gone option or product is NotFound', () => {
  const option = optionsOf(product()).get('789');
  expect(confirmWrite('456', '789', 3, option, true, false)).toBe('written');
  expect(confirmWrite('456', '789', 4, option, true, false)).toBeInstanceOf(Rejected);
  expect(confirmWrite('456', '789', 4, undefined, true, true)).toBeInstanceOf(NotFound);
  expect(confirmWrite('456', '789', 4, undefined, false, false)).toBeInstanceOf(NotFound);
  expect(optionUpdateDocument('789', 5)).toEqual(doc('update-option').request!.body);
});

it('maps the documented 401 to AuthError', () => {
  expect(classifyBigCartelResponse({ status: doc('unauthorized').response!.status, headers: {}, data: undefined })?.error).toBeInstanceOf(
    AuthError,
  );
});
