/**
 * The hub client: openapi-fetch over the generated types of the hub's OpenAPI document, with the bearer
 * token on every call and idempotent calls retried on 429/5xx. Every route, parameter and body is typed:
 *
 *   const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', token });
 *   const stores = await expectOk(hub.GET('/v1/stores'));
 */
import createClient, { type Client } from 'openapi-fetch';
import { rememberMethod } from './errors';
import type { paths } from './generated/hub-api';
import { DEFAULT_RETRY_POLICY, retryingFetch, type FetchLike, type RetryHooks, type RetryPolicy } from './retry';

export type HubClient = Client<paths>;

export interface HubClientOptions {
  /** Where the hub listens, e.g. http://127.0.0.1:8080 (no /v1: the paths carry it). */
  baseUrl: string;
  /** One of the hub's HUB_API_TOKENS. */
  token: string;
  /** Retries of idempotent calls; `false` turns them off. */
  retry?: Partial<RetryPolicy> | false;
  retryHooks?: RetryHooks;
  /** The fetch to use (default: the global one). */
  fetch?: FetchLike;
}

export function createHubClient(options: HubClientOptions): HubClient {
  if (!options.token) throw new Error('createHubClient: token is required (one of the hub’s HUB_API_TOKENS)');
  const base: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const policy: RetryPolicy =
    options.retry === false ? { ...DEFAULT_RETRY_POLICY, attempts: 1 } : { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { authorization: `Bearer ${options.token}` },
    fetch: retryingFetch(base, policy, options.retryHooks),
  });
  client.use({
    onResponse({ request, response }) {
      rememberMethod(response, request.method);
      return undefined;
    },
  });
  return client;
}
