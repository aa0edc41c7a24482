/**
 * The HTTP client a plugin gets from the host (interface only). The host's implementation owns the only
 * retry layer in the system: plugins and the orchestrator never loop on a failed call themselves.
 */
import type { PluginError } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute, or relative to the baseURL of an extended client. */
  url: string;
  headers?: Record<string, string>;
  params?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Safe to send again after an ambiguous failure (absolute writes, idempotency keys). GET always is. */
  idempotent?: boolean;
  /** Rate-budget tokens this call costs (default 1). */
  cost?: number;
  timeoutMs?: number;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

/**
 * A plugin's reading of a response the status code alone does not explain (Shopify's THROTTLED
 * inside a 200, Etsy's rate headers …). Return an error to fail (and, if retryable, retry) the call;
 * return `pauseMs` to make the connection's next request wait (the platform said its budget is spent).
 */
export type ResponseClassifier = (res: HttpResponse) => { error?: PluginError; pauseMs?: number } | undefined;

export interface HttpClientDefaults {
  baseURL?: string;
  headers?: Record<string, string>;
  classify?: ResponseClassifier;
  /** Extra values to redact from every log line and error (tokens the plugin derives). */
  secrets?: string[];
  /**
   * Per-attempt request signing (TikTok Shop, Lazada-style APIs): called right before EVERY attempt,
   * after the rate-limit wait, so a retry carries a fresh timestamp and signature instead of re-sending a
   * stale one. Gets the request as the plugin made it (url relative to baseURL, params, body) and returns
   * the request to send. Signers of extended clients run after their parent's.
   */
  sign?: RequestSigner;
}

export type RequestSigner = (req: HttpRequest) => HttpRequest;

export interface HttpClientStats {
  requests: number;
  retries: number;
  throttled: number;
}

export interface HttpClient {
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
  /** A client with more defaults; it shares the rate budget, retry policy and stats of its parent. */
  extend(defaults: HttpClientDefaults): HttpClient;
  readonly stats: HttpClientStats;
}
