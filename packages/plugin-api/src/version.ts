/**
 * The plugin API's own version, by semver (https://semver.org): a new optional member or type is a minor
 * version, a change that can break a plugin or a host is a new major. A plugin declares the range it was
 * built for (package.json `stockSync.pluginApi`, e.g. "^1.0.0"); a host accepts every plugin of its major.
 */
export const CONTRACT_VERSION = '1.7.0';

/** The major part of CONTRACT_VERSION: what `manifest.contractVersion` (a number) carries. */
export const CONTRACT_MAJOR = 1;
