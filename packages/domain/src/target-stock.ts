// TargetStock and its values are part of the plugin API (plugins translate them for their platform);
// re-exported here so the domain's rules and their users keep one definition.
export { type TargetStock, UNLIMITED, OUT_OF_STOCK, quantity, sameTargetStock, describeTargetStock } from '@stock-sync/plugin-api';
