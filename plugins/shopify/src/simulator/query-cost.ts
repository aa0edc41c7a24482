/**
 * Requested query cost, by Shopify's documented default rules
 * (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits#cost-calculation):
 *   scalar / enum 0 · object 1 · interface / union: the most expensive possible selection ·
 *   connection: 2 + page size × the cost of one node · mutation 10.
 * Two refinements of ours, documented in README: `nodes(ids:)` costs one object per requested id,
 * and a plain list of objects (userErrors, quantities) counts as one object (its length is unknown
 * before execution).
 */
import {
  getNamedType,
  isAbstractType,
  isLeafType,
  Kind,
  valueFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export const MUTATION_COST = 10;
export const OBJECT_COST = 1;
export const CONNECTION_BASE_COST = 2;

interface CostContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function argValue(ctx: CostContext, field: GraphQLField<unknown, unknown>, node: FieldNode, name: string): unknown {
  const argDef = field.args.find((a) => a.name === name);
  const argNode = node.arguments?.find((a) => a.name.value === name);
  if (!argDef || !argNode) return undefined;
  return valueFromAST(argNode.value, argDef.type, ctx.variables as Record<string, unknown> & { [k: string]: unknown });
}

function selectionSetCost(
  ctx: CostContext,
  parent: GraphQLCompositeType,
  set: SelectionSetNode | undefined,
  isMutationRoot: boolean,
): number {
  if (!set) return 0;
  let direct = 0;
  // On an abstract type, fragments on different concrete types are alternatives: the costliest counts.
  const byType = new Map<string, number>();
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      direct += fieldCost(ctx, parent, sel, isMutationRoot);
      continue;
    }
    const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? ctx.fragments[sel.name.value] : sel;
    if (!fragment) continue;
    const typeName = fragment.typeCondition?.name.value;
    const type = (typeName ? ctx.schema.getType(typeName) : parent) as GraphQLCompositeType;
    const cost = selectionSetCost(ctx, type, fragment.selectionSet, isMutationRoot);
    if (isAbstractType(parent) && typeName && typeName !== parent.name) byType.set(typeName, (byType.get(typeName) ?? 0) + cost);
    else direct += cost;
  }
  return direct + (byType.size ? Math.max(...byType.values()) : 0);
}

function fieldCost(ctx: CostContext, parent: GraphQLCompositeType, node: FieldNode, isMutationRoot: boolean): number {
  if (node.name.value.startsWith('__') || !('getFields' in parent)) return 0;
  const field = parent.getFields()[node.name.value] as GraphQLField<unknown, unknown> | undefined;
  if (!field) return 0;
  const named = getNamedType(field.type);
  if (isLeafType(named)) return isMutationRoot ? MUTATION_COST : 0;
  const children = selectionSetCost(ctx, named as GraphQLCompositeType, node.selectionSet, false);
  if (isMutationRoot) return MUTATION_COST + children;
  if (named.name.endsWith('Connection')) {
    const size = Number(argValue(ctx, field, node, 'first') ?? argValue(ctx, field, node, 'last') ?? 1);
    return CONNECTION_BASE_COST + Math.max(1, size) * perNodeCost(ctx, named as GraphQLCompositeType, node, children);
  }
  if (parent.name === ctx.schema.getQueryType()?.name && node.name.value === 'nodes') {
    const ids = argValue(ctx, field, node, 'ids');
    const n = Array.isArray(ids) ? ids.length : 1;
    return n * (OBJECT_COST + children);
  }
  return OBJECT_COST + children;
}

/**
 * One node of a connection: what `edges { node { … } }` costs less the edge itself, or what `nodes { … }`
 * costs (the page's objects, selected without edges); pageInfo is not multiplied by the page size.
 */
function perNodeCost(ctx: CostContext, connection: GraphQLCompositeType, node: FieldNode, children: number): number {
  let cost = 0;
  let found = false;
  for (const sel of node.selectionSet?.selections ?? []) {
    if (sel.kind !== Kind.FIELD || (sel.name.value !== 'edges' && sel.name.value !== 'nodes')) continue;
    found = true;
    const c = fieldCost(ctx, connection, sel, false);
    cost += sel.name.value === 'edges' ? Math.max(0, c - OBJECT_COST) : c;
  }
  return found ? cost : Math.max(0, children - OBJECT_COST);
}

export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const isMutation = operation.operation === 'mutation';
  const root = isMutation ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  return selectionSetCost({ schema, fragments, variables }, root, operation.selectionSet, isMutation);
}
