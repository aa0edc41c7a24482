/** The testkit's OAuth contract: the app install against the simulator, as the hub drives it. */
import { runOAuthContract } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runOAuthContract({ plugin, simulator });
