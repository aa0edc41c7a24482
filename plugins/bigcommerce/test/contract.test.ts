import { runContractSuite } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

// Notices: hooks are created per store through the v3 Webhooks API; callbacks are signed with the app's client secret.
runContractSuite({ plugin, simulator, notices: { productId: '22', variantId: '733' } });
