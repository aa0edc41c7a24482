/**
 * The simulator's own reading of TikTok's signing rule (written separately from the plugin's
 * signing.ts so a mistake in one is caught by the other): sorted query parameters except sign and
 * access_token as {key}{value}, the path in front, the raw body after (not for multipart), app_secret
 * around it all, HMAC-SHA256 with app_secret, hex.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SimRequest } from '@stock-sync/plugin-testkit/simulator';

export function expectedSign(req: SimRequest, appSecret: string): string | undefined {
  let params = '';
  for (const key of Object.keys(req.query).sort()) {
    if (key === 'sign' || key === 'access_token') continue;
    const v = req.query[key];
    if (Array.isArray(v)) return undefined; // a repeated parameter cannot be signed unambiguously
    params += key + v;
  }
  const multipart = (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');
  const base = appSecret + req.path + params + (multipart ? '' : req.rawBody) + appSecret;
  return createHmac('sha256', appSecret).update(Buffer.from(base, 'utf8')).digest('hex');
}

export function signMatches(req: SimRequest, appSecret: string): boolean {
  const given = req.query.sign;
  const want = expectedSign(req, appSecret);
  if (typeof given !== 'string' || !want || given.length !== want.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(want));
}
