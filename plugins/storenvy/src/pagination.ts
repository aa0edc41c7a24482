/**
 * Storenvy's response envelope and pagination, read purely (fed the documented examples in tests).
 *
 * "Responses are wrapped in an envelope … The data response will be in the "data" attribute" and "We limit
 * the number of responses for each request to 50 objects … Simply call the url in the next_url parameter and
 * we'll respond with the next set of data." (https://developers.storenvy.com/docs, "Response Structure",
 * "Pagination").
 */

export interface StorenvyPagination {
  total?: number;
  offset?: number;
  total_pages?: number;
  next_url?: string | null;
  current_max_id?: number;
}

/** `data[key]` of an envelope, or undefined. */
export function dataOf<T>(body: unknown, key: string): T | undefined {
  const data = typeof body === 'object' && body !== null ? (body as { data?: Record<string, unknown> }).data : undefined;
  return data && typeof data === 'object' && !Array.isArray(data) ? (data[key] as T | undefined) : undefined;
}

/**
 * The next page's URL, only when it is safe to follow: an absolute http(s) URL on the same origin as the
 * API (the URL carries the access token), and not one already fetched (a loop). Otherwise undefined: the
 * listing ends there.
 */
export function nextPageUrl(body: unknown, apiOrigin: string, seen: ReadonlySet<string>): string | undefined {
  const pagination = typeof body === 'object' && body !== null ? (body as { pagination?: StorenvyPagination }).pagination : undefined;
  const next = pagination?.next_url;
  if (typeof next !== 'string' || next.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(next);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(apiOrigin).origin || seen.has(url.toString())) return undefined;
  return url.toString();
}
