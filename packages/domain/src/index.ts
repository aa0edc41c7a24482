export * from './target-stock';
export * from './selling-region-codes';
export * from './reference-data';
export * from './load-reference-data';
export * from './pod-status';
export * from './desired-stock';
export * from './stock-diff';
export * from './availability-by-region';
export { isIsoCountryCode } from './iso-country-codes';
