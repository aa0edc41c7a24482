// Helpers that spare plugin authors code every plugin wrote the same way: the manifest's fixed parts, body checks.
export { defineManifest, type ManifestFacts } from './define-manifest';
export { manifestFromJson, type PlatformFacts } from './manifest-from-json';
export { isJsonObject } from './json-object';
export { documentedNotice, type DocumentedNotice, type NoticeFields } from './documented-notice';
export { jsonBodyOf } from './json-body';
export { wholeUnits } from './whole-units';
