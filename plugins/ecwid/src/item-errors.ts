/**
 * One REST answer (a direct call's PluginError, or a sub-request's status code inside a batch) →
 * the SDK taxonomy. Sub-request codes never reach the SDK client, so the plugin maps them here the
 * same way the client maps a direct answer.
 */
import { AuthError, NotFound, RateLimited, Rejected, Transient, type PluginError } from '@stock-sync/plugin-sdk';
import type { SubAnswer } from './batch-status';
import { errorBodyOf } from './ecwid-types';

export function subRequestError(what: string, r: SubAnswer | undefined): PluginError {
  if (!r) return new Transient(`Ecwid's batch answer has no result for ${what}`);
  if (r.status === 'NOT_EXECUTED') return new Transient(`Ecwid did not execute the request for ${what}`);
  const code = r.httpStatusCode ?? NaN;
  const body = errorBodyOf(r.body);
  const reason = body?.errorCode ?? r.httpStatusLine ?? (Number.isFinite(code) ? `HTTP ${code}` : 'no status code');
  // COMPLETED with a 200 is a success (subAnswerSucceeded); anything else claiming success without a
  // readable code is not proof the write happened: Transient, so the hub tries again (writes are absolute).
  if (r.status === 'COMPLETED' && (code === 200 || !Number.isFinite(code))) {
    return new Transient(`Ecwid's batch answer for ${what} is incomplete (${r.status}, ${reason}): not counted as done`, { status: code });
  }
  const details = { status: code, code: body?.errorCode };
  if (code === 401 || code === 403) return new AuthError(`Ecwid refused the access token for ${what} (${reason})`, details);
  if (code === 404) return new NotFound(`Ecwid has no ${what} (${reason})`, details);
  if (code === 429) return new RateLimited(`Ecwid throttled the request for ${what}`, 1_000, details);
  if (code === 408 || code >= 500 || !Number.isFinite(code))
    return new Transient(`Ecwid failed the request for ${what} (${reason})`, details);
  return new Rejected(`Ecwid refused the request for ${what} (${reason}${body?.errorMessage ? `: ${body.errorMessage}` : ''})`, details);
}

/** A 404 on a whole direct call names the product or combination in its path. */
export function directCallError(what: string, e: PluginError): PluginError {
  return e instanceof NotFound ? new NotFound(`Ecwid has no ${what}`, e.details) : e;
}
