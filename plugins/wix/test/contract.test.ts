import { runContractSuite } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { simulator, simulatorV1 } from '../src/simulator';

// The same plugin against a Catalog V3 site and a Catalog V1 site; it detects which (no credential).
describe('Catalog V3 site', () => {
  runContractSuite({ plugin, simulator });
});
describe('Catalog V1 site', () => {
  runContractSuite({ plugin, simulator: simulatorV1 });
});
