/**
 * The Wix error envelope: `{ message, details: { applicationError: { code, description, data } } }`
 * or `{ message, details: { validationError: { fieldViolations: [...] } } }` (what the reference
 * pages call "standard Wix errors", e.g. under Errors on
 * https://dev.wix.com/docs/rest/business-solutions/stores/catalog-v3/inventory-items-v3/bulk-update-inventory-items;
 * the exact fields are unverified).
 */
import type { SimResponse } from '@stock-sync/plugin-testkit/simulator';

export function appError(status: number, code: string, description: string): SimResponse {
  return { status, body: { message: description, details: { applicationError: { code, description, data: {} } } } };
}

export function validationError(field: string, description: string): SimResponse {
  return {
    status: 400,
    body: {
      message: `INVALID_ARGUMENT: ${field} ${description}`,
      details: { validationError: { fieldViolations: [{ field, description, violatedRule: 'INVALID' }] } },
    },
  };
}

export const unauthenticated = () => appError(401, 'UNAUTHENTICATED', 'Invalid or revoked access token');
