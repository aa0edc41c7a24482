/**
 * TikTok Shop request signing (Open API 202309, "Sign your API request"):
 *   1. every query parameter except `sign` and `access_token`, sorted by key, as `{key}{value}`;
 *   2. the request path in front;
 *   3. the raw body appended (not for multipart);
 *   4. the whole wrapped in app_secret on both sides;
 *   5. HMAC-SHA256 keyed with app_secret, lower-case hex.
 */
import { createHmac } from 'node:crypto';

/** The string step 4 produces; exported so tests can check each step. */
export function stringToSign(appSecret: string, path: string, query: Readonly<Record<string, string>>, body: string): string {
  const params = Object.keys(query)
    .filter((k) => k !== 'sign' && k !== 'access_token')
    .sort()
    .map((k) => `${k}${query[k]}`)
    .join('');
  return `${appSecret}${path}${params}${body}${appSecret}`;
}

export function signRequest(appSecret: string, path: string, query: Readonly<Record<string, string>>, body: string): string {
  return createHmac('sha256', appSecret)
    .update(stringToSign(appSecret, path, query, body), 'utf8')
    .digest('hex');
}
