import { runContractSuite } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { SANDBOX_STORE_ID, simulator } from '../src/simulator';

runContractSuite({ plugin, simulator, notices: { productId: '66722483', variantId: '101', externalStoreId: SANDBOX_STORE_ID } });
