/**
 * The seller's Square client (base URL, Bearer token, pinned Square-Version, `{errors:[{category, code, detail}]}`
 * bodies read into the SDK's taxonomy) and the wire shapes this plugin touches (subsets of SPEC, README).
 */
import { AuthError, NotFound } from '@stock-sync/plugin-api';
import { authRefusalClassifier, jsonBodyOf } from '@stock-sync/plugin-sdk';
import type { ConnectContext, HttpClient } from '@stock-sync/plugin-api';
import { DEFAULT_BASE_URL, SQUARE_VERSION } from './manifest';

export function apiBaseUrl(credentials: Readonly<Record<string, string>>): string {
  return (credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '').replace(/\/v2$/, '');
}

export function createSquareApi(ctx: ConnectContext): HttpClient {
  const token = ctx.credentials.accessToken ?? '';
  return ctx.http.extend({
    baseURL: apiBaseUrl(ctx.credentials),
    headers: {
      Authorization: `Bearer ${token}`,
      'Square-Version': SQUARE_VERSION,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
    classify: authRefusalClassifier('Square', codesOf, { reasonKey: 'codes' }),
    secrets: token ? [token] : [],
  });
}

/** The `errors` of a Square body, or of the SDK's redacted snippet of one (a JSON string; not JSON: none). */
export function squareErrors(data: unknown): SquareError[] {
  const errors = jsonBodyOf(data)?.errors;
  return Array.isArray(errors)
    ? errors.filter((e): e is SquareError => typeof e === 'object' && e !== null && typeof (e as SquareError).code === 'string')
    : [];
}

/** `CODE: detail` of the first few errors; Square's details never echo the token. */
export function describeSquareErrors(errors: SquareError[]): string {
  return errors
    .slice(0, 3)
    .map((e) => `${e.code}${e.field ? ` (${e.field})` : ''}${e.detail ? `: ${e.detail}` : ''}`)
    .join('; ');
}

/** 401 and 403 both mean the seller must reconnect (README "Auth"): AuthError naming Square's codes. */
const codesOf = (data: unknown) =>
  squareErrors(data)
    .map((e) => e.code)
    .join(', ');

/** RetrieveLocation (SPEC GET /v2/locations/{location_id}; "main": the main one): the id, or an AuthError naming locationId. */
export async function retrieveLocation(api: HttpClient, locationId: string): Promise<unknown> {
  const url = `/v2/locations/${encodeURIComponent(locationId)}`;
  try {
    return (await api.request<{ location?: { id?: unknown } }>({ method: 'GET', url })).data?.location?.id;
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
    throw new AuthError(`the Square seller has no location '${locationId}': check the locationId`, { locationId });
  }
}

export interface SquareError {
  category: string;
  code: string;
  detail?: string;
  field?: string;
}

export interface ItemVariationLocationOverrides {
  location_id?: string;
  track_inventory?: boolean | null;
  /** Read-only: Square sets it (count reached 0 while tracked, or the seller marked it by hand). */
  sold_out?: boolean;
  sold_out_valid_until?: string;
  [other: string]: unknown;
}

export interface CatalogItemVariation {
  item_id?: string;
  track_inventory?: boolean | null;
  location_overrides?: ItemVariationLocationOverrides[] | null;
  [other: string]: unknown;
}

export interface CatalogObject {
  type: string;
  id: string;
  is_deleted?: boolean;
  item_variation_data?: CatalogItemVariation;
  [other: string]: unknown;
}

export interface InventoryCount {
  catalog_object_id?: string;
  state?: string;
  location_id?: string;
  /** A decimal string, e.g. "5" or "5.00000". */
  quantity?: string;
}
