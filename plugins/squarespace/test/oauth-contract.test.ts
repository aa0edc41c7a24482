/** The testkit's OAuth contract: the plugin's install flow, refresh (rotation) and refused refresh against the Squarespace simulator. */
import { runOAuthContract } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runOAuthContract({ plugin, simulator });
