export * from './contract';
export * from './errors';
export * from './http/http-client';
export * from './validation';
export type { TargetStock } from '@stock-sync/domain';
// Re-exported so plugins depend on the SDK alone for the neutral stock values.
export { UNLIMITED, OUT_OF_STOCK, quantity, sameTargetStock, describeTargetStock } from '@stock-sync/domain';
