/** The store's Admin GraphQL endpoint on ctx.http (base URL, token header, classifier, redaction); the shop rule. */
import { AuthError, Rejected } from '@stock-sync/plugin-api';
import type { ConnectContext, HttpClient } from '@stock-sync/plugin-api';
import type { GraphqlDocument } from './documents';
import { classifyShopifyResponse, graphqlError, type GraphqlResponse } from './errors';
import { API_VERSION } from './manifest';

export const GRAPHQL_PATH = `/admin/api/${API_VERSION}/graphql.json`;

/** Shopify's shop domain rule as its official library applies it, limited to myshopify.com. */
const MYSHOPIFY = /^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$/;

/**
 * What the merchant gives ("example", "example.myshopify.com", "https://example.myshopify.com/") → the domain. Only
 * myshopify.com: a code, a token or the app's secret must never go anywhere else (the sandbox uses baseUrl).
 */
export function shopDomainFromInput(shop: string | undefined): string {
  const host = (shop ?? '')
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  const full = host.includes('.') ? host : `${host}.myshopify.com`;
  if (!MYSHOPIFY.test(full)) throw new AuthError('the shop credential must be a myshopify.com domain (e.g. example-store.myshopify.com)');
  return full;
}

/** What Shopify sends (the callback's `shop`, X-Shopify-Shop-Domain): exactly <name>.myshopify.com, or undefined. */
export function shopDomainFromShopify(value: string | undefined): string | undefined {
  return typeof value === 'string' && MYSHOPIFY.test(value) ? value.toLowerCase() : undefined;
}

export type ShopifyApi = ReturnType<typeof createShopifyApi>;

export function createShopifyApi(ctx: ConnectContext) {
  const { credentials } = ctx;
  const token = credentials.accessToken ?? '';
  let http: HttpClient | undefined;
  // Built on first use so a bad shop domain surfaces as the call's AuthError, not a throw in connect().
  const client = (): HttpClient =>
    (http ??= ctx.http.extend({
      baseURL: credentials.baseUrl ? credentials.baseUrl.replace(/\/+$/, '') : `https://${shopDomainFromInput(credentials.shop)}`,
      headers: { 'X-Shopify-Access-Token': token, 'Content-Type': 'application/json', Accept: 'application/json' },
      classify: classifyShopifyResponse,
      secrets: token ? [token] : [],
    }));

  return {
    /** Posts a document with its variables and requested cost; returns `data` (errors were thrown by classify). */
    async graphql<T>(doc: GraphqlDocument, variables: Record<string, unknown>, cost = doc.cost): Promise<T> {
      const res = await client().request<GraphqlResponse<T>>({
        method: 'POST',
        url: GRAPHQL_PATH,
        body: { query: doc.query, variables },
        // Reads are safe to resend; the mutations set absolute values and inventorySetQuantities
        // carries an idempotency key, so a resend after an ambiguous failure is harmless too.
        idempotent: true,
        cost,
      });
      const body = res.data;
      if (typeof body !== 'object' || body === null)
        throw new Rejected(`Shopify answered ${doc.name} with a non-JSON body`, { status: res.status });
      const error = graphqlError(body);
      if (error) throw error; // classify normally caught these
      if (!body.data) throw new Rejected(`Shopify answered ${doc.name} without data`, { status: res.status });
      return body.data;
    },
  };
}
