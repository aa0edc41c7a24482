// The contract suite run exactly as a plugin runs it, against the fictional Tinyshop platform.
import { runContractSuite } from '../src';
import { tinyshopPlugin } from './fixtures/tinyshop/plugin';
import { tinyshopSimulator } from './fixtures/tinyshop/simulator';

runContractSuite({ plugin: tinyshopPlugin, simulator: tinyshopSimulator });
