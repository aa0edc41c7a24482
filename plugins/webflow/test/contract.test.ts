import { runContractSuite, runNoticesContract } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runContractSuite({ plugin, simulator });

// The app-signed ecomm_inventory_changed webhook: subscribed, delivered on a manual edit, verified with the app's
// client secret, read as the edited SKU, nothing after unsubscribe.
runNoticesContract({
  plugin,
  simulator,
  seed: [{ productId: 'p1', variants: [{ variantId: 'sku1', initial: { kind: 'quantity', quantity: 3 } }] }],
  edited: { externalProductId: 'p1', externalVariantId: 'sku1' },
  to: { kind: 'quantity', quantity: 17 },
});
