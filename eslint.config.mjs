// The shared config lives in tooling/eslint-config (typescript-eslint, the dependency boundaries).
export { default } from '@stock-sync/eslint-config';
