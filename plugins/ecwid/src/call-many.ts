/**
 * Sends a list of independent REST calls the cheapest way: one direct call when there is one (1
 * request), else Ecwid batches of up to 500 (2 requests each: create + status). Results are handed to
 * `onResult` as they arrive, so an error that stops the work later does not lose earlier answers.
 */
import { chunk, stopsTheWork, type HttpClient, type PluginError } from '@stock-sync/plugin-sdk';
import { runBatch, defaultTiming, type BatchTiming } from './batch-runner';
import { ECWID_MAX_BATCH, MIN_SUBREQUESTS_FOR_BATCH } from './manifest';
import { subRequestError } from './item-errors';
import { subAnswerSucceeded } from './batch-status';
import { asPluginError } from './ids';

export interface RestCall {
  id: string;
  method: 'GET' | 'PUT';
  /** Relative to /api/v3/{storeId}. */
  path: string;
  body?: unknown;
  /** For error messages: "combination 7 of product 3". */
  what: string;
}

export type CallResult = { ok: true; body: unknown } | { ok: false; error: PluginError };

export interface CallManyOptions {
  maxBatch?: number;
  timing?: BatchTiming;
}

export async function callMany(
  api: HttpClient,
  calls: readonly RestCall[],
  onResult: (call: RestCall, result: CallResult) => void,
  opts: CallManyOptions = {},
): Promise<void> {
  if (calls.length === 0) return;
  if (calls.length < MIN_SUBREQUESTS_FOR_BATCH) {
    for (const call of calls) {
      try {
        const res = await api.request({ method: call.method, url: call.path, body: call.body, idempotent: true });
        onResult(call, { ok: true, body: res.data });
      } catch (e) {
        const error = asPluginError(e);
        if (stopsTheWork(error)) throw error;
        // A 4xx answer carries Ecwid's errorCode: read it the way a sub-request's is read. Anything else
        // (a 3xx the SDK refused to count as success, a network failure …) keeps the SDK's own error.
        const status = numberOf(error.details?.status);
        const mapped =
          status !== undefined && status >= 400 && status < 500
            ? subRequestError(call.what, { status: 'FAILED', httpStatusCode: status, body: parseBody(error.details?.body) })
            : error;
        onResult(call, { ok: false, error: mapped });
      }
    }
    return;
  }
  for (const part of chunk(calls, opts.maxBatch ?? ECWID_MAX_BATCH)) {
    const answers = await runBatch(
      api,
      part.map((c) => ({ id: c.id, path: c.path, method: c.method, body: c.body })),
      opts.timing ?? defaultTiming,
    );
    for (const call of part) {
      const r = answers.get(call.id);
      if (subAnswerSucceeded(r)) onResult(call, { ok: true, body: r.body });
      else onResult(call, { ok: false, error: subRequestError(call.what, r) });
    }
  }
}

function numberOf(v: unknown): number | undefined {
  const n = Number(v);
  return v === undefined || !Number.isFinite(n) ? undefined : n;
}

/** The SDK keeps a redacted body snippet in details.body; Ecwid's error codes live in it. */
function parseBody(snippet: unknown): unknown {
  if (typeof snippet !== 'string') return snippet;
  try {
    return JSON.parse(snippet);
  } catch {
    return undefined;
  }
}
