import { quantity } from '@stock-sync/plugin-sdk';
import { runContractSuite, runNoticesContract, seedProduct } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { SANDBOX_STORE_ID, simulator } from '../src/simulator';

runContractSuite({ plugin, simulator });

runNoticesContract({
  plugin,
  simulator,
  // The product of the documented product/updated delivery (webhook-delivery-product-updated.json).
  seed: [seedProduct(1948209, 112, 1, quantity(3))],
  edited: { externalProductId: '1948209', externalVariantId: '112' },
  to: quantity(17),
  externalStoreId: SANDBOX_STORE_ID,
});
