/**
 * A request on one of the public OAuth routes, as the plugin contract sees it (InboundRequest): the query
 * decoded from the raw URL (first value of each name), header names in lower case, the exact bytes of the
 * body (oauth-raw-body.ts captured them) and the body parsed when it is JSON or a form.
 */
import type { InboundRequest } from '@stock-sync/plugin-sdk';

/** The members of express's request the OAuth routes read. */
export interface OAuthHttpRequest {
  method: string;
  originalUrl?: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  /** Set by the OAuth raw-body middleware. */
  rawBody?: Buffer;
}

export function inboundRequestOf(req: OAuthHttpRequest): InboundRequest {
  const url = new URL(req.originalUrl ?? req.url, 'http://hub.invalid');
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) if (!(name in query)) query[name] = value;
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  const rawBody = Buffer.isBuffer(req.rawBody) ? req.rawBody : Buffer.alloc(0);
  return { method: req.method, query, headers, rawBody, body: rawBody.length ? req.body : undefined };
}

/** The body's bytes parsed as the content type says (JSON or a form), else undefined. */
export function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  try {
    if (type === 'application/json' || type.endsWith('+json')) return JSON.parse(raw.toString('utf8')) as unknown;
    if (type === 'application/x-www-form-urlencoded') {
      const out: Record<string, string> = {};
      for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) if (!(name in out)) out[name] = value;
      return out;
    }
  } catch {
    return undefined; // not what it says it is: the plugin's verification sees rawBody and refuses
  }
  return undefined;
}

/** One cookie's value from the Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
