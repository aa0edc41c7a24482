/**
 * Hub settings for the drill, each only when the caller's environment leaves it unset: a short lease so a
 * killed hub's stores are taken over within the run, a capped retry backoff so faulted variants are retried
 * before the deadline, and small chunks so runs record often (more interleaving with facility updates).
 */
export function drillHubEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const defaults: Record<string, string> = {
    HUB_SYNC_LEASE_SECONDS: '10',
    HUB_SYNC_BACKOFF_MAX_MS: '8000',
    HUB_SYNC_CHUNK_SIZE: '10',
    HUB_SCHEDULER_TICK_MS: '500',
  };
  return Object.fromEntries(Object.entries(defaults).filter(([k]) => env[k] === undefined));
}
