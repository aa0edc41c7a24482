/** The testkit's OAuth contract: the app install against the simulator, as the hub drives it. */
import { inboundPost, runOAuthContract } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { signedAppUninstalled, simulator } from '../src/simulator';

runOAuthContract({
  plugin,
  simulator,
  // The app/uninstalled webhook as Nuvemshop signs it, for the store the flow connected.
  uninstallNotice: (sim, app) => inboundPost(signedAppUninstalled(sim.credentials.storeId, app)),
});
