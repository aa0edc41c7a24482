/**
 * WooCommerce's Application Authentication Endpoint as the sandbox serves it (README "Connecting"; the store side
 * is class-wc-auth.php, https://github.com/woocommerce/woocommerce/blob/trunk/plugins/woocommerce/includes/class-wc-auth.php):
 *  - GET /wc-auth/v1/authorize?app_name&scope&user_id&return_url&callback_url: every parameter mandatory ("Missing
 *    parameter %s"), scope read | write | read_write ("Invalid scope %s"), both URLs valid, callback_url over https
 *    ("The callback_url needs to be over SSL" — the sandbox also accepts http on loopback, where a test hub
 *    listens: a simplification); refusals are WordPress's 401 "Access denied" page, no redirect;
 *  - the store owner is logged in and approves at once (the kit's consent switch denies): keys ck_/cs_ + 40 hex are
 *    created and POSTed as JSON {key_id, user_id, consumer_key, consumer_secret, key_permissions} to callback_url
 *    (Content-Type application/json;charset=UTF-8); any answer but 200 deletes the key again and shows the error page;
 *    then 302 to return_url?success=1&user_id=…; a denial: 302 to return_url?success=0&user_id=…, nothing posted;
 *  - an issued key works on wc/v3 until the owner revokes it (the simulator's revoke switch); a read key may only
 *    read (WC_REST_Authentication::check_permissions: "The API key provided does not have write permissions.").
 */
import { randomBytes } from 'node:crypto';
import { oauthSimState } from '@stock-sync/plugin-testkit/simulator';
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import type { WooSimState } from './state';
import { wpError } from './wp-errors';

export const AUTHORIZE_PATH = '/wc-auth/v1/authorize';
const PARAMS = ['app_name', 'user_id', 'return_url', 'callback_url', 'scope'] as const;
const SCOPES = new Set(['read', 'write', 'read_write']);

export interface IssuedKey {
  keyId: number;
  consumerSecret: string;
  permissions: 'read' | 'write' | 'read_write';
  description: string;
}

/** Every consumer key a sandbox store issued in this process: the auth check defers them to the store's records. */
const issuedKeys = new Set<string>();
const keysOf = new WeakMap<WooSimState, Map<string, IssuedKey>>();

/** The keys one simulated store issued (consumer key → record). */
export function issuedKeysOf(state: WooSimState): Map<string, IssuedKey> {
  let m = keysOf.get(state);
  if (!m) {
    m = new Map();
    keysOf.set(state, m);
  }
  return m;
}

export function isIssuedConsumerKey(key: string): boolean {
  return issuedKeys.has(key);
}

/** WordPress's wp_die page for a refused handshake (response 401). */
function accessDenied(message: string): SimResponse {
  return {
    status: 401,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<title>Access denied</title><p>Error: ${message}.</p>`,
  };
}

function first(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

/** get_formatted_url: decoded; no scheme → https://. */
function formatted(url: string): string {
  const u = decodeURIComponent(url);
  return u.includes('://') ? u : `https://${u}`;
}

function loopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

function withQuery(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

async function authorize(req: SimRequest, ctx: SimContext<WooSimState>): Promise<SimResponse> {
  const data: Record<string, string> = {};
  for (const p of PARAMS) {
    const v = first(req.query[p]);
    if (v === '') return accessDenied(`Missing parameter ${p}`);
    data[p] = v;
  }
  if (!SCOPES.has(data.scope)) return accessDenied(`Invalid scope ${data.scope}`);
  const urls: Record<string, URL> = {};
  for (const p of ['return_url', 'callback_url'] as const) {
    try {
      urls[p] = new URL(formatted(data[p]));
    } catch {
      return accessDenied(`The ${formatted(data[p])} is not a valid URL`);
    }
  }
  if (urls.callback_url.protocol !== 'https:' && !loopback(urls.callback_url)) return accessDenied('The callback_url needs to be over SSL');

  const consent = oauthSimState(ctx.state);
  const returnUrl = urls.return_url.toString();
  if (consent.consentDenied) {
    consent.counts.denials++;
    return { status: 302, headers: { location: withQuery(returnUrl, { success: '0', user_id: data.user_id }) }, body: '' };
  }

  const keys = issuedKeysOf(ctx.state);
  const consumerKey = `ck_${randomBytes(20).toString('hex')}`;
  const consumerSecret = `cs_${randomBytes(20).toString('hex')}`;
  const keyId = keys.size + 1;
  const permissions = data.scope as IssuedKey['permissions'];
  keys.set(consumerKey, {
    keyId,
    consumerSecret,
    permissions,
    description: `${data.app_name} - API (${new Date(ctx.now()).toISOString().slice(0, 19).replace('T', ' ')})`,
  });
  issuedKeys.add(consumerKey);
  consent.counts.consents++;

  let status: number;
  try {
    const res = await fetch(urls.callback_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      body: JSON.stringify({
        key_id: keyId,
        user_id: data.user_id,
        consumer_key: consumerKey,
        consumer_secret: consumerSecret,
        key_permissions: permissions,
      }),
      redirect: 'manual',
      signal: AbortSignal.timeout(60_000),
    });
    status = res.status;
    await res.arrayBuffer();
  } catch {
    status = 0;
  }
  if (status !== 200) {
    keys.delete(consumerKey);
    return accessDenied('An error occurred in the request and at the time were unable to send the consumer data');
  }
  return { status: 302, headers: { location: withQuery(returnUrl, { success: '1', user_id: data.user_id }) }, body: '' };
}

export const wcAuthRoute: SimRoute<WooSimState> = { method: 'GET', path: AUTHORIZE_PATH, handle: authorize };

/**
 * The wc/v3 check of an issued key against the store's records: unknown (revoked) → the visitor's refusal from
 * `notAllowed`; wrong secret → "Consumer secret is invalid."; a read key writing → no write permissions.
 */
export function checkIssuedKey(
  req: SimRequest,
  state: WooSimState,
  key: string,
  secret: string,
  notAllowed: (req: SimRequest) => SimResponse,
): SimResponse | undefined {
  const rec = issuedKeysOf(state).get(key);
  if (!rec) return notAllowed(req);
  if (rec.consumerSecret !== secret) return wpError('woocommerce_rest_authentication_error', 'Consumer secret is invalid.', 401);
  const reads = req.method === 'GET' || req.method === 'HEAD';
  if (rec.permissions === 'read' && !reads)
    return wpError('woocommerce_rest_authentication_error', 'The API key provided does not have write permissions.', 401);
  if (rec.permissions === 'write' && reads)
    return wpError('woocommerce_rest_authentication_error', 'The API key provided does not have read permissions.', 401);
  return undefined;
}

/** The owner revokes every key the store issued (WooCommerce → Settings → Advanced → REST API → Revoke). */
export function revokeIssuedKeys(state: WooSimState): void {
  issuedKeysOf(state).clear();
}
