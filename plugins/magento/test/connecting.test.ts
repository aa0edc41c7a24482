/**
 * Magento connects by credentials the merchant creates in Admin (README "Connecting"): no install flow and no
 * refresh are declared, so the hub offers POST /v1/stores only and never tries to renew a token that does not expire.
 */
import { validatePlugin } from '@stock-sync/plugin-sdk';
import { credentialFields, plugin } from '../src';

it('declares no install flow and no refresh: integration tokens are made in Admin and do not expire', () => {
  expect(plugin.oauth).toBeUndefined();
  expect(plugin.refreshCredentials).toBeUndefined();
  expect(validatePlugin(plugin)).toMatchObject({ ok: true });
});

it('asks for the integration access token and says where the merchant creates it', () => {
  const token = credentialFields.find((f) => f.name === 'accessToken');
  expect(token).toMatchObject({ secret: true, required: true });
  expect(token!.description).toMatch(/Integrations/);
  // No expiry field: an integration token lives until the merchant revokes it.
  expect(credentialFields.map((f) => f.name)).not.toContain('accessTokenExpiresAt');
});
