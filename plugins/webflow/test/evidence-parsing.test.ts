/**
 * Webflow's own documented answers (test/evidence/*.json, each with its public URL) fed to the plugin's
 * parsing — read mapping, the write check, the SKU collection look-up, error classification — with no
 * simulator involved.
 */
import { join } from 'node:path';
import { AuthError, Rejected } from '@stock-sync/plugin-api';
import { declaredSignalsPauseMs, platformPauseMs, zeroIsOutOfStock as sameOnPlatform } from '@stock-sync/plugin-sdk';
import type { HttpClient } from '@stock-sync/plugin-api';
import { manifest } from '../src/manifest';
import { evidenceIn, expectEvidenceFor } from '@stock-sync/plugin-testkit/evidence';
import { skuCollectionId } from '../src/connection';
import { fromInventory, toInventoryUpdate, type WebflowInventory } from '../src/stock-mapping';
import { classifyWebflowResponse } from '../src/webflow-api';

const { doc, response, httpResponse: asResponse, dir } = evidenceIn(join(__dirname, 'evidence'));

it('every evidence file names a public source and a date, and the folder covers every call the plugin makes', () => {
  expectEvidenceFor(dir, [
    'list-inventory',
    'update-inventory-finite',
    'update-inventory-infinite',
    'list-collections',
    'list-products',
    'error-429-too-many-requests',
  ]);
});

it('reads the documented inventory: finite 100 → quantity 100', () => {
  expect(fromInventory(response('list-inventory').body as WebflowInventory)).toEqual({ kind: 'quantity', quantity: 100 });
  expect(fromInventory(response('update-inventory-infinite').body as WebflowInventory)).toEqual({ kind: 'unlimited' });
});

it('sends exactly the documented absolute request bodies', () => {
  expect(toInventoryUpdate({ kind: 'quantity', quantity: 100 })).toEqual(doc('update-inventory-finite').request!.body);
  expect(toInventoryUpdate({ kind: 'unlimited' })).toEqual(doc('update-inventory-infinite').request!.body);
});

it('the write check accepts the documented echo of the PATCH it sent', () => {
  const echo = fromInventory(response('update-inventory-finite').body as WebflowInventory);
  expect(sameOnPlatform(echo, { kind: 'quantity', quantity: 100 })).toBe(true);
  expect(sameOnPlatform(echo, { kind: 'quantity', quantity: 99 })).toBe(false);
});

it('finds the SKU collection in the documented List Collections answer', async () => {
  const body = response('list-collections').body;
  const api = { request: async () => ({ status: 200, headers: {}, data: body }) } as unknown as HttpClient;
  await expect(skuCollectionId(api, 'site', undefined)()).resolves.toBe('62b720ef280c7a7a3be8cabe');
});

it('classifies the documented errors: 401 → AuthError, 409 ecommerce_not_enabled → Rejected, 429 left to the client', () => {
  expect(classifyWebflowResponse(asResponse('error-401-not-authorized'))!.error).toBeInstanceOf(AuthError);
  expect(classifyWebflowResponse(asResponse('error-409-ecommerce-not-enabled'))!.error).toBeInstanceOf(Rejected);
  // The SDK client maps the 429 to RateLimited and waits at least its Retry-After (60 s here).
  expect(classifyWebflowResponse(asResponse('error-429-too-many-requests'))).toBeUndefined();
  expect(platformPauseMs(asResponse('error-429-too-many-requests').headers, 0)).toBe(60_000);
  // On a successful answer, X-RateLimit-Remaining 0 holds the store's next request.
  expect(
    declaredSignalsPauseMs({ status: 200, headers: { 'x-ratelimit-remaining': '0' }, data: {} }, manifest.rateLimit.signals!),
  ).toBeGreaterThan(0);
});
