/** The testkit's OAuth contract: the install flow against the simulator, as the hub drives it. */
import { inboundPost, runOAuthContract } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { signedApplicationUninstalled, simulator } from '../src/simulator';

runOAuthContract({
  plugin,
  simulator,
  // The application.uninstalled webhook as Ecwid signs it, for the store the flow connected.
  uninstallNotice: (sim, app) => inboundPost(signedApplicationUninstalled(sim.credentials.storeId, new Date(), app)),
});
