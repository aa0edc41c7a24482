export * from './base-url-field';
export * from './token-expiry-fields';
export * from './positive-id';
export * from './validate-plugin';
export { validateManifest } from './validate-manifest';
export * from './validate-credentials';
export { KEBAB_CASE_ID, CREDENTIAL_FIELD_NAME } from './manifest-schema';
export { validateOAuthPart } from './validate-oauth';
export { validateNoticesPart } from './validate-notices';
