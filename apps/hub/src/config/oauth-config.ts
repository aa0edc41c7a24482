/**
 * Install flows and the credential lifecycle (issue 9), read from the environment like the rest of the hub's
 * configuration (every problem names its variable):
 *
 * - `HUB_OAUTH_<PLATFORM>_CLIENT_ID` / `..._CLIENT_SECRET`: the hub's own app registered with the platform
 *   (`<PLATFORM>` = the plugin id in upper case, `-` → `_`: `TIKTOK_SHOP`). Both or neither. The secret is
 *   never returned or logged.
 * - `HUB_OAUTH_<PLATFORM>_BASE_URL`: sandbox only (refused in production): the origin that replaces the
 *   platform's in every URL of the flow (a local simulator).
 * - `HUB_OAUTH_<PLATFORM>_PUBLIC_KEY`: the platform's public key for the app (PEM; `\n` for line breaks), where
 *   it signs notices with a key pair (Wix's app-removed webhook).
 * - `HUB_OAUTH_<PLATFORM>_NOTICE_KEY`: the key the platform signs the app's notices with, where it is not the
 *   client secret (a webhook endpoint's signing secret from the platform's developer console). A secret.
 * - `HUB_PUBLIC_URL`: the hub's externally reachable origin (redirect URIs are built from it). Required in
 *   production once an app is configured; otherwise the address the hub listens on.
 * - `HUB_CONNECT_SUCCESS_URL` / `HUB_CONNECT_FAILURE_URL`: where the merchant's browser goes after the
 *   callback (query `storeId` / `error`); unset → the hub answers a minimal page.
 * - `HUB_CONNECT_TTL_SECONDS` (600): how long a connect request (its state) stays usable.
 * - `HUB_CREDENTIAL_SWEEP` (follows HUB_SCHEDULER), `HUB_CREDENTIAL_SWEEP_INTERVAL_SECONDS` (60),
 *   `HUB_CREDENTIAL_REFRESH_AHEAD_SECONDS` (unset: per plugin, see credentials/refresh-window.ts).
 */
import type { OAuthApp } from '@stock-sync/plugin-sdk';

export interface OAuthConfig {
  /** The hub's public origin (no trailing slash), when configured. */
  publicUrl?: string;
  successUrl?: string;
  failureUrl?: string;
  connectTtlSeconds: number;
  /** Apps by platform env key (`TIKTOK_SHOP`); look one up with `oauthAppFor`. */
  apps: Readonly<Record<string, OAuthApp>>;
  sweep: {
    /** undefined = follow the orchestrator's HUB_SCHEDULER switch. */
    enabled?: boolean;
    intervalSeconds: number;
    /** One window for every platform, overriding each plugin's (tests, operators with special needs). */
    refreshAheadSeconds?: number;
  };
}

type Env = Record<string, string | undefined>;

const APP_VARIABLE = /^HUB_OAUTH_([A-Z0-9_]+)_(CLIENT_ID|CLIENT_SECRET|BASE_URL|PUBLIC_KEY|NOTICE_KEY)$/;

/** `tiktok-shop` → `TIKTOK_SHOP`: the part of the variable names that names a platform. */
export function platformEnvKey(platformId: string): string {
  return platformId.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** The configured app of a platform, if any. */
export function oauthAppFor(config: OAuthConfig, platformId: string): OAuthApp | undefined {
  return config.apps[platformEnvKey(platformId)];
}

export function loadOAuthConfig(env: Env, production: boolean, problems: string[]): OAuthConfig {
  const apps = loadApps(env, production, problems);
  const publicUrl = origin(env, 'HUB_PUBLIC_URL', problems);
  if (production && Object.keys(apps).length > 0 && !publicUrl) {
    problems.push(
      'HUB_PUBLIC_URL is required when NODE_ENV=production and an OAuth app is configured (the redirect URIs are built from it)',
    );
  }
  if (production && publicUrl?.startsWith('http:')) {
    problems.push('HUB_PUBLIC_URL must be https:// when NODE_ENV=production (the platforms send codes to it)');
  }
  const sweepSwitch = (env.HUB_CREDENTIAL_SWEEP ?? '').trim().toLowerCase();
  let enabled: boolean | undefined;
  if (['on', 'true', '1'].includes(sweepSwitch)) enabled = true;
  else if (['off', 'false', '0'].includes(sweepSwitch)) enabled = false;
  else if (sweepSwitch !== '') problems.push(`HUB_CREDENTIAL_SWEEP must be on or off, got "${env.HUB_CREDENTIAL_SWEEP}"`);
  const ahead = env.HUB_CREDENTIAL_REFRESH_AHEAD_SECONDS?.trim();
  return {
    publicUrl,
    successUrl: absoluteUrl(env, 'HUB_CONNECT_SUCCESS_URL', problems),
    failureUrl: absoluteUrl(env, 'HUB_CONNECT_FAILURE_URL', problems),
    connectTtlSeconds: seconds(env, 'HUB_CONNECT_TTL_SECONDS', 600, 30, 3600, problems),
    apps,
    sweep: {
      enabled,
      intervalSeconds: seconds(env, 'HUB_CREDENTIAL_SWEEP_INTERVAL_SECONDS', 60, 1, 86_400, problems),
      refreshAheadSeconds: ahead ? seconds(env, 'HUB_CREDENTIAL_REFRESH_AHEAD_SECONDS', 600, 1, 90 * 86_400, problems) : undefined,
    },
  };
}

function loadApps(env: Env, production: boolean, problems: string[]): Record<string, OAuthApp> {
  const parts: Record<string, { CLIENT_ID?: string; CLIENT_SECRET?: string; BASE_URL?: string; PUBLIC_KEY?: string; NOTICE_KEY?: string }> =
    {};
  for (const [name, raw] of Object.entries(env)) {
    const m = APP_VARIABLE.exec(name);
    const value = raw?.trim();
    if (!m || !value) continue;
    (parts[m[1]!] ??= {})[m[2] as 'CLIENT_ID'] = value;
  }
  const apps: Record<string, OAuthApp> = {};
  for (const [key, p] of Object.entries(parts).sort(([a], [b]) => a.localeCompare(b))) {
    const prefix = `HUB_OAUTH_${key}`;
    if (!p.CLIENT_ID || !p.CLIENT_SECRET) {
      // Never echo the value: it may be the secret.
      problems.push(`${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET must be set together`);
      continue;
    }
    let baseUrl: string | undefined;
    if (p.BASE_URL) {
      if (production) problems.push(`${prefix}_BASE_URL is for sandboxes only and is refused when NODE_ENV=production`);
      baseUrl = sandboxBaseOf(p.BASE_URL);
      if (!baseUrl)
        problems.push(
          `${prefix}_BASE_URL must be an http(s) URL without query (scheme://host[:port][/tenant prefix]), got "${p.BASE_URL.slice(0, 100)}"`,
        );
    }
    // A PEM key in one environment line: `\n` escapes stand for its line breaks.
    const publicKey = p.PUBLIC_KEY?.replace(/\\n/g, '\n');
    if (publicKey && !/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\s*$/.test(publicKey)) {
      problems.push(`${prefix}_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY----- … ; line breaks may be written \\n)`);
    }
    apps[key] = {
      clientId: p.CLIENT_ID,
      clientSecret: p.CLIENT_SECRET,
      ...(baseUrl ? { baseUrl } : {}),
      ...(publicKey ? { publicKey } : {}),
      ...(p.NOTICE_KEY ? { noticeKey: p.NOTICE_KEY } : {}),
    };
  }
  return apps;
}

/** A sandbox base: an http(s) origin, optionally with a path prefix (a multi-tenant simulator's tenant), no query. */
function sandboxBaseOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.search || url.hash || url.username || url.password) return undefined;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

/** scheme://host[:port] with nothing after it, or undefined. */
function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

function origin(env: Env, name: string, problems: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const o = originOf(raw.replace(/\/+$/, ''));
  if (!o) problems.push(`${name} must be an http(s) origin (scheme://host[:port], no path), got "${raw.slice(0, 100)}"`);
  return o;
}

function absoluteUrl(env: Env, name: string, problems: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
  } catch {
    // reported below
  }
  problems.push(`${name} must be an absolute http(s) URL, got "${raw.slice(0, 100)}"`);
  return undefined;
}

function seconds(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number of seconds from ${min} to ${max}, got "${raw.slice(0, 40)}"`);
    return fallback;
  }
  return n;
}
