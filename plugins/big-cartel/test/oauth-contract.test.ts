/** The testkit's OAuth contract: the install flow against the simulator, as the hub drives it. */
import { inboundRequest, runOAuthContract } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { signedAccountDeauthorized, simulator } from '../src/simulator';

runOAuthContract({
  plugin,
  simulator,
  // The account.deauthorized webhook as Big Cartel signs it, for the account the flow connected.
  uninstallNotice: (sim, app) => {
    const notice = signedAccountDeauthorized(sim.credentials.accountId, app);
    return inboundRequest({ method: 'POST', body: notice.body, headers: notice.headers });
  },
});
