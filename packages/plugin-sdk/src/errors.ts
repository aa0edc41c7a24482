// The error taxonomy lives in @stock-sync/plugin-api (errors identified by `code`); this module keeps the
// SDK's own imports working.
export {
  PluginError,
  AuthError,
  RateLimited,
  Transient,
  NotFound,
  Rejected,
  isPluginError,
  hasPluginErrorCode,
  PLUGIN_ERROR_CODES,
  type PluginErrorCode,
} from '@stock-sync/plugin-api';
