/** The testkit's OAuth contract: the install flow against the simulator, as the hub drives it. */
import { inboundPost, runOAuthContract } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { signedAccountDeauthorized, simulator } from '../src/simulator';

runOAuthContract({
  plugin,
  simulator,
  // The account.deauthorized webhook as Big Cartel signs it, for the account the flow connected.
  uninstallNotice: (sim, app) => inboundPost(signedAccountDeauthorized(sim.credentials.accountId, app)),
});
