/** @stock-sync/client: the hub's HTTP API v1, typed from its OpenAPI document. */
export { createHubClient, type HubClient, type HubClientOptions } from './client';
export { expectOk, HubApiError, HubValidationError, isValidationFailed, type ValidationDetail, type ValidationFailed } from './errors';
export {
  chunk,
  HubBatchError,
  MAX_BATCH,
  postFacilityStock,
  putCatalogVariants,
  type BatchOptions,
  type CatalogVariant,
  type FacilityStockResult,
  type FacilityStockUpdate,
} from './batches';
export { DEFAULT_RETRY_POLICY, retryAfterMs, type RetryHooks, type RetryPolicy } from './retry';
export type { components, operations, paths } from './generated/hub-api';
