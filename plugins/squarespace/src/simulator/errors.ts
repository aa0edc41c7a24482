/**
 * Commerce API error objects: `{ type, subtype, message, details, contextId }`, every field present
 * (developers.squarespace.com/commerce-apis/responses-error-handling).
 */
import type { SimResponse } from '@stock-sync/plugin-testkit/simulator';
import type { SquarespaceSimState } from './state';

export function errorBody(state: SquarespaceSimState | undefined, type: string, subtype: string | null, message: string) {
  const n = state ? ++state.contextCounter : 0;
  return { type, subtype, message, details: null, contextId: `SIM${String(n).padStart(6, '0')}` };
}

export function sqspError(
  state: SquarespaceSimState | undefined,
  status: number,
  type: string,
  subtype: string | null,
  message: string,
): SimResponse {
  return { status, body: errorBody(state, type, subtype, message) };
}

export const invalidRequest = (state: SquarespaceSimState, subtype: string | null, message: string) =>
  sqspError(state, 400, 'INVALID_REQUEST_ERROR', subtype, message);
