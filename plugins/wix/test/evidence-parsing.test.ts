/**
 * Wix's own documented answers (test/evidence/*.json, each with its public URL) fed to the plugin's
 * reading and writing code through a stub client that answers exactly the documents — no simulator.
 */
import { join } from 'node:path';
import type { HttpClient } from '@stock-sync/plugin-api';
import { evidenceIn, expectEvidenceFor, expectSameShape, scriptedClient } from '@stock-sync/plugin-testkit/evidence';
import { recordingLogger } from '@stock-sync/plugin-testkit/contract';
import { probeCatalogVersion, wixConnection } from '../src/connection';

const { doc, httpResponse, dir } = evidenceIn(join(__dirname, 'evidence'));
/** The plugin's connection on a site whose catalog version is configured (no probe): only the documented calls. */
const site = (client: HttpClient, catalogVersion: 'V1' | 'V3') => wixConnection(client, recordingLogger(), { catalogVersion });

/** The documented answers, in the order the plugin must call (one call too many, or none left, fails the test). */
const documented = (...calls: string[]) => scriptedClient(calls.map((name) => () => httpResponse(name)));
/** The documented method and path of each call, `{productId}` filled. */
const documentedCalls = (productId: string, ...calls: string[]) =>
  calls.map((name) => `${doc(name).request!.method} ${doc(name).request!.path!.replace('{productId}', productId)}`);
const sentCalls = (client: ReturnType<typeof documented>) => client.sent.map((r) => `${r.method} ${r.url}`);

it('covers every call the plugin makes, each with a public source and a date', () => {
  expectEvidenceFor(dir, [
    'get-catalog-version',
    'v1-query-inventory',
    'v1-update-inventory-variants',
    'v3-query-inventory-items',
    'v3-bulk-update-inventory-items',
  ]);
});

it('reads the documented catalog version', async () => {
  const client = documented('get-catalog-version');
  await expect(probeCatalogVersion(client)).resolves.toBe('V3');
  expect(sentCalls(client)).toEqual(documentedCalls('', 'get-catalog-version'));
});

const V1_PRODUCT = '1a2b3c4d-0000-4000-8000-000000000001';
const V1_VARIANT = '00000000-0000-0000-0000-000000000000';

it('V1: reads the documented Query Inventory answer, and its request has the documented shape at the documented path', async () => {
  const client = documented('v1-query-inventory');
  const refs = [{ externalProductId: V1_PRODUCT, externalVariantId: V1_VARIANT }];
  const out = await site(client, 'V1').readStock(refs);
  expect(out[0]).toMatchObject({ status: 'found', stock: { kind: 'quantity', quantity: 5 } });
  expect(sentCalls(client)).toEqual(documentedCalls(V1_PRODUCT, 'v1-query-inventory'));
  expectSameShape(client.sent[0]!.body, doc('v1-query-inventory').request!.body, 'v1 query request', { closed: true });
});

it('V1: writes with the documented Update Inventory Variants body', async () => {
  const client = documented('v1-query-inventory', 'v1-update-inventory-variants');
  const changes = [{ externalProductId: V1_PRODUCT, externalVariantId: V1_VARIANT, target: { kind: 'quantity' as const, quantity: 7 } }];
  const out = await site(client, 'V1').writeStock(changes);
  expect(out[0]!.status).toBe('written');
  expect(sentCalls(client)).toEqual(documentedCalls(V1_PRODUCT, 'v1-query-inventory', 'v1-update-inventory-variants'));
  expectSameShape(client.sent[1]!.body, doc('v1-update-inventory-variants').request!.body, 'v1 patch request', { closed: true });
});

const V3_PRODUCT = 'babd2bcc-ea03-4b63-8053-0ec59c73fc36';
const V3_VARIANT = 'f27ee649-ba6b-493d-b758-75816208cf2e';

it('V3: reads the documented Query Inventory Items answer (tracked, 110)', async () => {
  const client = documented('v3-query-inventory-items');
  const refs = [{ externalProductId: V3_PRODUCT, externalVariantId: V3_VARIANT }];
  const out = await site(client, 'V3').readStock(refs);
  expect(out[0]).toMatchObject({ status: 'found', stock: { kind: 'quantity', quantity: 110 } });
  expect(sentCalls(client)).toEqual(documentedCalls(V3_PRODUCT, 'v3-query-inventory-items'));
  expectSameShape(client.sent[0]!.body, doc('v3-query-inventory-items').request!.body, 'v3 query request', { closed: true });
});

it('V3: writes with the documented bulk body (id + revision + quantity) and reads the documented result as written', async () => {
  const client = documented('v3-query-inventory-items', 'v3-bulk-update-inventory-items');
  const changes = [{ externalProductId: V3_PRODUCT, externalVariantId: V3_VARIANT, target: { kind: 'quantity' as const, quantity: 7 } }];
  const out = await site(client, 'V3').writeStock(changes);
  expect(out[0]!.status).toBe('written');
  expect(sentCalls(client)).toEqual(documentedCalls(V3_PRODUCT, 'v3-query-inventory-items', 'v3-bulk-update-inventory-items'));
  const bulk = client.sent[1]!;
  expectSameShape(bulk.body, doc('v3-bulk-update-inventory-items').request!.body, 'v3 bulk request');
  expect((bulk.body as any).inventoryItems[0].inventoryItem).toEqual({
    id: 'fb913045-b421-4d09-804f-352fbe784465',
    revision: '1',
    quantity: 7,
  });
});
