/** The testkit's OAuth contract: the plugin's install flow, refresh and refused refresh against the Square simulator. */
import { runOAuthContract } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runOAuthContract({ plugin, simulator });
