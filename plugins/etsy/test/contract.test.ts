/** The contract every plugin passes: the real Etsy plugin against its simulator, over HTTP. */
import { runContractSuite, runOAuthContract } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runContractSuite({ plugin, simulator });

// The install flow (PKCE S256) and the token lifecycle against the simulator's connect and token endpoints.
runOAuthContract({ plugin, simulator });
