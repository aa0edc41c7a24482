/**
 * What a plugin's contract test declares besides the contract itself, through runContractSuite's options:
 * the 429 storm again, throttled as the platform documents it (no Retry-After), and the notices contract for
 * one seeded variant the merchant edits. Pure: runContractSuite turns them into jest blocks.
 */
import type { IntegrationPlugin, TargetStock } from '@stock-sync/plugin-sdk';
import type { NoticesContractOptions } from './notices-scenarios';
import type { ContractScenarioName, ContractSuiteOptions } from './scenarios';

export const STORM_SCENARIO: ContractScenarioName = 'survives a 429 storm: everything written, the client waited at least Retry-After';

/** The storm scenario once more, throttled without Retry-After (`throttleWithoutRetryAfter`), in `throttled as ${as}`. */
export interface ThrottledAsDocumented {
  /** Ends the describe title "throttled as …", e.g. 'Square documents it: no Retry-After'. */
  as: string;
  /** The documented wait the client is held to (see `ContractSuiteOptions.throttleWithoutRetryAfter`). */
  waitMs: number;
  /** Another instance of the plugin for this run (e.g. one with an injected clock); default the suite's. */
  plugin?: IntegrationPlugin;
}

/**
 * The notices contract (runNoticesContract) for one seeded variant: seeded at a quantity of 3, edited by the
 * merchant to `to` (default a quantity of 17).
 */
export interface OneVariantNotices<TState> extends Pick<
  NoticesContractOptions<TState>,
  'externalStoreId' | 'waitMs' | 'appSettingsDelivery'
> {
  productId: string;
  variantId: string;
  to?: TargetStock;
}

export function throttledRun<TState>(
  suite: ContractSuiteOptions<TState>,
  t: ThrottledAsDocumented,
): ContractSuiteOptions<TState> & { only: ContractScenarioName[] } {
  return { ...suite, plugin: t.plugin ?? suite.plugin, throttleWithoutRetryAfter: { waitMs: t.waitMs }, only: [STORM_SCENARIO] };
}

export function oneVariantNotices<TState>(
  suite: ContractSuiteOptions<TState>,
  n: OneVariantNotices<TState>,
): NoticesContractOptions<TState> {
  const { productId, variantId, to, ...rest } = n;
  return {
    plugin: suite.plugin,
    simulator: suite.simulator,
    seed: [{ productId, variants: [{ variantId, initial: { kind: 'quantity', quantity: 3 } }] }],
    edited: { externalProductId: productId, externalVariantId: variantId },
    to: to ?? { kind: 'quantity', quantity: 17 },
    ...rest,
  };
}
