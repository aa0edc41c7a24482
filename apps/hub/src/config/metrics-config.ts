/**
 * Where GET /metrics is served and what protects it (HUB_METRICS_TOKEN, HUB_METRICS_BIND):
 *  - HUB_METRICS_TOKEN: a bearer token for /metrics only (at least 16 characters; never one of the API
 *    tokens, so a scraper's token opens nothing else and an API token does not open /metrics);
 *  - HUB_METRICS_BIND=host:port: /metrics is served on that separate listener only (e.g. 127.0.0.1:9464, an
 *    address only the scraper reaches); the token is still asked there when HUB_METRICS_TOKEN is set;
 *  - neither: in development a token is generated once and kept in the data dir (printed at start-up);
 *    with NODE_ENV=production metrics are off (GET /metrics answers 404) and start-up says how to enable them.
 */
export interface MetricsConfig {
  /** The token /metrics asks for; undefined: none (only with a bind address) or metrics off. */
  token?: string;
  tokenGenerated: boolean;
  bind?: { host: string; port: number };
  /** Neither variable in production: /metrics is not served. */
  enabled: boolean;
}

type Env = Record<string, string | undefined>;

export function loadMetricsConfig(env: Env, production: boolean, apiTokens: string[], problems: string[]): MetricsConfig {
  const token = env.HUB_METRICS_TOKEN?.trim() || undefined;
  if (token && token.length < 16) problems.push('HUB_METRICS_TOKEN must be at least 16 characters long');
  if (token && apiTokens.includes(token)) problems.push('HUB_METRICS_TOKEN must differ from every token in HUB_API_TOKENS');
  const bind = parseBind(env.HUB_METRICS_BIND, problems);
  return { token, tokenGenerated: false, bind, enabled: Boolean(token || bind || !production) };
}

function parseBind(raw: string | undefined, problems: string[]): MetricsConfig['bind'] {
  const v = raw?.trim();
  if (!v) return undefined;
  // host:port, or [v6]:port
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(v);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port < 0 || port > 65535) {
    problems.push(`HUB_METRICS_BIND must be host:port (e.g. 127.0.0.1:9464), got "${raw}"`);
    return undefined;
  }
  return { host: (m[1] ?? m[2])!, port };
}
