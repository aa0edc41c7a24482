/** The contract's OAuth part: the public-app install flow against the simulator (its sandbox app, its clock). */
import { inboundRequest } from '@stock-sync/plugin-testkit/simulator';
import { runOAuthContract } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { appUninstalledWebhook, simulator } from '../src/simulator';

runOAuthContract({ plugin, simulator, uninstallNotice: (sim, app) => inboundRequest(appUninstalledWebhook(sim.state, app.clientSecret)) });
