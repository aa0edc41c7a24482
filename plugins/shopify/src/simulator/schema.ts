/**
 * The Admin GraphQL 2026-04 schema, built from Shopify's own introspection result (Shopify serves it at
 * https://shopify.dev/admin-graphql-direct-proxy/2026-04, the endpoint Shopify's codegen preset reads:
 * https://github.com/Shopify/shopify-app-js/blob/main/packages/api-clients/api-codegen-preset/README.md),
 * kept unchanged and gzipped in this package's spec/ folder. It is big (≈ 8 MB of JSON): built once per
 * process, on first use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

/** src/simulator and dist/simulator are both two levels below the package root. */
export const INTROSPECTION_FILE = join(__dirname, '..', '..', 'spec', 'shopify-admin-graphql-2026-04.introspection.json.gz');

let cached: GraphQLSchema | undefined;

export function loadAdminSchema(file: string = INTROSPECTION_FILE): GraphQLSchema {
  const json = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { data?: IntrospectionQuery } & IntrospectionQuery;
  return buildClientSchema(json.data ?? json);
}

export function adminSchema(): GraphQLSchema {
  cached ??= loadAdminSchema();
  return cached;
}
