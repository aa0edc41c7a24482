/**
 * Outbound webhook settings, read once from the environment (every problem reported together, naming the variable).
 */
type Env = Record<string, string | undefined>;

export interface WebhookConfig {
  /**
   * Whether this process delivers (HUB_WEBHOOK_DELIVERY=on|off). Default: on when the scheduler runs
   * (HUB_SCHEDULER), so a process started with HUB_SCHEDULER=off runs nothing in the background. Events are
   * recorded either way; any delivering process of the same database sends them.
   */
  deliveryEnabled: boolean;
  /** One attempt's time limit, connection to answer (HUB_WEBHOOK_TIMEOUT_MS, default 10 000). */
  timeoutMs: number;
  /**
   * Waits before the 2nd, 3rd… attempt (HUB_WEBHOOK_RETRY_SCHEDULE_MS, comma list). The default follows the
   * schedule Standard Webhooks senders use (5 s, 5 min, 30 min, 2 h, 5 h, 10 h: 7 attempts over ~17.6 h);
   * after the last one the delivery is `failed` and its lane moves on.
   */
  retryScheduleMs: readonly number[];
  /** How often the sweeper looks for lanes with a due delivery and no job (HUB_WEBHOOK_POLL_MS, default 1000). */
  pollMs: number;
}

export const DEFAULT_RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000];

export class WebhookConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid webhook configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'WebhookConfigError';
  }
}

export function loadWebhookConfig(env: Env, schedulerEnabled: boolean): WebhookConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const switchRaw = env.HUB_WEBHOOK_DELIVERY?.trim().toLowerCase();
  let deliveryEnabled = schedulerEnabled;
  if (switchRaw) {
    if (['on', 'true', '1'].includes(switchRaw)) deliveryEnabled = true;
    else if (['off', 'false', '0'].includes(switchRaw)) deliveryEnabled = false;
    else problems.push(`HUB_WEBHOOK_DELIVERY must be on or off, got "${env.HUB_WEBHOOK_DELIVERY}"`);
  }
  let retryScheduleMs = DEFAULT_RETRY_SCHEDULE_MS;
  const scheduleRaw = env.HUB_WEBHOOK_RETRY_SCHEDULE_MS?.trim();
  if (scheduleRaw) {
    const parts = scheduleRaw.split(',').map((p) => Number(p.trim()));
    if (parts.length > 20 || parts.some((n) => !Number.isInteger(n) || n < 1 || n > 7 * 86_400_000)) {
      problems.push(`HUB_WEBHOOK_RETRY_SCHEDULE_MS must be up to 20 comma-separated milliseconds (1 to 7 days each), got "${scheduleRaw}"`);
    } else retryScheduleMs = parts;
  }
  const config: WebhookConfig = {
    deliveryEnabled,
    timeoutMs: int('HUB_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    retryScheduleMs,
    pollMs: int('HUB_WEBHOOK_POLL_MS', 1000, 50, 600_000),
  };
  if (problems.length) throw new WebhookConfigError(problems);
  return config;
}
