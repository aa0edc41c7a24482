/**
 * Shopify's documented answers (test/evidence/*.json, each with its public URL) fed to the plugin's own
 * parsing with no simulator: variant nodes, write planning, userErrors, the activation payload, and the
 * classifier's reading of throttling, cost-cap and auth answers.
 */
import { join } from 'node:path';
import { NotFound, RateLimited, Rejected, Transient } from '@stock-sync/plugin-api';
import { evidenceIn, expectEvidenceFor } from '@stock-sync/plugin-testkit/evidence';
import { classifyShopifyResponse, errorForUserError, isStale, userErrorIndex } from '../src/errors';
import { parseVariantNode, planWrite, toTargetStock, type VariantNode } from '../src/mapping';
import { activationOutcome } from '../src/connection';
import { proves } from '../src/kept-writes';
import { loadAdminSchema } from '../src/simulator/schema';
import { schemaErrorsOfAnswer } from './response-schema-check';

const { doc, response, httpResponse: asResponse, dir } = evidenceIn(join(__dirname, 'evidence'));
const data = (name: string) => (response(name).body as { data: any }).data;

it('covers every call the plugin makes, each with a public source and a date', () => {
  expectEvidenceFor(dir, [
    'verify',
    'read-variants',
    'inventory-set-quantities',
    'inventory-set-quantities-checked',
    'product-variants-bulk-update',
    'inventory-activate',
    'throttled',
    'unauthorized',
  ]);
});

it('the documented answers are themselves valid for the 2026-04 schema (so they are a fair yardstick)', () => {
  const schema = loadAdminSchema();
  for (const name of [
    'verify',
    'read-variants',
    'inventory-set-quantities',
    'inventory-set-quantities-stale',
    'inventory-set-quantities-checked',
    'product-variants-bulk-update',
    'inventory-activate',
  ]) {
    const req = doc(name).request!.body as { query: string; variables: Record<string, unknown> };
    expect([name, schemaErrorsOfAnswer(schema, req.query, req.variables, data(name))]).toEqual([name, []]);
  }
});

it('reads the documented variant nodes: counted 5, untracked, unknown id', () => {
  const [counted, untracked, missing] = data('read-variants').nodes as (VariantNode | null)[];
  const a = parseVariantNode(counted)!;
  expect(a).toMatchObject({ tracked: true, inventoryPolicy: 'DENY', available: 5, productId: 'gid://shopify/Product/8000' });
  expect(toTargetStock(a)).toEqual({ kind: 'quantity', quantity: 5 });
  const b = parseVariantNode(untracked)!;
  expect(toTargetStock(b)).toEqual({ kind: 'unlimited' });
  expect(b.available).toBeNull(); // no inventory level at the location
  expect(parseVariantNode(missing)).toBeUndefined();
  // Writing a count where the documented answer shows no level: the plan stocks the item first.
  expect(planWrite(b, { kind: 'quantity', quantity: 2 })).toMatchObject({
    activate: { inventoryItemId: 'gid://shopify/InventoryItem/900002' },
  });
});

it('reads the documented userErrors: stale → re-read, its index from the input path', () => {
  const [ue] = data('inventory-set-quantities-stale').inventorySetQuantities.userErrors;
  expect(isStale(ue)).toBe(true);
  expect(userErrorIndex(ue, 'quantities')).toBe(0);
  expect(errorForUserError(ue, 'x')).toBeInstanceOf(Transient);
  expect(
    errorForUserError({ code: 'INVALID_INVENTORY_ITEM', field: ['input', 'quantities', '0', 'inventoryItemId'], message: 'm' }, 'x'),
  ).toBeInstanceOf(NotFound);
  expect(data('inventory-set-quantities').inventorySetQuantities.inventoryAdjustmentGroup).not.toBeNull();
});

it('a documented checked set proves its item: counted, DENY, at the quantity sent — and nothing else does', () => {
  const { changes } = data('inventory-set-quantities-checked').inventorySetQuantities.inventoryAdjustmentGroup;
  const set = { inventoryItemId: 'gid://shopify/InventoryItem/900002', quantity: 7, changeFromQuantity: 5 };
  const variant = 'gid://shopify/ProductVariant/800002';
  expect(proves(changes, set, variant)).toBe(true);
  expect(proves(changes, set, 'gid://shopify/ProductVariant/800001')).toBe(false); // another variant's item
  const edited = (mutate: (c: any) => void) => {
    const copy = JSON.parse(JSON.stringify(changes));
    mutate(copy[0]);
    return proves(copy, set, variant);
  };
  expect(edited((c) => (c.item.tracked = false))).toBe(false);
  expect(edited((c) => (c.item.variant.inventoryPolicy = 'CONTINUE'))).toBe(false);
  expect(edited((c) => (c.quantityAfterChange = 6))).toBe(false);
  expect(edited((c) => (c.name = 'on_hand'))).toBe(false);
  expect(proves(changes, { ...set, inventoryItemId: 'gid://shopify/InventoryItem/900001' }, variant)).toBe(false);
  expect(proves(null, set, variant)).toBe(false);
});

it('reads the documented inventoryActivate payload: a level and no userErrors = stocked; a userError = Rejected', () => {
  expect(activationOutcome(data('inventory-activate').a0)).toBeUndefined();
  expect(activationOutcome({ inventoryLevel: null, userErrors: [{ field: ['locationId'], message: 'no' }] })).toBeInstanceOf(Rejected);
  expect(activationOutcome({ inventoryLevel: null, userErrors: [] })).toBeInstanceOf(Transient);
  expect(activationOutcome(null)).toBeInstanceOf(Transient);
});

it('classifies the documented throttled, cost-cap and 401 answers', () => {
  const throttled = classifyShopifyResponse(asResponse('throttled'))!.error as RateLimited;
  expect(throttled).toBeInstanceOf(RateLimited);
  // (752 − 666) / 50 per second = 1.72 s
  expect(throttled.retryAfterMs).toBe(1720);
  // The same body under HTTP 429 (the status of a throttled GraphQL answer is undocumented) reads the same.
  expect((classifyShopifyResponse({ ...asResponse('throttled'), status: 429 })!.error as RateLimited).retryAfterMs).toBe(1720);
  expect(classifyShopifyResponse(asResponse('max-cost-exceeded'))!.error).toBeInstanceOf(Rejected);
  // 401 is the SDK's generic AuthError mapping; nothing Shopify-specific overrides it.
  expect(classifyShopifyResponse(asResponse('unauthorized'))).toBeUndefined();
  // A normal answer with plenty of bucket left asks for no pause.
  expect(classifyShopifyResponse(asResponse('verify'))).toBeUndefined();
});
