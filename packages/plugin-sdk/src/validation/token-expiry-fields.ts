import { ACCESS_TOKEN_EXPIRES_AT, REFRESH_TOKEN_EXPIRES_AT, type CredentialField } from '@stock-sync/plugin-api';

/**
 * The optional credentials holding when the access token and the refresh token expire (the hub renews tokens by
 * them); the connect flow and every refresh set them. `lifetimes` says, per token, how long it lives in the
 * platform's words; a token without an entry gets no field (a platform that never expires its refresh token).
 */
export function tokenExpiryFields(lifetimes: { access: string; refresh?: string }): CredentialField[] {
  const field = (name: string, token: string, lifetime: string): CredentialField => ({
    name,
    secret: false,
    required: false,
    description: `ISO-8601 instant the ${token} token expires (${lifetime}); set by the connect flow and every refresh.`,
  });
  const fields = [field(ACCESS_TOKEN_EXPIRES_AT, 'access', lifetimes.access)];
  if (lifetimes.refresh !== undefined) fields.push(field(REFRESH_TOKEN_EXPIRES_AT, 'refresh', lifetimes.refresh));
  return fields;
}
