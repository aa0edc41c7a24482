/** The testkit's OAuth contract: the app install against the simulator, as the hub drives it. */
import { inboundRequest, runOAuthContract } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { signedAppUninstalled, simulator } from '../src/simulator';

runOAuthContract({
  plugin,
  simulator,
  // The app/uninstalled webhook as Nuvemshop signs it, for the store the flow connected.
  uninstallNotice: (sim, app) => {
    const notice = signedAppUninstalled(sim.credentials.storeId, app);
    return inboundRequest({ method: 'POST', body: notice.body, headers: notice.headers });
  },
});
