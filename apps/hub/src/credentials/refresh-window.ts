/**
 * How long before expiry the sweep renews a platform's credentials: the operator's override
 * (HUB_CREDENTIAL_REFRESH_AHEAD_SECONDS), else the plugin's documented `tokenLifetime.refreshAheadSeconds`,
 * else a sixth of its documented access-token lifetime (10 minutes of a 1 h token, 5 days of a 30-day one),
 * else 10 minutes. Never less than a minute: a sweep runs every HUB_CREDENTIAL_SWEEP_INTERVAL_SECONDS.
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';

export const DEFAULT_REFRESH_AHEAD_SECONDS = 600;
const MIN_REFRESH_AHEAD_SECONDS = 60;

export function refreshAheadSeconds(plugin: Pick<IntegrationPlugin, 'oauth'>, override?: number): number {
  if (override !== undefined) return override;
  const lifetime = plugin.oauth?.tokenLifetime;
  const chosen =
    positive(lifetime?.refreshAheadSeconds) ??
    (positive(lifetime?.accessTokenSeconds) !== undefined ? Math.floor(lifetime!.accessTokenSeconds! / 6) : DEFAULT_REFRESH_AHEAD_SECONDS);
  return Math.max(MIN_REFRESH_AHEAD_SECONDS, chosen);
}

function positive(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}
