/**
 * BigCommerce's auth check as the sandbox applies it: the X-Auth-Token of a store-level API account,
 * valid only for the store whose hash is in the path. Refusals are 401 problem+json.
 */
import type { SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { problem } from './errors';

const STORE_PATH = /^\/stores\/([^/]+)\//;

export function authenticateBc(req: SimRequest, creds: Record<string, string>, revoked: boolean): SimResponse | undefined {
  const token = req.headers['x-auth-token'];
  if (!token) return problem(401, 'Missing X-Auth-Token header');
  const hash = STORE_PATH.exec(req.path)?.[1];
  // A token belongs to one store: another store's hash (or a revoked / wrong token) is not authorised.
  if (revoked || token !== creds.accessToken || (hash !== undefined && decodeURIComponent(hash) !== creds.storeHash)) {
    return problem(401, 'No valid credentials found for this request');
  }
  return undefined;
}
