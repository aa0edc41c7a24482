// The install-flow part of the contract lives in @stock-sync/plugin-api; this module keeps the SDK's own imports working.
export type {
  OAuthApp,
  InboundRequest,
  AuthorizeRequest,
  OAuthExchangeContext,
  ConnectedStore,
  UninstallNotice,
  TokenResponse,
  PluginOAuth,
} from '@stock-sync/plugin-api';
export { ACCESS_TOKEN_EXPIRES_AT, REFRESH_TOKEN_EXPIRES_AT } from '@stock-sync/plugin-api';
