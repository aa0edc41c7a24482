/**
 * Status codes and network failures → the error taxonomy. Messages are built here from the method,
 * the (already redacted) URL and the status, never from a platform's or axios's free text, so no
 * secret can ride along; a short redacted body snippet goes into details for operators.
 */
import { AuthError, NotFound, PluginError, RateLimited, Rejected, Transient } from '../errors';
import type { HttpResponse } from './http-client';

export interface ErrorContext {
  method: string;
  /** Redacted URL. */
  url: string;
  /** Redacted body snippet, when there is one. */
  body?: string;
  /** A 3xx answer's Location, redacted and without its query string (see describeLocation). */
  location?: string;
}

export function describeCall(ctx: ErrorContext): string {
  return `${ctx.method} ${ctx.url}`;
}

export function errorForStatus(
  res: HttpResponse,
  ctx: ErrorContext,
  retryAfterMs: number | undefined,
  defaultRateLimitMs: number,
): PluginError | undefined {
  const s = res.status;
  if (s < 300) return undefined;
  const details: Record<string, unknown> = { method: ctx.method, url: ctx.url, status: s };
  if (ctx.body) details.body = ctx.body;
  const call = describeCall(ctx);
  if (s < 400) {
    // A redirect that was not followed is never a success: a write answered 301/302/307/308 did not
    // happen where we sent it (typically a moved store or an http→https hop). Transient keeps the work
    // pending; the message names the target so an operator can correct the store's URL.
    if (ctx.location) details.location = ctx.location;
    const where = ctx.location ? `to ${ctx.location}` : 'without a Location';
    return new Transient(
      `${call} was answered with a redirect (${s}) ${where}; redirects are not followed for this call, so nothing was done — check the store's URL`,
      details,
    );
  }
  if (s === 429) {
    const wait = retryAfterMs ?? defaultRateLimitMs;
    return new RateLimited(`${call} was rate limited (429); retry after ${wait} ms`, wait, { ...details, retryAfterMs: wait });
  }
  if (s === 401 || s === 403) return new AuthError(`${call} was refused (${s}): the credentials are invalid or lack access`, details);
  if (s === 404 || s === 410) return new NotFound(`${call} found nothing (${s})`, details);
  if (s === 408 || s >= 500) return new Transient(`${call} failed with ${s}`, details);
  return new Rejected(`${call} was rejected (${s})`, details);
}

/**
 * A Location header made safe to show: resolved against the request URL, credentials and query string
 * dropped (signed links and tokens live there), then the caller's redactor for anything left.
 */
export function describeLocation(location: string | undefined, requestUrl: URL, redact: (s: string) => string): string | undefined {
  if (!location) return undefined;
  try {
    const u = new URL(location, requestUrl);
    return redact(`${u.origin}${u.pathname}${u.search ? '?…' : ''}`);
  } catch {
    return '(an unreadable Location)';
  }
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** Whether a network failure happened before the request could have reached the platform. */
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function errorForNetworkFailure(code: string | undefined, ctx: ErrorContext, timeoutMs: number): PluginError {
  const details = { method: ctx.method, url: ctx.url, code: code ?? 'unknown' };
  if (code && TIMEOUT_CODES.has(code)) return new Transient(`${describeCall(ctx)} timed out after ${timeoutMs} ms`, details);
  return new Transient(`${describeCall(ctx)} failed: network error (${code ?? 'unknown'})`, details);
}
