/** The testkit's OAuth contract: the install flow against the simulator, as the hub drives it. */
import { runOAuthContract } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runOAuthContract({ plugin, simulator });
