import { runContractSuite } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

// Platform notices (README "Platform notices"): product.updated sent to the application's one webhook_url (set as
// in the app's settings), signed with the client secret, naming the account by account_id.
runContractSuite({
  plugin,
  simulator,
  notices: { productId: '456', variantId: '789', externalStoreId: simulator.createState().accountId },
});
