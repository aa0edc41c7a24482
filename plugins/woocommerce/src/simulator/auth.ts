/**
 * WC_REST_Authentication as the sandbox applies it. Real sites accept HTTP Basic (or the
 * consumer_key/consumer_secret query pair) only over HTTPS and want OAuth 1.0a over plain http; the
 * sandbox is plain http on loopback and reached only through the test-only baseUrl override, so it
 * accepts Basic and the query pair as if over HTTPS (README.md: "Auth").
 */
import type { SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { isIssuedConsumerKey } from './wc-auth';
import { wpError } from './wp-errors';

interface Presented {
  key: string;
  secret: string;
}

export function presentedCredentials(req: SimRequest): Presented | undefined {
  const q = req.query;
  const qKey = typeof q.consumer_key === 'string' ? q.consumer_key : '';
  const qSecret = typeof q.consumer_secret === 'string' ? q.consumer_secret : '';
  if (qKey && qSecret) return { key: qKey, secret: qSecret };
  const header = req.headers.authorization ?? '';
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * With no recognised key the request runs as a visitor, and the endpoint's permission check answers
 * 401 (rest_authorization_required_code() for a logged-out user) with its own code and message.
 */
export function notAllowed(req: SimRequest): SimResponse {
  const p = req.path.replace(/\/+$/, '');
  if (/\/batch$/.test(p))
    return wpError('woocommerce_rest_cannot_batch', 'Sorry, you are not allowed to batch manipulate this resource.', 401);
  if (req.method === 'GET') {
    return /\/variations$|\/products$/.test(p)
      ? wpError('woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.', 401)
      : wpError('woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.', 401);
  }
  if (req.method === 'DELETE') return wpError('woocommerce_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.', 401);
  return wpError('woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.', 401);
}

const WWW_AUTHENTICATE =
  'Basic realm="WooCommerce API. Use a consumer key in the username field and a consumer secret in the password field."';

export function authenticateWoo(req: SimRequest, creds: Record<string, string>, revoked: boolean): SimResponse | undefined {
  const presented = presentedCredentials(req);
  // A key the store issued through /wc-auth is checked against the store's records by the route (wc-auth.ts).
  if (presented && isIssuedConsumerKey(presented.key)) return revoked ? notAllowed(req) : undefined;
  // An unknown (or deleted, i.e. revoked) key is no error by itself: the user stays logged out.
  if (!presented || revoked || presented.key !== creds.consumerKey) return notAllowed(req);
  if (presented.secret !== creds.consumerSecret) {
    return wpError(
      'woocommerce_rest_authentication_error',
      'Consumer secret is invalid.',
      401,
      {},
      { 'www-authenticate': WWW_AUTHENTICATE },
    );
  }
  return undefined;
}
