export { contractScenarios, type ContractScenarioName } from '../../src';
export type { IntegrationPlugin as IntegrationPluginLike } from '@stock-sync/plugin-sdk';
