import { runContractSuite } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runContractSuite({ plugin, simulator });
