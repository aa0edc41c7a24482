/** Small readers shared by the kit's routes. */
import type { SimRequest, SimResponse } from '../types';

/** The first value of a query parameter. */
export function queryValue(req: SimRequest, name: string): string | undefined {
  const v = req.query[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined || first === '' ? undefined : first;
}

/** A string field of a parsed form or JSON body. */
export function bodyValue(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const v = (body as Record<string, unknown>)[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

/** RFC 6749 §5.2 error answer. */
export function defaultErrorAnswer(status: number, error: string, description: string): SimResponse {
  return { status, headers: { 'cache-control': 'no-store' }, body: { error, error_description: description } };
}

/** A 302 to `target` with `params` added to its query (RFC 6749 §4.1.2: the redirect URI keeps its own query). */
export function redirectTo(target: string, params: Record<string, string>): SimResponse {
  const url = new URL(target);
  // A platform hook may pass a parameter it does not have (no state sent) as undefined: it is left out.
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return { status: 302, headers: { location: url.toString(), 'content-type': 'text/html; charset=utf-8' }, body: '' };
}

/** Basic credentials (RFC 6749 §2.3.1: each part form-urlencoded), or undefined. */
export function basicCredentials(req: SimRequest): { clientId: string; clientSecret: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unform = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  try {
    return { clientId: unform(decoded.slice(0, colon)), clientSecret: unform(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

export function bearerToken(req: SimRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}
