/** Ecwid error answers: an HTTP status with `{ errorMessage, errorCode }` (docs.ecwid.com REST API error codes). */
import type { SimResponse } from '@stock-sync/plugin-testkit/simulator';

export function ecwidError(status: number, errorCode: string | undefined, errorMessage: string): SimResponse {
  return { status, body: errorCode ? { errorMessage, errorCode } : { errorMessage } };
}

export const invalidToken = () => ecwidError(403, 'INVALID_API_TOKEN', 'Invalid access token');
export const productNotFound = (id: number | string) => ecwidError(404, 'PRODUCT_NOT_FOUND', `Product #${id} not found`);
export const combinationNotFound = (id: number | string) => ecwidError(404, 'COMBINATION_NOT_FOUND', `Combination #${id} not found`);
export const wrongParameter = (message: string) => ecwidError(400, 'WRONG_PARAMETER', message);
export const notOnPlan = () =>
  ecwidError(402, 'NOT_AVAILABLE_ON_CURRENT_PLAN', 'Product combinations are not available on the current plan');
