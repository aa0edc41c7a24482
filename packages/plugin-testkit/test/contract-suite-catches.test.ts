// The suite must be able to fail: each deliberately broken plugin is caught by the scenario it breaks.
import { contractScenarios, type ContractScenarioName, type IntegrationPluginLike } from './support/scenario-runner';
import { Rejected } from '@stock-sync/plugin-sdk';
import { brokenPlugins } from './fixtures/tinyshop/broken-plugins';
import { tinyshopPlugin } from './fixtures/tinyshop/plugin';
import { tinyshopSimulator } from './fixtures/tinyshop/simulator';

const fast = { clientOptions: { baseDelayMs: 20, maxDelayMs: 100 }, stormRetryAfterSeconds: 1 };

function run(name: ContractScenarioName, plugin: IntegrationPluginLike) {
  return contractScenarios[name]({ plugin, simulator: tinyshopSimulator, ...fast });
}

const cases: [keyof typeof brokenPlugins, ContractScenarioName, RegExp][] = [
  [
    'invalidManifest',
    'manifest, credential fields and simulator credentials validate',
    /manifest\.capabilities\.maxBatch must be a positive integer/,
  ],
  ['verifiesNothing', 'verify accepts good credentials and rejects bad ones with AuthError', /must throw AuthError, got success/],
  ['ignoresBatchLimit', 'writes more changes than one platform batch holds, across products', /expected every change written/],
  ['nonIdempotentWrites', 'retries transient 5xx and still writes everything', /expected every change written.*Transient/],
  ['outOfStockAsOne', 'writes out of stock', /shows .* as quantity 1, expected out_of_stock/],
  ['reversedOutcomes', 'writes an exact quantity', /input order/],
  ['alwaysWritten', 'a deleted variant comes back NotFound while the others are written', /must fail with NotFound, got written/],
  ['leaksToken', 'revoked credentials: AuthError on verify and on every write, no secret anywhere', /a secret credential value appears/],
  ['readsUnlimited', 'reads back what was written, and a merchant edit', /readStock says .* is unlimited/],
  ['hammers', 'survives a 429 storm: everything written, the client waited at least Retry-After', /hammering/],
  ['bypassesClient', 'survives a 429 storm: everything written, the client waited at least Retry-After', /through ctx\.http/],
];

describe('the contract suite catches broken plugins', () => {
  it.each(cases)('%s fails "%s"', async (broken, scenario, message) => {
    await expect(run(scenario, brokenPlugins[broken])).rejects.toThrow(message);
  });

  it('a plugin that swallows auth failures as Rejected fails the revoked-credentials scenario', async () => {
    const swallowing = {
      ...tinyshopPlugin,
      connect: (ctx: Parameters<typeof tinyshopPlugin.connect>[0]) => {
        const real = tinyshopPlugin.connect(ctx);
        return { ...real, verify: () => real.verify().catch(() => Promise.reject(new Rejected('no'))) };
      },
    };
    await expect(run('revoked credentials: AuthError on verify and on every write, no secret anywhere', swallowing)).rejects.toThrow(
      /must throw AuthError, got Rejected/,
    );
  });

  it('the correct plugin passes the same scenarios with the same fast settings', async () => {
    for (const [, scenario] of cases) await run(scenario, tinyshopPlugin);
  });
});
