/**
 * POST /admin/api/2026-04/graphql.json — one Admin GraphQL request, in Shopify's order:
 * body → parse → validate against the real 2026-04 schema → input-array cap → variables →
 * requested cost (single-query cap, then the leaky bucket: THROTTLED) → execute → cost extensions.
 * Execution is graphql-js over the shop's views; only the root fields below are modelled, anything
 * else is answered as an error (the simulator never pretends).
 */
import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
} from 'graphql';
import type { SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { MAX_INPUT_ARRAY, MAX_QUERY_COST } from '../manifest';
import { inventoryActivate } from './inventory-activate';
import { inventorySetQuantities } from './inventory-set-quantities';
import { requestedQueryCost } from './query-cost';
import { graphqlErrors, inputTooLarge, maxCostExceeded, missingQuery, throttled } from './responses';
import { adminSchema } from './schema';
import type { ShopifyState } from './state';
import { productVariantsBulkUpdate } from './variants-bulk-update';
import { locationView, nodeView, productView, variantView } from './views';
import { liveVariant } from './state';
import { webhookSubscriptionCreate, webhookSubscriptionDelete, webhookSubscriptions } from './webhook-subscriptions';

function queryRoot(state: ShopifyState): Record<string, unknown> {
  return {
    shop: () => ({ __typename: 'Shop', ...state.shop }),
    location: ({ id }: { id?: string }) => {
      const l = state.locations.get(id ?? state.hubLocationId);
      return l ? locationView(l) : null;
    },
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => nodeView(state, id)),
    node: ({ id }: { id: string }) => nodeView(state, id),
    productVariant: ({ id }: { id: string }) => {
      const v = liveVariant(state, id);
      return v ? variantView(state, v) : null;
    },
    product: ({ id }: { id: string }) => productView(state, id),
    webhookSubscriptions: (args: Parameters<typeof webhookSubscriptions>[1]) => webhookSubscriptions(state, args),
  };
}

function mutationRoot(state: ShopifyState): Record<string, unknown> {
  return {
    productVariantsBulkUpdate: (args: Parameters<typeof productVariantsBulkUpdate>[1]) => productVariantsBulkUpdate(state, args),
    inventorySetQuantities: (args: Parameters<typeof inventorySetQuantities>[1], _ctx: unknown, info: GraphQLResolveInfo) =>
      inventorySetQuantities(state, args, info),
    inventoryActivate: (args: Parameters<typeof inventoryActivate>[1], _ctx: unknown, info: GraphQLResolveInfo) =>
      inventoryActivate(state, args, info),
    webhookSubscriptionCreate: (args: Parameters<typeof webhookSubscriptionCreate>[1]) => webhookSubscriptionCreate(state, args),
    webhookSubscriptionDelete: (args: { id: string }) => webhookSubscriptionDelete(state, args),
  };
}

function largestArray(value: unknown): number {
  if (Array.isArray(value)) return Math.max(value.length, ...value.map(largestArray));
  if (value && typeof value === 'object') return Math.max(0, ...Object.values(value).map(largestArray));
  return 0;
}

function errorsJson(errors: readonly GraphQLError[]): unknown[] {
  return errors.map((e) => e.toJSON());
}

/**
 * Parsed and validated documents by their text. A client sends the same few documents again and again (the plugin's,
 * with a count of aliases that varies a little); validating each against the whole Admin schema cost the bench's
 * simulators seconds of CPU per thousand stores. Only valid ones are kept, at most CHECKED_KEEPS (then it starts over).
 */
const checkedDocuments = new Map<string, DocumentNode>();
const CHECKED_KEEPS = 500;

function checkedDocument(query: string): { document: DocumentNode } | { errors: unknown[] } {
  const known = checkedDocuments.get(query);
  if (known) return { document: known };
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (e) {
    return { errors: errorsJson([e as GraphQLError]) };
  }
  const invalid = validate(adminSchema(), document);
  if (invalid.length > 0) return { errors: errorsJson(invalid) };
  if (checkedDocuments.size >= CHECKED_KEEPS) checkedDocuments.clear();
  checkedDocuments.set(query, document);
  return { document };
}

export function handleGraphql(req: SimRequest, state: ShopifyState): SimResponse {
  const body = req.body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
  if (!body || typeof body !== 'object' || typeof body.query !== 'string' || body.query.trim() === '') return missingQuery();
  const variables = (body.variables && typeof body.variables === 'object' ? body.variables : {}) as Record<string, unknown>;
  const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;

  const schema = adminSchema();
  const checked = checkedDocument(body.query);
  if ('errors' in checked) return graphqlErrors(checked.errors);
  const { document } = checked;

  const size = largestArray(variables);
  if (size > MAX_INPUT_ARRAY) return inputTooLarge(size, MAX_INPUT_ARRAY);

  const operation = getOperationAST(document, operationName);
  if (!operation) return graphqlErrors([{ message: 'An operation name is required' }]);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return graphqlErrors(errorsJson(coerced.errors));

  const rootType = operation.operation === 'mutation' ? 'mutation' : operation.operation === 'query' ? 'query' : undefined;
  if (!rootType) return graphqlErrors([{ message: `simulator: ${operation.operation} operations are not modelled` }]);
  const root = rootType === 'mutation' ? mutationRoot(state) : queryRoot(state);
  for (const sel of operation.selectionSet.selections) {
    if (sel.kind === Kind.FIELD && !sel.name.value.startsWith('__') && !(sel.name.value in root)) {
      return graphqlErrors([{ message: `simulator: ${rootType} field '${sel.name.value}' is not modelled` }]);
    }
  }

  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const cost = requestedQueryCost(schema, operation, fragments, coerced.coerced);
  if (cost > MAX_QUERY_COST) return maxCostExceeded(cost);
  if (!state.bucket.take(cost)) return throttled(cost, state.bucket.status());

  const result = execute({ schema, document, rootValue: root, variableValues: variables, operationName }) as {
    data?: unknown;
    errors?: readonly GraphQLError[];
  };
  // Actual cost equals requested here: every object the plugin asks for is answered.
  const extensions = { cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: state.bucket.status() } };
  const out: Record<string, unknown> = {};
  if (result.errors?.length) out.errors = errorsJson(result.errors);
  out.data = result.data ?? null;
  out.extensions = extensions;
  return { status: 200, body: out };
}
