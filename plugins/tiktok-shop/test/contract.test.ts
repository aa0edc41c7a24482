/**
 * The contract every plugin passes, over real HTTP against the TikTok Shop simulator.
 *
 * stormRetryAfterSeconds: 1 — TikTok's 429 (code 36009002) carries no Retry-After header, so the SDK
 * client waits its default 1 s (doubling per attempt); that is what the storm scenario can hold it to.
 */
import { runContractSuite } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runContractSuite({ plugin, simulator, stormRetryAfterSeconds: 1 });
