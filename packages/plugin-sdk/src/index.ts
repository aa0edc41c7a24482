export * from './contract';
export * from './errors';
export * from './http/http-client';
export type { TargetStock } from '@stock-sync/domain';
