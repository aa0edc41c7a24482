/** The testkit's OAuth contract: the app authorization against the simulator, as the hub drives it. */
import { runOAuthContract } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { SIM_SITE_ID, simulator } from '../src/simulator';

// Weebly's install names the owner and the site (user_id, site_id): the connect inputs.
runOAuthContract({ plugin, simulator, inputs: { userId: '1234', siteId: SIM_SITE_ID } });
