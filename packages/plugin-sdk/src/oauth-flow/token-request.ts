/**
 * One request to a platform's token endpoint (RFC 6749 §4.1.3 / §6): the grant's parameters, the client's
 * authentication (§2.3.1: in the body, or HTTP Basic with each part form-urlencoded; a public client sends its
 * client_id alone, §3.2.1), form or JSON encoding, and the refusal of a grant (§5.2: invalid_grant,
 * invalid_client, unauthorized_client) read as an AuthError carrying the platform's reason. Sent once, not
 * marked idempotent: a code or a rotated refresh token is spent by the first request that reaches the platform
 * (`resendable` only for a grant that is not spent, e.g. a refresh token the platform does not rotate).
 */
import { AuthError, type PluginError } from '../errors';
import type { HttpClient, HttpResponse } from '../http/http-client';
import type { OAuthApp, PluginOAuth, TokenResponse } from '../oauth';

export type TokenRequestOptions = NonNullable<PluginOAuth['tokenRequest']>;

/** OAuth error codes that mean "this grant will never work": a person must connect the store again. */
export const REFUSED_GRANT_ERRORS: readonly string[] = Object.freeze(['invalid_grant', 'invalid_client', 'unauthorized_client']);

const REASON_CHARS = 200;

/** The platform's own words for a refusal: error code, then its description, cut short. */
export function refusalReason(data: unknown): { error: string; description?: string } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { error, error_description: description } = data as { error?: unknown; error_description?: unknown };
  if (typeof error !== 'string' || !REFUSED_GRANT_ERRORS.includes(error)) return undefined;
  if (typeof description !== 'string' || description === '') return { error };
  return { error, description: description.length > REASON_CHARS ? `${description.slice(0, REASON_CHARS)}…` : description };
}

/** A classifier for the token endpoint: a refused grant is an AuthError whatever its 4xx status. */
export function refusedGrantClassifier(what: string): (res: HttpResponse) => { error?: PluginError } | undefined {
  return (res) => {
    if (res.status < 400 || res.status === 429 || res.status >= 500) return undefined;
    const reason = refusalReason(res.data);
    if (!reason) return undefined;
    const words = reason.description ? `${reason.error}: ${reason.description}` : reason.error;
    return { error: new AuthError(`${what} was refused (${words})`, { status: res.status, error: reason.error }) };
  };
}

/** RFC 6749 §2.3.1: client_id and client_secret are each form-urlencoded before the Basic pair is built. */
export function basicClientAuthorization(app: Pick<OAuthApp, 'clientId' | 'clientSecret'>): string {
  const part = (s: string) => new URLSearchParams({ s }).toString().slice(2);
  return `Basic ${Buffer.from(`${part(app.clientId)}:${part(app.clientSecret)}`).toString('base64')}`;
}

export interface TokenCall {
  http: HttpClient;
  url: string;
  /** The grant's own parameters (grant_type, code / refresh_token, ...). */
  params: Record<string, string>;
  app: Pick<OAuthApp, 'clientId' | 'clientSecret'>;
  options?: TokenRequestOptions;
  /** For messages: e.g. 'the Shopify token refresh'. */
  what: string;
  /** The values of this call that must never reach a log line or an error (code, tokens). */
  secrets: string[];
  /** The grant survives its use (a refresh token that is not rotated): the client may resend after an ambiguous failure. */
  resendable?: boolean;
}

export async function postTokenRequest(call: TokenCall): Promise<TokenResponse> {
  const auth = call.options?.clientAuthentication ?? 'body';
  const params: Record<string, string> = { ...call.params };
  const headers: Record<string, string> = { accept: 'application/json' };
  if (auth === 'basic') headers.authorization = basicClientAuthorization(call.app);
  else {
    params.client_id = call.app.clientId;
    if (auth === 'body') params.client_secret = call.app.clientSecret;
  }
  const json = call.options?.encoding === 'json';
  headers['content-type'] = json ? 'application/json' : 'application/x-www-form-urlencoded';
  const http = call.http.extend({
    classify: refusedGrantClassifier(call.what),
    secrets: [call.app.clientSecret, ...call.secrets],
  });
  const res = await http.request<TokenResponse>({
    method: 'POST',
    url: call.url,
    headers,
    body: json ? JSON.stringify(params) : new URLSearchParams(params).toString(),
    ...(call.resendable ? { idempotent: true } : {}),
  });
  const data = res.data;
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
}
