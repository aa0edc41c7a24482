/**
 * Reading what a platform sends to the hub's public routes and token endpoints, the same way in every plugin:
 * ids and tokens may come as strings or numbers; a notice's body is read from the exact bytes received.
 */
import type { ConnectedStore, InboundRequest, TokenResponse } from '../oauth';
import { isJsonObject } from '../authoring/json-object';

/** A non-empty string (trimmed), or a finite number as its decimal text; anything else is undefined. */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The raw body parsed as a JSON object; undefined when it is not JSON or not an object (null, array, scalar). */
export function jsonObjectOf(req: Pick<InboundRequest, 'rawBody'>): Record<string, unknown> | undefined {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
  return isJsonObject(body) ? body : undefined;
}

/**
 * For a platform whose token answer names the store (`storeIdField`) and gives a token that does not expire: the
 * store's credentials `{ storeId, accessToken }`, the store id naming it (the SDK adds the sandbox baseUrl).
 * An answer without either is an Error naming what is missing.
 */
export function storeFromToken(platform: string, storeIdField: string) {
  return (token: TokenResponse): ConnectedStore => {
    const accessToken = idText(token.access_token);
    const storeId = idText(token[storeIdField]);
    if (!accessToken || !storeId) throw new Error(`${platform} token answer has no ${accessToken ? storeIdField : 'access_token'}`);
    return { credentials: { storeId, accessToken }, externalStoreId: storeId };
  };
}
