/**
 * Issue requirement: every GraphQL document the plugin can send validates against Shopify's
 * 2026-04 Admin schema, built here from the official introspection result kept in the repository
 * (spec/shopify-admin-graphql-2026-04.introspection.json.gz; source in src/simulator/schema.ts).
 * If a document stops validating (a field renamed, an argument dropped), this test fails. It never
 * skips: a missing spec file fails it.
 */
import { parse, validate, type GraphQLSchema } from 'graphql';
import * as documents from '../src/documents';
import {
  ACTIVATE_ITEMS_PER_CALL,
  activateDocument,
  READ_VARIANTS,
  updateVariantsDocument,
  UPDATE_PRODUCTS_PER_CALL,
} from '../src/documents';
import { INTROSPECTION_FILE, loadAdminSchema } from '../src/simulator/schema';

let schema: GraphQLSchema;
beforeAll(() => {
  schema = loadAdminSchema(INTROSPECTION_FILE);
});

function errorsOf(query: string): string[] {
  return validate(schema, parse(query)).map((e) => e.message);
}

/**
 * Every document the plugin can send: each one documents.ts exports, and the aliased ones at their smallest and
 * largest size (every size in between is the same text repeated).
 */
const ALL_DOCUMENTS = [
  ...Object.values(documents).filter((d): d is documents.GraphqlDocument => typeof d === 'object' && 'query' in d),
  updateVariantsDocument(1),
  updateVariantsDocument(2),
  updateVariantsDocument(UPDATE_PRODUCTS_PER_CALL),
  activateDocument(1),
  activateDocument(ACTIVATE_ITEMS_PER_CALL),
];

describe('every document the plugin sends validates against Admin GraphQL 2026-04', () => {
  it.each(ALL_DOCUMENTS.map((d, i) => [`${i}: ${d.name}`, d.query]))('%s', (_name, query) => {
    expect(errorsOf(query)).toEqual([]);
  });

  it('covers every kind of call the connection and the notices subscription make', () => {
    const names = new Set(ALL_DOCUMENTS.map((d) => d.name));
    expect(names).toEqual(
      new Set([
        'StockSyncVerify',
        'StockSyncReadVariants',
        'StockSyncSetAvailable',
        'StockSyncSetAvailableChecked',
        'StockSyncUpdateVariants',
        'StockSyncActivate',
        'StockSyncNoticeSubscriptions',
        'StockSyncNoticeSubscribe',
        'StockSyncNoticeUnsubscribe',
      ]),
    );
  });

  it('the aliased documents validate at every size the plugin builds', () => {
    for (let n = 1; n <= UPDATE_PRODUCTS_PER_CALL; n++) expect(errorsOf(updateVariantsDocument(n).query)).toEqual([]);
    for (let n = 1; n <= ACTIVATE_ITEMS_PER_CALL; n++) expect(errorsOf(activateDocument(n).query)).toEqual([]);
  });
});

describe('the check has teeth', () => {
  it('rejects a document using a field 2026-04 does not have', () => {
    // InventoryLevel.available was removed in favour of quantities(names:).
    const broken = READ_VARIANTS.query.replace('quantities(names: ["available"]) { name quantity }', 'available');
    expect(errorsOf(broken).join('\n')).toMatch(/available/);
  });

  it('rejects the pre-2026 compare-quantity input fields', () => {
    const q = `mutation($k: String!) { inventorySetQuantities(input: { name: "available", reason: "correction", ignoreCompareQuantity: true,
      quantities: [{ inventoryItemId: "gid://shopify/InventoryItem/1", locationId: "gid://shopify/Location/1", quantity: 1, compareQuantity: 0 }] })
      @idempotent(key: $k) { userErrors { code } } }`;
    const errors = errorsOf(q).join('\n');
    expect(errors).toMatch(/ignoreCompareQuantity/);
    expect(errors).toMatch(/compareQuantity/);
  });
});

describe('the copy in the repository is the 2026-04 Admin schema', () => {
  it('has the 2026-04 shapes the plugin relies on (changeFromQuantity required, inventoryActivate, @idempotent)', () => {
    const input = schema.getType('InventoryQuantityInput') as import('graphql').GraphQLInputObjectType;
    expect(String(input.getFields().changeFromQuantity?.type)).toBe('Int');
    expect(input.getFields().compareQuantity).toBeUndefined();
    expect(schema.getMutationType()!.getFields().inventoryActivate).toBeDefined();
    expect(schema.getDirective('idempotent')).toBeDefined();
  });
});
