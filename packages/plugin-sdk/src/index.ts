// The plugin API (contract, errors, target stock, schemas, version), re-exported so existing imports keep compiling.
export * from '@stock-sync/plugin-api';
// Helpers of the install / consent flow: authorize URL, PKCE, code exchange, refresh grant, expiry, signatures.
export * from './oauth-flow';
export * from './http/create-http-client';
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from './http/rate-limiter';
export { createRedactor, redactDeep, redactHeaders, REDACTED, SENSITIVE_NAME, type Redactor } from './http/redact';
export { parseRetryAfter, platformPauseMs } from './http/retry-after';
export { backoffDelayMs } from './http/backoff';
export { authRefusalClassifier } from './http/auth-refusal';
export {
  headerNumber,
  exhaustedBudgetPauseMs,
  exhaustedBudgetClassifier,
  rateSignalPauseMs,
  declaredSignalsPauseMs,
  type ExhaustedBudgetSignal,
} from './http/rate-headers';
// What every connection needs around the contract: outcome slots, de-duplication, grouping, chunking,
// the stop rule, the in-place rule.
export * from './batching';
export * from './notices';
export { emulatedUnlimited } from './stock/emulated-unlimited';
export { countedQuantity } from './stock/counted-quantity';
export * from './validation';
// Spare plugin authors the code every plugin wrote alike: the manifest's fixed parts, notice bodies, JSON checks.
export * from './authoring';
export * from './packaging/discover-plugin-packages';
export * from './packaging/plugin-api-compat';
export * from './packaging/installed-plugin-packages';
