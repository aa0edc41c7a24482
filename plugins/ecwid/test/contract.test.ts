import { runContractSuite, runNoticesContract } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { SANDBOX_STORE_ID, simulator } from '../src/simulator';

runContractSuite({ plugin, simulator });

runNoticesContract({
  plugin,
  simulator,
  seed: [{ productId: '66722483', variants: [{ variantId: '101', initial: { kind: 'quantity', quantity: 3 } }] }],
  edited: { externalProductId: '66722483', externalVariantId: '101' },
  to: { kind: 'quantity', quantity: 17 },
  externalStoreId: SANDBOX_STORE_ID,
});
