/**
 * createHttpClient: the axios-backed HttpClient. The only retry layer in the system lives here:
 *   acquire the store's rate budget → send → read platform rate signals → plugin classify →
 *   status mapping → retry (retryable errors, idempotent requests, capped exponential backoff with
 *   full jitter, never sooner than Retry-After) or throw a taxonomy error with secrets redacted.
 */
import axios, { type AxiosInstance } from 'axios';
import type { PluginLogger, RateLimitPolicy, RateLimitSignal } from '../contract';
import { PluginError, RateLimited, Rejected } from '../errors';
import type {
  HttpClient,
  HttpClientDefaults,
  HttpClientStats,
  HttpRequest,
  HttpResponse,
  RequestSigner,
  ResponseClassifier,
} from './http-client';
import { backoffDelayMs } from './backoff';
import { describeLocation, errorForNetworkFailure, errorForStatus, NOT_SENT_CODES, type ErrorContext } from './map-error';
import { createRateLimiter, realSleep, type RateLimiter } from './rate-limiter';
import { createRedactor, redactDeep, redactHeaders, type Redactor } from './redact';
import { declaredSignalsPauseMs } from './rate-headers';
import { platformPauseMs } from './retry-after';

export interface CreateHttpClientOptions {
  rateLimit: RateLimitPolicy;
  /** The store's limiter, shared across its connections; one is created from `rateLimit` when absent. */
  limiter?: RateLimiter;
  /** Values to redact everywhere (the store's secret credential values). */
  secrets?: string[];
  log?: PluginLogger;
  /** Tries per call, the first included (default 5). */
  maxAttempts?: number;
  /** Backoff base (default 500 ms) and cap (default 30 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-attempt timeout (default 20 s). */
  timeoutMs?: number;
  /**
   * A Retry-After longer than this (default 30 s) is not slept through: the call fails with
   * RateLimited(retryAfterMs) so the orchestrator reschedules the work instead of holding a worker.
   */
  maxRetryAfterMs?: number;
  /** Wait used for a 429 without any Retry-After signal (default 1 s, doubled per attempt, capped). */
  defaultRateLimitMs?: number;
  /** Defaults for the root client (same as extend()). */
  defaults?: HttpClientDefaults;
  /** Test seams. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** Stats beyond the contract's three counters (the object is the same one `client.stats` returns). */
export interface DetailedHttpClientStats extends HttpClientStats {
  /** Calls that ended in an error after all attempts. */
  failures: number;
  /** Time spent in backoff sleeps between attempts. */
  backoffMs: number;
  /**
   * Attempts of a request other than a GET that were sent but never answered (a timeout, a dropped
   * connection), even when a later attempt succeeded: the platform may still apply such an attempt,
   * after anything sent since. The host reads the store back once they can no longer be in flight.
   */
  unanswered: number;
}

const BODY_SNIPPET_CHARS = 500;

/** Same-origin redirects a GET may follow before the answer counts as an error (see README, Redirects). */
const MAX_GET_REDIRECTS = 3;
const FOLLOWABLE_REDIRECTS = new Set([301, 302, 303, 307, 308]);

const noopLog: PluginLogger = { debug() {}, info() {}, warn() {}, error() {} };

interface Core {
  axios: AxiosInstance;
  /** The platform's own budget headers (manifest.rateLimit.signals). */
  signals: readonly RateLimitSignal[];
  limiter: RateLimiter;
  log: PluginLogger;
  stats: DetailedHttpClientStats;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  maxRetryAfterMs: number;
  defaultRateLimitMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

interface Layer {
  baseURL?: string;
  headers: Record<string, string>;
  classifiers: ResponseClassifier[];
  /** Root first: the most specific layer signs last (it sees what its parents produced). */
  signers: RequestSigner[];
  secrets: string[];
  redact: Redactor;
}

export function createHttpClient(options: CreateHttpClientOptions): HttpClient {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const core: Core = {
    // validateStatus: every status is an answer we map ourselves; no proxy from the environment, so
    // traffic goes exactly where the plugin points it.
    axios: axios.create({ validateStatus: () => true, proxy: false, maxRedirects: 0 }),
    signals: options.rateLimit.signals ?? [],
    limiter: options.limiter ?? createRateLimiter(options.rateLimit, { now, sleep }),
    log: options.log ?? noopLog,
    stats: { requests: 0, retries: 0, throttled: 0, failures: 0, backoffMs: 0, unanswered: 0 },
    maxAttempts: Math.max(1, options.maxAttempts ?? 5),
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    timeoutMs: options.timeoutMs ?? 20_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    defaultRateLimitMs: options.defaultRateLimitMs ?? 1_000,
    sleep,
    random: options.random ?? Math.random,
    now,
  };
  const root: Layer = { headers: {}, classifiers: [], signers: [], secrets: [], redact: createRedactor([]) };
  return makeClient(
    core,
    extendLayer(root, { ...options.defaults, secrets: [...(options.secrets ?? []), ...(options.defaults?.secrets ?? [])] }),
  );
}

function extendLayer(parent: Layer, d: HttpClientDefaults): Layer {
  const secrets = [...parent.secrets, ...(d.secrets ?? [])];
  return {
    baseURL: d.baseURL ?? parent.baseURL,
    headers: { ...parent.headers, ...(d.headers ?? {}) },
    // The most specific classifier reads the response first.
    classifiers: d.classify ? [d.classify, ...parent.classifiers] : parent.classifiers,
    signers: d.sign ? [...parent.signers, d.sign] : parent.signers,
    secrets,
    redact: createRedactor(secrets),
  };
}

function makeClient(core: Core, layer: Layer): HttpClient {
  return {
    get stats() {
      return core.stats;
    },
    extend: (d) => makeClient(core, extendLayer(layer, d)),
    request: <T>(req: HttpRequest) => send<T>(core, layer, req),
  };
}

export function joinUrl(baseURL: string | undefined, url: string): string {
  if (/^https?:\/\//i.test(url) || !baseURL) return url;
  return `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

function buildUrl(layer: Layer, req: HttpRequest): URL {
  const full = joinUrl(layer.baseURL, req.url);
  let u: URL;
  try {
    u = new URL(full);
  } catch {
    throw new Rejected(`invalid request URL: ${layer.redact(full)}`);
  }
  for (const [k, v] of Object.entries(req.params ?? {})) if (v !== undefined) u.searchParams.append(k, String(v));
  return u;
}

function lowerCaseHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const plain =
    h && typeof (h as { toJSON?: unknown }).toJSON === 'function'
      ? (h as { toJSON(): Record<string, unknown> }).toJSON()
      : ((h as Record<string, unknown>) ?? {});
  for (const [k, v] of Object.entries(plain)) {
    if (v === undefined || v === null) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function bodySnippet(data: unknown, redact: Redactor): string | undefined {
  if (data === undefined || data === null || data === '') return undefined;
  let text: string;
  if (typeof data === 'string') text = data;
  else {
    try {
      text = JSON.stringify(redactDeep(data, redact));
    } catch {
      return undefined;
    }
  }
  text = redact(text);
  return text.length > BODY_SNIPPET_CHARS ? `${text.slice(0, BODY_SNIPPET_CHARS)}…` : text;
}

/** Plugins' classifiers build their own messages: scrub them too before anything sees them. */
function scrubError(err: PluginError, redact: Redactor): PluginError {
  const message = redact(err.message);
  if (message !== err.message)
    Object.defineProperty(err, 'message', { value: message, writable: true, configurable: true, enumerable: false });
  if (err.details)
    Object.defineProperty(err, 'details', {
      value: redactDeep(err.details, redact),
      writable: false,
      configurable: true,
      enumerable: true,
    });
  return err;
}

type Attempt<T> = { ok: true; res: HttpResponse<T> } | { ok: false; error: PluginError; sent: boolean; redirected?: boolean };

/**
 * Where a GET may go next: only a GET, only without per-request signing (a signature covers the old
 * URL), only to the same origin (so the store's credentials never reach another host), at most
 * MAX_GET_REDIRECTS hops. Anything else stays a 3xx answer, which errorForStatus turns into an error.
 */
function redirectToFollow(req: HttpRequest, layer: Layer, from: URL, res: HttpResponse, hops: number): URL | undefined {
  if (req.method !== 'GET' || layer.signers.length > 0 || hops >= MAX_GET_REDIRECTS) return undefined;
  if (!FOLLOWABLE_REDIRECTS.has(res.status) || !res.headers.location) return undefined;
  let next: URL;
  try {
    next = new URL(res.headers.location, from);
  } catch {
    return undefined;
  }
  if (next.origin !== from.origin || next.username || next.password) return undefined;
  return next;
}

async function attemptOnce<T>(
  core: Core,
  layer: Layer,
  req: HttpRequest,
  url: URL,
  ctx: ErrorContext,
  attempt: number,
): Promise<Attempt<T>> {
  const timeoutMs = req.timeoutMs ?? core.timeoutMs;
  const headers = { ...layer.headers, ...(req.headers ?? {}) };
  const started = core.now();
  let res: HttpResponse<T>;
  let target = url;
  try {
    for (let hops = 0; ; hops++) {
      core.stats.requests++;
      const r = await core.axios.request({
        method: req.method,
        url: target.toString(),
        headers,
        data: req.body,
        timeout: timeoutMs,
      });
      res = { status: r.status, headers: lowerCaseHeaders(r.headers), data: r.data as T };
      const next = redirectToFollow(req, layer, target, res as HttpResponse, hops);
      if (!next) break;
      core.log.debug(layer.redact(`http ${ctx.method} ${ctx.url} → ${res.status}, following to ${next.origin}${next.pathname}`));
      // Each hop is a call the platform counts.
      await core.limiter.acquire(req.cost ?? 1);
      target = next;
      ctx = { ...ctx, url: layer.redact(target.toString()) };
    }
  } catch (e) {
    const code = axios.isAxiosError(e) ? e.code : (e as { code?: string })?.code;
    const error = errorForNetworkFailure(code, ctx, timeoutMs);
    core.log.warn(layer.redact(`http ${ctx.method} ${ctx.url} attempt ${attempt}: ${error.message}`), { code });
    const sent = !(code && NOT_SENT_CODES.has(code));
    // A GET changes nothing; any other unanswered call may still land, after newer ones.
    if (sent && req.method !== 'GET') core.stats.unanswered++;
    return { ok: false, error, sent };
  }

  core.log.debug(layer.redact(`http ${ctx.method} ${ctx.url} → ${res.status} in ${core.now() - started} ms (attempt ${attempt})`), {
    requestHeaders: redactHeaders(headers, layer.redact),
  });

  // Platform signals first: even a successful answer can say "your budget is spent".
  let pauseMs = platformPauseMs(res.headers, core.now());
  const declared = declaredSignalsPauseMs(res as HttpResponse, core.signals);
  if (declared !== undefined) pauseMs = Math.max(pauseMs ?? 0, declared);
  let error: PluginError | undefined;
  for (const classify of layer.classifiers) {
    const verdict = classify(res as HttpResponse);
    if (!verdict) continue;
    if (verdict.pauseMs !== undefined) pauseMs = Math.max(pauseMs ?? 0, verdict.pauseMs);
    if (verdict.error) {
      error = scrubError(verdict.error, layer.redact);
      break;
    }
  }
  // Only an answer that becomes an error carries its body: redacting and serialising every successful
  // answer (a batch of a hundred variants) cost more CPU than the rest of the call.
  if (!error && res.status >= 300) {
    const withBody = {
      ...ctx,
      body: bodySnippet(res.data, layer.redact),
      location: describeLocation(res.headers.location, target, layer.redact),
    };
    error = errorForStatus(
      res as HttpResponse,
      withBody,
      res.status === 429 ? pauseMs : undefined,
      core.defaultRateLimitMs * 2 ** (attempt - 1),
    );
  }
  if (error instanceof RateLimited) {
    core.stats.throttled++;
    pauseMs = Math.max(pauseMs ?? 0, error.retryAfterMs);
  }
  if (pauseMs !== undefined && pauseMs > 0) {
    // Tell the shared limiter, so every connection of this store holds off, not just this call.
    core.limiter.pause(pauseMs);
    core.log.info(layer.redact(`http ${ctx.method} ${ctx.url}: platform asked to wait ${pauseMs} ms`));
  }
  if (error) return { ok: false, error, sent: true, redirected: res.status >= 300 && res.status < 400 };
  return { ok: true, res };
}

async function send<T>(core: Core, layer: Layer, req: HttpRequest): Promise<HttpResponse<T>> {
  const idempotent = req.method === 'GET' || req.idempotent === true;
  // Without signers the URL is the same for every attempt; with them it is rebuilt per attempt.
  let url = buildUrl(layer, req);
  let ctx: ErrorContext = { method: req.method, url: layer.redact(url.toString()) };

  for (let attempt = 1; ; attempt++) {
    // A pause longer than we may sleep through: fail now, without sending (never hammer).
    const paused = core.limiter.pausedForMs();
    if (paused > core.maxRetryAfterMs) {
      core.stats.failures++;
      throw new RateLimited(`${ctx.method} ${ctx.url} not sent: the platform asked to wait ${paused} ms`, paused, {
        method: ctx.method,
        url: ctx.url,
        retryAfterMs: paused,
      });
    }
    await core.limiter.acquire(req.cost ?? 1);

    // Signed right before sending (after any limiter wait), so the signature is as fresh as possible.
    let sent = req;
    if (layer.signers.length > 0) {
      sent = layer.signers.reduce((r, sign) => sign(r), req);
      url = buildUrl(layer, sent);
      ctx = { method: sent.method, url: layer.redact(url.toString()) };
    }
    const result = await attemptOnce<T>(core, layer, sent, url, ctx, attempt);
    if (result.ok) return result.res;
    const { error } = result;

    // A 429 / throttle answer or a refused connection means the platform did not act on the request,
    // so even a non-idempotent call is safe to send again; anything else ambiguous is not.
    const safeToResend = idempotent || error instanceof RateLimited || !result.sent;
    const retryAfterMs = error instanceof RateLimited ? error.retryAfterMs : 0;
    // A redirect answers the same way again at once: no in-call retry (the work stays pending).
    const canRetry =
      !result.redirected && error.retryable && safeToResend && attempt < core.maxAttempts && retryAfterMs <= core.maxRetryAfterMs;
    if (!canRetry) {
      core.stats.failures++;
      core.log.warn(layer.redact(`http ${ctx.method} ${ctx.url} failed after ${attempt} attempt(s): ${error.message}`), {
        code: error.code,
      });
      throw error;
    }

    // Never sooner than the platform asked; small jitter on top so shared stores do not stampede.
    const jittered = backoffDelayMs(attempt, core.baseDelayMs, core.maxDelayMs, core.random);
    const delay = retryAfterMs > 0 ? retryAfterMs + Math.floor(core.random() * Math.min(core.baseDelayMs, 250)) : jittered;
    core.stats.retries++;
    core.stats.backoffMs += delay;
    core.log.warn(layer.redact(`http ${ctx.method} ${ctx.url} attempt ${attempt} failed (${error.code}); retrying in ${delay} ms`));
    await core.sleep(delay);
  }
}
