/** The testkit's OAuth contract: the install flow against the simulator, as the hub drives it. */
import { inboundRequest, runOAuthContract } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { signedApplicationUninstalled, simulator } from '../src/simulator';

runOAuthContract({
  plugin,
  simulator,
  // The application.uninstalled webhook as Ecwid signs it, for the store the flow connected.
  uninstallNotice: (sim, app) => {
    const notice = signedApplicationUninstalled(sim.credentials.storeId, new Date(), app);
    return inboundRequest({ method: 'POST', body: notice.body, headers: notice.headers });
  },
});
