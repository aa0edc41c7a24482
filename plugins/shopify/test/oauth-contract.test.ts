/** The contract's OAuth part: the public-app install flow against the simulator (its sandbox app, its clock). */
import { inboundRequest, runOAuthContract } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { appUninstalledWebhook, simulator } from '../src/simulator';

runOAuthContract({ plugin, simulator, uninstallNotice: (sim, app) => inboundRequest(appUninstalledWebhook(sim.state, app.clientSecret)) });
