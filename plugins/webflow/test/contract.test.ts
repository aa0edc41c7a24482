import { runContractSuite } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

// Notices: the app-signed ecomm_inventory_changed webhook: subscribed, delivered on a manual edit, verified with the
// app's client secret, read as the edited SKU, nothing after unsubscribe.
runContractSuite({ plugin, simulator, notices: { productId: 'p1', variantId: 'sku1' } });
