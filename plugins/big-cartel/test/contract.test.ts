import { runContractSuite, runNoticesContract } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runContractSuite({ plugin, simulator });

// Platform notices (README "Platform notices"): product.updated sent to the application's one webhook_url (set as
// in the app's settings), signed with the client secret, naming the account by account_id.
runNoticesContract({
  plugin,
  simulator,
  seed: [{ productId: '456', variants: [{ variantId: '789', initial: { kind: 'quantity', quantity: 3 } }] }],
  edited: { externalProductId: '456', externalVariantId: '789' },
  to: { kind: 'quantity', quantity: 17 },
  externalStoreId: simulator.createState().accountId,
});
