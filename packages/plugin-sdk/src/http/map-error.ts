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
}

export function describeCall(ctx: ErrorContext): string {
  return `${ctx.method} ${ctx.url}`;
}

export function errorForStatus(res: HttpResponse, ctx: ErrorContext, retryAfterMs: number | undefined, defaultRateLimitMs: number): PluginError | undefined {
  const s = res.status;
  if (s < 400) return undefined;
  const details: Record<string, unknown> = { method: ctx.method, url: ctx.url, status: s };
  if (ctx.body) details.body = ctx.body;
  const call = describeCall(ctx);
  if (s === 429) {
    const wait = retryAfterMs ?? defaultRateLimitMs;
    return new RateLimited(`${call} was rate limited (429); retry after ${wait} ms`, wait, { ...details, retryAfterMs: wait });
  }
  if (s === 401 || s === 403) return new AuthError(`${call} was refused (${s}): the credentials are invalid or lack access`, details);
  if (s === 404 || s === 410) return new NotFound(`${call} found nothing (${s})`, details);
  if (s === 408 || s >= 500) return new Transient(`${call} failed with ${s}`, details);
  return new Rejected(`${call} was rejected (${s})`, details);
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** Whether a network failure happened before the request could have reached the platform. */
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function errorForNetworkFailure(code: string | undefined, ctx: ErrorContext, timeoutMs: number): PluginError {
  const details = { method: ctx.method, url: ctx.url, code: code ?? 'unknown' };
  if (code && TIMEOUT_CODES.has(code)) return new Transient(`${describeCall(ctx)} timed out after ${timeoutMs} ms`, details);
  return new Transient(`${describeCall(ctx)} failed: network error (${code ?? 'unknown'})`, details);
}
