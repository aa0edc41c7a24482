/**
 * Checks a GraphQL answer against the schema types of the fields its query selected: the answer's `data`
 * is replayed through graphql-js execution (each field resolved from the answer by its response key), so
 * graphql-js itself enforces every selected field's schema type — Int / Boolean / ID / enum values,
 * non-null fields that are null, lists — and the replayed result must equal the answer (an answer with a
 * field the query did not select, or missing one it did, differs).
 */
import { execute, isObjectType, parse, type GraphQLFieldResolver, type GraphQLSchema, type GraphQLTypeResolver } from 'graphql';

const byResponseKey: GraphQLFieldResolver<unknown, unknown> = (source, _args, _ctx, info) =>
  source && typeof source === 'object' ? (source as Record<string, unknown>)[info.path.key as string] : undefined;

/** An abstract field's concrete type: the one possible type whose fields hold every key of the value. */
const byFields: GraphQLTypeResolver<unknown, unknown> = (value, _ctx, info, abstractType) => {
  const keys = Object.keys((value ?? {}) as object);
  const candidates = info.schema.getPossibleTypes(abstractType).filter((t) => isObjectType(t));
  const fit = candidates.find((t) => keys.every((k) => k in t.getFields()));
  return fit?.name;
};

export function schemaErrorsOfAnswer(schema: GraphQLSchema, query: string, variables: Record<string, unknown>, data: unknown): string[] {
  const result = execute({
    schema,
    document: parse(query),
    rootValue: data,
    variableValues: variables,
    fieldResolver: byResponseKey,
    typeResolver: byFields,
  }) as { data?: unknown; errors?: readonly { message: string; path?: readonly (string | number)[] }[] };
  const errors = (result.errors ?? []).map((e) => `${(e.path ?? []).join('.')}: ${e.message}`);
  if (errors.length === 0 && JSON.stringify(result.data) !== JSON.stringify(data)) {
    errors.push(
      `the answer holds other fields than the query selected:\n  selected ${JSON.stringify(result.data)}\n  answered ${JSON.stringify(data)}`,
    );
  }
  return errors;
}
