/** Injection token of the validated HubConfig (provided by the root module). */
export const HUB_CONFIG = Symbol('HUB_CONFIG');
