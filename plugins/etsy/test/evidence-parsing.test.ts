/**
 * Etsy's own documents (test/evidence/*.json, each with its public URL) fed to the plugin's parsing with no
 * simulator: read-back mapping over the documented batch answer, the write plan built from the documented
 * inventory (its PUT body must have the documented request shape), the token-refresh answer, the rate
 * signals and the documented errors.
 */
import { join } from 'node:path';
import { RateLimited } from '@stock-sync/plugin-api';
import type { ConnectContext, HttpClient } from '@stock-sync/plugin-api';
import { evidenceIn, expectEvidenceFor, expectSameShape, shapeDifferences } from '@stock-sync/plugin-testkit/evidence';
import { classifyEtsyResponse, createEtsyClassifier } from '../src/classify-response';
import type { EtsyApi } from '../src/etsy-api';
import { etsyConnection } from '../src/etsy-connection';
import type { EtsyInventory, EtsyListingsWithInventory } from '../src/etsy-types';
import { planListingWrite } from '../src/listing-write-plan';
import { refreshEtsyCredentials } from '../src/oauth';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const { doc, response, httpResponse: asResponse, dir } = evidenceIn(join(__dirname, 'evidence'));
const body = <T>(name: string) => response(name).body as T;

it('the folder covers every call the plugin makes, each with a public source and a date', () => {
  expectEvidenceFor(dir, [
    'get-me',
    'get-listing-inventory',
    'update-listing-inventory',
    'get-listings-inventory-batch',
    'update-listing-state',
    'oauth-refresh-token',
  ]);
});

it('reads the documented batch answer: product 3361410102 of listing 1234567890 has 5', async () => {
  const api = { getListingsInventory: async () => body<EtsyListingsWithInventory>('get-listings-inventory-batch') } as unknown as EtsyApi;
  const out = await etsyConnection(api, quiet).readStock([
    { externalProductId: '1234567890', externalVariantId: '3361410102' },
    { externalProductId: '1234567890', externalVariantId: '999' },
  ]);
  expect(out[0]).toMatchObject({ status: 'found', stock: { kind: 'quantity', quantity: 5 } });
  expect(out[1]).toMatchObject({ status: 'failed' });
});

it('the PUT body planned from the documented inventory has exactly the documented request shape', () => {
  const inventory = body<EtsyInventory>('get-listing-inventory');
  const plan = planListingWrite('1234567890', 'active', inventory, [
    { index: 0, productId: '3361410102', target: { kind: 'quantity', quantity: 7 } },
  ]);
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
  const plan = planListingWrite('1234567890', 'inactive', inventory, [
    { index: 0, productId: '3361410102', target: { kind: 'quantity', quantity: 7 } },
  ]);
  expect(plan.steps.some((s) => s.kind === 'put-inventory')).toBe(false);
});

it('the shape check has teeth: a Money price in the PUT would differ from the document', () => {
  const wrong = JSON.parse(JSON.stringify(doc('update-listing-inventory').request!.body));
  wrong.products[0].offerings[0].price = { amount: 2500, divisor: 100, currency_code: 'USD' };
  expect(shapeDifferences(doc('update-listing-inventory').request!.body, wrong)).not.toEqual([]);
});

it('the token refresh sends the documented form and parses the documented answer into the new credential set', async () => {
  const e = doc('oauth-refresh-token');
  const sent: { url?: string; headers?: Record<string, string>; body?: unknown }[] = [];
  const client = {
    request: async (req: { url?: string; headers?: Record<string, string>; body?: unknown }) => {
      sent.push(req);
      return asResponse('oauth-refresh-token');
    },
    extend: () => client,
  } as unknown as HttpClient;
  const documented = e.request!.body as Record<string, string>;
  const ctx = {
    credentials: {
      apiKey: documented.client_id,
      sharedSecret: 's',
      accessToken: 'old',
      refreshToken: documented.refresh_token,
      shopId: '1',
    },
    http: client,
    log: console,
  } as unknown as ConnectContext;
  const next = await refreshEtsyCredentials(ctx, () => Date.parse('2026-12-02T12:00:00Z'));
  const answer = e.response!.body as Record<string, string>;
  expect(next).toMatchObject({
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    apiKey: documented.client_id,
    sharedSecret: 's',
    shopId: '1',
  });
  expect(next.accessTokenExpiresAt).toBe('2026-12-02T13:00:00.000Z');
  expect(next.refreshTokenExpiresAt).toBe('2027-03-02T12:00:00.000Z'); // 90 days
  // Exactly the documented request: the form fields, nothing more (no client secret: a public client).
  expect(sent).toHaveLength(1);
  expect(sent[0]!.url).toBe('https://api.etsy.com/v3/public/oauth/token');
  expect(sent[0]!.headers!['content-type']).toBe(e.request!.headers!['content-type']);
  expect(Object.fromEntries(new URLSearchParams(sent[0]!.body as string))).toEqual(documented);
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
  const out = await etsyConnection(api, quiet).readStock([
    { externalProductId: '111', externalVariantId: '3361410102' },
    { externalProductId: '222', externalVariantId: '3361410102' },
  ]);
  expect(singles).toEqual(['111', '222']);
  expect(out.map((o) => o.status)).toEqual(['found', 'found']);
});
