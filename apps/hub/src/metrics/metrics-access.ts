/** Who may read the metrics: the metrics token (never an API token), checked in constant time by TokenVerifier. */
import { TokenVerifier } from '../auth/token-verifier';
import type { MetricsConfig } from '../config/metrics-config';

export type ScrapeDecision = 'ok' | 'unauthorized' | 'not_served';

export function metricsAccess(
  config: MetricsConfig,
  listener: 'main' | 'bind',
): (authorization: string | string[] | undefined) => ScrapeDecision {
  const served = listener === 'bind' ? Boolean(config.bind) : config.enabled && !config.bind;
  const verifier = config.token ? new TokenVerifier([config.token]) : undefined;
  return (authorization) => {
    if (!served) return 'not_served';
    if (verifier && !verifier.accepts(authorization)) return 'unauthorized';
    return 'ok';
  };
}

export const SCRAPE_REFUSALS = {
  unauthorized: {
    error: 'unauthorized',
    message: 'GET /metrics needs the metrics token (HUB_METRICS_TOKEN) as a bearer token; API tokens are not accepted here',
  },
  not_served: {
    error: 'not_found',
    message: 'metrics are not served on this port: set HUB_METRICS_TOKEN (served here) or HUB_METRICS_BIND (served on that address)',
  },
} as const;
