// The contract lives in @stock-sync/plugin-api (no dependencies, versioned by semver); this module keeps
// the SDK's own imports of it working.
export type {
  RateLimitPolicy,
  RateLimitSignal,
  PluginCapabilities,
  PluginManifest,
  CredentialField,
  VariantRef,
  StockWrite,
  WriteOutcome,
  ObservedStock,
  PluginLogger,
  ConnectContext,
  StoreConnection,
  IntegrationPlugin,
} from '@stock-sync/plugin-api';
export { CONTRACT_VERSION, CONTRACT_MAJOR } from '@stock-sync/plugin-api';
