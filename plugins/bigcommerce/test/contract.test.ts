import { runContractSuite, runNoticesContract } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runContractSuite({ plugin, simulator });

// Hooks are created per store through the v3 Webhooks API; callbacks are signed with the app's client secret.
runNoticesContract({
  plugin,
  simulator,
  seed: [{ productId: '22', variants: [{ variantId: '733', initial: { kind: 'quantity', quantity: 3 } }] }],
  edited: { externalProductId: '22', externalVariantId: '733' },
  to: { kind: 'quantity', quantity: 17 },
});
