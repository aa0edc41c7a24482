/**
 * Issue requirement: every GraphQL document the plugin can send validates against Shopify's
 * 2026-04 Admin schema, built here from the official introspection result. If a document stops
 * validating (a field renamed, an argument dropped), this test fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { ALL_DOCUMENTS, READ_VARIANTS, updateVariantsDocument, UPDATE_PRODUCTS_PER_CALL } from '../src/documents';
import { INTROSPECTION_FILE } from '../src/simulator/schema';

const SHARED_SPEC = '/work/shared/specs/shopify-admin-graphql-2026-04.introspection.json.gz';
const specFile = existsSync(SHARED_SPEC) ? SHARED_SPEC : INTROSPECTION_FILE;

let schema: GraphQLSchema;
beforeAll(() => {
  const json = JSON.parse(gunzipSync(readFileSync(specFile)).toString('utf8'));
  schema = buildClientSchema(json.data ?? json);
});

function errorsOf(query: string): string[] {
  return validate(schema, parse(query)).map((e) => e.message);
}

describe('every document the plugin sends validates against Admin GraphQL 2026-04', () => {
  it.each(ALL_DOCUMENTS.map((d, i) => [`${i}: ${d.name}`, d.query]))('%s', (_name, query) => {
    expect(errorsOf(query)).toEqual([]);
  });

  it('covers every kind of call the connection makes', () => {
    const names = new Set(ALL_DOCUMENTS.map((d) => d.name));
    expect(names).toEqual(new Set(['StockSyncVerify', 'StockSyncReadVariants', 'StockSyncSetAvailable', 'StockSyncUpdateVariants']));
  });

  it('the aliased update document validates at every size the plugin builds', () => {
    for (let n = 1; n <= UPDATE_PRODUCTS_PER_CALL; n++) expect(errorsOf(updateVariantsDocument(n).query)).toEqual([]);
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

describe('the simulator runs on the same schema', () => {
  it("keeps an unchanged copy of the official introspection result in the package's spec/ folder", () => {
    if (!existsSync(SHARED_SPEC)) return; // only checkable where the shared specs are mounted
    expect(readFileSync(INTROSPECTION_FILE).equals(readFileSync(SHARED_SPEC))).toBe(true);
  });
});
