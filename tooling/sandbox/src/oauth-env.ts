/**
 * The hub configuration that lets a hub connect stores to the sandbox's simulators through their install flows:
 * for every simulator that models the platform's install flow (the testkit's OAuth kit, `oauthApp`), the
 * sandbox app's client id and secret and the simulator's URL as the flow's origin. Test values only (the
 * simulators' own sandbox apps); `HUB_OAUTH_<PLATFORM>_BASE_URL` is refused by a production hub.
 */
import type { Sandbox, SandboxSimulator } from './start-sandbox';

/** `tiktok-shop` → `TIKTOK_SHOP` (the hub's naming of its per-platform variables). */
export function platformEnvKey(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export function oauthEnvFor(sim: SandboxSimulator): Record<string, string> {
  const app = sim.oauthApp;
  if (!app) return {};
  const key = platformEnvKey(sim.id);
  return {
    [`HUB_OAUTH_${key}_CLIENT_ID`]: app.clientId,
    [`HUB_OAUTH_${key}_CLIENT_SECRET`]: app.clientSecret,
    [`HUB_OAUTH_${key}_BASE_URL`]: sim.simulator.baseUrl,
    // One environment line: the hub reads `\n` as the PEM's line breaks.
    ...(app.publicKey ? { [`HUB_OAUTH_${key}_PUBLIC_KEY`]: app.publicKey.trim().replace(/\n/g, '\\n') } : {}),
  };
}

/** Every simulator's install-flow variables together (pass them to the hub's environment). */
export function sandboxOAuthEnv(sandbox: Pick<Sandbox, 'simulators'>): Record<string, string> {
  return Object.assign({}, ...sandbox.simulators.map(oauthEnvFor)) as Record<string, string>;
}
