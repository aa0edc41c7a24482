/**
 * Brute-force protection settings (HUB_AUTH_*): how many failed authentications one client address may
 * make per window before every non-public request from it is answered 429 for the block duration.
 */
export interface AuthThrottleConfig {
  /** Failed authentications allowed per window and client address; 0 turns the protection off. */
  failureLimit: number;
  windowSeconds: number;
  blockSeconds: number;
}

type Env = Record<string, string | undefined>;

export function loadAuthThrottleConfig(env: Env, problems: string[]): AuthThrottleConfig {
  return {
    failureLimit: int(env, 'HUB_AUTH_FAILURE_LIMIT', 20, 0, problems),
    windowSeconds: int(env, 'HUB_AUTH_FAILURE_WINDOW_SECONDS', 60, 1, problems),
    blockSeconds: int(env, 'HUB_AUTH_BLOCK_SECONDS', 60, 1, problems),
  };
}

function int(env: Env, name: string, fallback: number, min: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > 86_400) {
    problems.push(`${name} must be a whole number from ${min} to 86400, got "${env[name]}"`);
    return fallback;
  }
  return n;
}
