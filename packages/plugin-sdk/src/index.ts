export * from './contract';
export * from './oauth';
// Helpers of the install / consent flow: authorize URL, PKCE, code exchange, refresh grant, expiry, signatures.
export * from './oauth-flow';
export * from './errors';
export * from './http/http-client';
export * from './http/create-http-client';
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from './http/rate-limiter';
export { createRedactor, redactDeep, redactHeaders, REDACTED, SENSITIVE_NAME, type Redactor } from './http/redact';
export { parseRetryAfter, platformPauseMs } from './http/retry-after';
export { backoffDelayMs } from './http/backoff';
export { headerNumber, exhaustedBudgetPauseMs, exhaustedBudgetClassifier, type ExhaustedBudgetSignal } from './http/rate-headers';
// What every connection needs around the contract: outcome slots, de-duplication, grouping, chunking,
// the stop rule, the in-place rule.
export * from './work';
export * from './validation';
export type { TargetStock } from '@stock-sync/domain';
// Re-exported so plugins depend on the SDK alone for the neutral stock values.
export { UNLIMITED, OUT_OF_STOCK, quantity, sameTargetStock, describeTargetStock } from '@stock-sync/domain';
export * from './packaging/discover-plugin-packages';
