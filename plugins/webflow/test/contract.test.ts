import { quantity } from '@stock-sync/plugin-sdk';
import { runContractSuite, runNoticesContract } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runContractSuite({ plugin, simulator });

// The app-signed ecomm_inventory_changed webhook: subscribed, delivered on a manual edit, verified with the app's
// client secret, read as the edited SKU, nothing after unsubscribe.
const edited = { externalProductId: 'p1', externalVariantId: 'sku1' };
runNoticesContract({
  plugin,
  simulator,
  seed: [{ productId: edited.externalProductId, variants: [{ variantId: edited.externalVariantId, initial: quantity(3) }] }],
  edited,
  to: quantity(17),
});
