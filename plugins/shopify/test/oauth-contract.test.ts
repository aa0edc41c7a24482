/** The contract's OAuth part: the public-app install flow against the simulator (its sandbox app, its clock). */
import { runOAuthContract } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runOAuthContract({ plugin, simulator });
