import { quantity } from '@stock-sync/plugin-sdk';
import { refsOfProduct, runContractSuite, runNoticesContract, seedProduct } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runContractSuite({ plugin, simulator });

// Hooks are created per store through the v3 Webhooks API; callbacks are signed with the app's client secret.
const seeded = seedProduct(22, 733, 1, quantity(3));
runNoticesContract({ plugin, simulator, seed: [seeded], edited: refsOfProduct(seeded)[0], to: quantity(17) });
