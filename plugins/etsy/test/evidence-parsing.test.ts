/**
 * Etsy's own documents (test/evidence/*.json, each with its public URL) fed to the plugin's parsing with no
 * simulator: read-back mapping over the documented batch answer, the write plan built from the documented
 * inventory (its PUT body must have the documented request shape), the token-refresh answer, the rate
 * signals and the documented errors.
 */
import { join } from 'node:path';
import { RateLimited, type ConnectContext, type HttpClient, type HttpResponse } from '@stock-sync/plugin-sdk';
import { evidence, expectSameShape, loadEvidenceDir, shapeDifferences } from '@stock-sync/plugin-testkit';
import { classifyEtsyResponse, createEtsyClassifier } from '../src/classify-response';
import type { EtsyApi } from '../src/etsy-api';
import type { EtsyInventory, EtsyListingsWithInventory } from '../src/etsy-types';
import { planListingWrite } from '../src/listing-write-plan';
import { readStock } from '../src/read-stock';
import { classifyTokenResponse, refreshEtsyCredentials } from '../src/refresh-credentials';

const DIR = join(__dirname, 'evidence');
const doc = (name: string) => evidence(DIR, name);
const body = <T>(name: string) => JSON.parse(JSON.stringify(doc(name).response!.body)) as T;
const asResponse = (name: string): HttpResponse => ({ status: doc(name).response!.status, headers: doc(name).response!.headers ?? {}, data: doc(name).response!.body });

it('the folder covers every call the plugin makes, each with a public source and a date', () => {
  expect(loadEvidenceDir(DIR).map((e) => e.name)).toEqual(
    expect.arrayContaining(['get-me', 'get-listing-inventory', 'update-listing-inventory', 'get-listings-inventory-batch', 'update-listing-state', 'oauth-refresh-token']),
  );
});

it('reads the documented batch answer: product 3361410102 of listing 1234567890 has 5', async () => {
  const api = { getListingsInventory: async () => body<EtsyListingsWithInventory>('get-listings-inventory-batch') } as unknown as EtsyApi;
  const out = await readStock(api, [
    { externalProductId: '1234567890', externalVariantId: '3361410102' },
    { externalProductId: '1234567890', externalVariantId: '999' },
  ]);
  expect(out[0]).toMatchObject({ status: 'found', stock: { kind: 'quantity', quantity: 5 } });
  expect(out[1]).toMatchObject({ status: 'failed' });
});

it('the PUT body planned from the documented inventory has exactly the documented request shape', () => {
  const inventory = body<EtsyInventory>('get-listing-inventory');
  const plan = planListingWrite('1234567890', 'active', inventory, [{ index: 0, productId: '3361410102', target: { kind: 'quantity', quantity: 7 } }]);
  const put = plan.steps.find((s) => s.kind === 'put-inventory');
  expect(put && put.kind === 'put-inventory').toBeTruthy();
  const sent = (put as { body: unknown }).body;
  // Same field names, nesting and types as Etsy's documented request — and nothing more (closed).
  expectSameShape(sent, doc('update-listing-inventory').request!.body, 'update-listing-inventory request', { closed: true });
  expect(sent).toEqual(doc('update-listing-inventory').request!.body);
});

it('the documented inventory of an inactive listing (readiness_state_id null) is never written without its profiles', () => {
  const inventory = body<EtsyInventory>('get-listing-inventory');
  for (const p of inventory.products) for (const o of p.offerings) o.readiness_state_id = null;
  inventory.listing!.state = 'inactive';
  const plan = planListingWrite('1234567890', 'inactive', inventory, [{ index: 0, productId: '3361410102', target: { kind: 'quantity', quantity: 7 } }]);
  expect(plan.steps.some((s) => s.kind === 'put-inventory')).toBe(false);
});

it('the shape check has teeth: a Money price in the PUT would differ from the document', () => {
  const wrong = JSON.parse(JSON.stringify(doc('update-listing-inventory').request!.body));
  wrong.products[0].offerings[0].price = { amount: 2500, divisor: 100, currency_code: 'USD' };
  expect(shapeDifferences(doc('update-listing-inventory').request!.body, wrong)).not.toEqual([]);
});

it('parses the documented token-refresh answer into the new credential set', async () => {
  const answer = asResponse('oauth-refresh-token');
  const client = { request: async () => answer, extend: () => client } as unknown as HttpClient;
  const ctx = { credentials: { apiKey: 'k', sharedSecret: 's', accessToken: 'old', refreshToken: '12345678.fake_refresh_token_0000', shopId: '1' }, http: client, log: console } as unknown as ConnectContext;
  const next = await refreshEtsyCredentials(ctx);
  expect(next).toMatchObject({ accessToken: '12345678.fake_access_token_0000', refreshToken: '12345678.fake_refresh_token_0001', apiKey: 'k', sharedSecret: 's' });
  expect(Date.parse(next.accessTokenExpiresAt!) - Date.now()).toBeGreaterThan(3_500_000);
  expect(classifyTokenResponse(answer)).toBeUndefined();
});

it('the documented rate headers and 429s: nothing to do with budget left; a header-less 429 never hammers', () => {
  expect(classifyEtsyResponse(asResponse('rate-headers-success'))).toBeUndefined();
  const classify = createEtsyClassifier(() => 0);
  classify({ ...asResponse('rate-headers-success'), headers: { 'x-remaining-today': '3' } });
  expect(classify(asResponse('error-429-rate-limited'))!.error).toBeInstanceOf(RateLimited);
});

it('a batch answer that leaves a listing out, or attaches no inventory, is never read as NotFound: those listings are read one by one', async () => {
  const batch = body<EtsyListingsWithInventory>('get-listings-inventory-batch');
  const partial = { count: 2, results: [{ ...batch.results[0]!, listing_id: 111, inventory: null }] };
  const single = body<EtsyInventory>('get-listing-inventory');
  const singles: string[] = [];
  const api = {
    getListingsInventory: async () => partial,
    getListingInventory: async (id: string) => {
      singles.push(id);
      return single;
    },
  } as unknown as EtsyApi;
  const out = await readStock(api, [
    { externalProductId: '111', externalVariantId: '3361410102' },
    { externalProductId: '222', externalVariantId: '3361410102' },
  ]);
  expect(singles).toEqual(['111', '222']);
  expect(out.map((o) => o.status)).toEqual(['found', 'found']);
});
