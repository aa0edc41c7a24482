/**
 * The store's Admin GraphQL endpoint on top of the host's HTTP client: base URL, token header,
 * Shopify's response classifier and the token as an extra redaction secret. One method: post a
 * document with its variables and requested cost; return `data` (errors were thrown by classify).
 */
import { AuthError, Rejected } from '@stock-sync/plugin-sdk';
import type { ConnectContext, HttpClient } from '@stock-sync/plugin-sdk';
import type { GraphqlDocument } from './documents';
import { classifyShopifyResponse, errorForGraphqlErrors, errorList, type GraphqlResponse } from './errors';
import { API_VERSION } from './manifest';

export const GRAPHQL_PATH = `/admin/api/${API_VERSION}/graphql.json`;

export interface ShopifyApi {
  graphql<T>(doc: GraphqlDocument, variables: Record<string, unknown>, cost: number): Promise<T>;
}

/** Shopify's shop domain rule as its official library applies it, limited to myshopify.com. */
export const MYSHOPIFY = /^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$/;

/**
 * "example", "example.myshopify.com" or "https://example.myshopify.com/" → the https origin.
 * Only myshopify.com hosts: the token must never be sent anywhere else (the sandbox uses baseUrl).
 */
export function shopOrigin(shop: string | undefined): string {
  const host = (shop ?? '')
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  const full = host.includes('.') ? host : `${host}.myshopify.com`;
  if (!MYSHOPIFY.test(full)) {
    throw new AuthError('the shop credential must be a myshopify.com domain (e.g. example-store.myshopify.com)');
  }
  return `https://${full}`;
}

export function createShopifyApi(ctx: ConnectContext): ShopifyApi {
  const { credentials } = ctx;
  const token = credentials.accessToken ?? '';
  let http: HttpClient | undefined;
  // Built on first use so a bad shop domain surfaces as the call's AuthError, not a throw in connect().
  const client = (): HttpClient => {
    http ??= ctx.http.extend({
      baseURL: credentials.baseUrl ? credentials.baseUrl.replace(/\/+$/, '') : shopOrigin(credentials.shop),
      headers: { 'X-Shopify-Access-Token': token, 'Content-Type': 'application/json', Accept: 'application/json' },
      classify: classifyShopifyResponse,
      secrets: token ? [token] : [],
    });
    return http;
  };

  return {
    async graphql<T>(doc: GraphqlDocument, variables: Record<string, unknown>, cost: number): Promise<T> {
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
      if (typeof body !== 'object' || body === null) {
        throw new Rejected(`Shopify answered ${doc.name} with a non-JSON body`, { status: res.status });
      }
      const errors = errorList(body);
      if (errors.length > 0) throw errorForGraphqlErrors(errors, body); // classify normally caught these
      if (!body.data) throw new Rejected(`Shopify answered ${doc.name} without data`, { status: res.status });
      return body.data;
    },
  };
}
