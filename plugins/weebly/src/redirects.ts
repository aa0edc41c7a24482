/**
 * Weebly's documented redirects: "We may issue redirects. Any call may result in a redirect, at which point
 * you should make an identical call but to the newly provided resource URL."
 * (https://github.com/robinwhitmore/jekylltechdocs/blob/master/_includes/custom/shared/api_about.md,
 * published as https://dev.weebly.com/pf_apis_about.html "HTTP Redirects").
 *
 * The SDK client never counts a 3xx as success: it follows same-origin redirects of a GET itself and answers
 * any other 3xx with an error naming the status and the Location. This module makes the identical call to
 * that Location, for every method as Weebly documents — only on the API's own origin (the access token
 * travels with it), only when the Location has no query string (the SDK drops it from what it reports, so
 * the call could not be identical), and at most MAX_REDIRECTS times. Anything else stays an error.
 */
import { PluginError, type HttpClient, type HttpRequest, type HttpResponse } from '@stock-sync/plugin-sdk';

export const MAX_REDIRECTS = 3;

/** The URL an error says to call instead, when it is a redirect this plugin may follow; else undefined. */
export function redirectTarget(e: unknown, apiOrigin: string): string | undefined {
  if (!(e instanceof PluginError)) return undefined;
  const status = Number(e.details?.status);
  if (!(status >= 300 && status < 400)) return undefined;
  const location = e.details?.location;
  if (typeof location !== 'string' || location.includes('?')) return undefined;
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return undefined;
  }
  return url.origin === apiOrigin && !url.username && !url.password ? url.toString() : undefined;
}

/** ctx.http.request, making the identical call again to a redirect's Location (see above). */
export async function requestFollowingRedirects<T>(api: HttpClient, req: HttpRequest, apiOrigin: string): Promise<HttpResponse<T>> {
  let current = req;
  for (let hop = 0; ; hop++) {
    try {
      return await api.request<T>(current);
    } catch (e) {
      const target = hop < MAX_REDIRECTS ? redirectTarget(e, apiOrigin) : undefined;
      if (!target) throw e;
      current = { ...current, url: target };
    }
  }
}
