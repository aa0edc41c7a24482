/** Which platform the demo connects by its install flow, and the hub settings that make the renewal happen within the demo. */
import { DEMO_RENEW_AFTER_SECONDS, installFlowCandidates, installFlowHubEnv, type InstallFlowIntegration } from '../src/install-flow';

const flow = (id: string, configured: boolean, accessTokenSeconds?: number): InstallFlowIntegration => ({
  id,
  displayName: id,
  installFlow: { configured, connectFields: [], ...(accessTokenSeconds ? { tokenLifetime: { accessTokenSeconds } } : {}) },
});

describe('the install-flow part of the demo', () => {
  const sandbox = (ids: string[]) => ({
    get: (id: string) => (ids.includes(id) ? ({ oauthApp: { clientId: 'c', clientSecret: 's' } } as never) : undefined),
  });

  it('prefers Etsy, then Shopify, among configured flows with expiring tokens and a simulator flow', () => {
    const integrations = [
      flow('wix', true, 14400),
      flow('shopify', true, 3600),
      flow('etsy', true, 3600),
      flow('ecwid', true),
      flow('base', false, 3600),
    ];
    expect(installFlowCandidates(integrations, sandbox(['wix', 'shopify', 'etsy', 'ecwid', 'base'])).map((i) => i.id)).toEqual([
      'etsy',
      'shopify',
      'wix',
    ]);
    expect(installFlowCandidates(integrations, sandbox(['wix'])).map((i) => i.id)).toEqual(['wix']);
    expect(installFlowCandidates([{ id: 'magento', displayName: 'Magento' }], sandbox(['magento']))).toEqual([]);
  });

  it('the hub sweeps every second and renews a token a few seconds after issue', () => {
    expect(installFlowHubEnv(3600)).toEqual({
      HUB_CREDENTIAL_SWEEP_INTERVAL_SECONDS: '1',
      HUB_CREDENTIAL_REFRESH_AHEAD_SECONDS: String(3600 - DEMO_RENEW_AFTER_SECONDS),
    });
    expect(installFlowHubEnv(30).HUB_CREDENTIAL_REFRESH_AHEAD_SECONDS).toBe('60');
  });
});
