import type { CredentialField } from '../contract';

/**
 * The optional credential every plugin accepts, declared or not: it overrides the platform's base URL
 * so a store can point at the sandbox (or a platform's regional host). Not secret.
 */
export const BASE_URL_FIELD: CredentialField = Object.freeze({
  name: 'baseUrl',
  secret: false,
  required: false,
  description: "Overrides the platform's base URL (e.g. a sandbox simulator's URL).",
});
