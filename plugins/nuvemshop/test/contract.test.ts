import { runContractSuite } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { SANDBOX_STORE_ID, simulator } from '../src/simulator';

runContractSuite({
  plugin,
  simulator,
  // The product of the documented product/updated delivery (webhook-delivery-product-updated.json).
  notices: { productId: '1948209', variantId: '112', externalStoreId: SANDBOX_STORE_ID },
});
