/**
 * Independent REST calls the cheapest way: one or two as direct calls, more as Ecwid batches of up to 500 (create +
 * status; README "Batching and the fewest calls"). Batch API: https://github.com/Ecwid/ecwid-api-docs/blob/master/includes/_batch_api.md.
 */
import { randomUUID } from 'node:crypto';
import { AuthError, NotFound, RateLimited, Rejected, Transient } from '@stock-sync/plugin-api';
import { chunk, isJsonObject, jsonBodyOf, stopsTheWork, toPluginError } from '@stock-sync/plugin-sdk';
import type { HttpClient, PluginError } from '@stock-sync/plugin-api';
import { errorBodyOf } from './ecwid-api';
import { BATCH_DEADLINE_MS, BATCH_POLL_DELAYS_MS, ECWID_MAX_BATCH, MIN_SUBREQUESTS_FOR_BATCH } from './manifest';

export interface RestCall {
  /** The sub-request's id in a batch. */
  id: string;
  method: 'GET' | 'PUT';
  /** Relative to /api/v3/{storeId}. */
  path: string;
  body?: unknown;
  /** For error messages: "combination 7 of product 3". */
  what: string;
}

export type CallResult = { ok: true; body: unknown } | { ok: false; error: PluginError };

const defaultTiming = {
  deadlineMs: BATCH_DEADLINE_MS,
  pollDelaysMs: BATCH_POLL_DELAYS_MS,
  sleep: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
};
export type CallManyOptions = { maxBatch?: number; timing?: typeof defaultTiming };

/**
 * The calls' results, in call order. An error that stops the work (after the SDK client's retries, or a ticket past
 * its deadline) ends the calls: `stop` is that error, and `results` holds only the calls answered before it.
 */
export async function callMany(
  api: HttpClient,
  calls: readonly RestCall[],
  opts: CallManyOptions = {},
): Promise<{ results: CallResult[]; stop?: PluginError }> {
  const results: CallResult[] = [];
  try {
    if (calls.length < MIN_SUBREQUESTS_FOR_BATCH) {
      for (const call of calls) results.push(await direct(api, call));
      return { results };
    }
    for (const part of chunk(calls, opts.maxBatch ?? ECWID_MAX_BATCH)) {
      const requests = part.map(({ id, path, method, body }) => ({ id, path, method, body }));
      const answers = await runBatch(api, requests, opts.timing);
      for (const call of part) {
        const r = answers.get(call.id);
        results.push(subAnswerSucceeded(r) ? { ok: true, body: r.body } : { ok: false, error: subRequestError(call.what, r) });
      }
    }
    return { results };
  } catch (e) {
    const error = toPluginError(e, 'Ecwid');
    if (!stopsTheWork(error)) throw error;
    return { results, stop: error };
  }
}

/** JSON text → its value; undefined when it is not JSON. */
function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function direct(api: HttpClient, call: RestCall): Promise<CallResult> {
  try {
    const res = await api.request({ method: call.method, url: call.path, body: call.body, idempotent: true });
    return { ok: true, body: res.data };
  } catch (e) {
    const error = toPluginError(e, 'Ecwid');
    if (stopsTheWork(error)) throw error;
    // A 4xx answer carries Ecwid's errorCode (in the SDK's redacted body snippet): read it the way a
    // sub-request's is read. Anything else (a 3xx the SDK refused as success, a network failure …) stays as is.
    const status = Number(error.details?.status);
    if (!(status >= 400 && status < 500)) return { ok: false, error };
    const body = jsonBodyOf(error.details?.body);
    return { ok: false, error: subRequestError(call.what, { status: 'FAILED', httpStatusCode: status, body }) };
  }
}

/** Runs the sub-requests as one batch; resolves with each one's answer by its id. */
export async function runBatch(
  api: HttpClient,
  requests: { id: string; path: string; method: string; body?: unknown }[],
  timing = defaultTiming,
): Promise<Map<string, SubAnswer>> {
  const created = await api.request<{ ticket?: unknown }>({
    method: 'POST',
    url: '/batch',
    // Independent sub-requests: keep going past a failed one (a deleted variant must not stop the others)
    // and let Ecwid run them side by side.
    params: { stopOnFirstFailure: false, allowParallelMode: true, deduplicationKey: randomUUID() },
    body: requests,
    idempotent: true,
  });
  const ticket = created.data?.ticket;
  if (typeof ticket !== 'string' || ticket === '') throw new Transient('Ecwid accepted the batch without a ticket');

  let waited = 0;
  for (let poll = 0; ; poll++) {
    // escapedJson=true as Ecwid's official Java client asks (GetEscapedBatchRequest): each body comes back as a
    // JSON string in escapedHttpBody.
    const res = await api.request({ method: 'GET', url: '/batch', params: { ticket, escapedJson: true } });
    const status = parseBatchStatus(res.data);
    if (status.state === 'COMPLETED') return status.answers;
    const delay = timing.pollDelaysMs[Math.min(poll, timing.pollDelaysMs.length - 1)];
    if (waited + delay > timing.deadlineMs) {
      throw new Transient(
        `Ecwid batch ${ticket} still ${status.state ?? 'without a documented status'} after ${Math.round(waited / 1000)} s (${status.completedRequests ?? 0}/${status.totalRequests ?? '?'} done)`,
        { ticket },
      );
    }
    await timing.sleep(delay);
    waited += delay;
  }
}

/** One sub-request's answer, normalised. `body` is undefined when Ecwid sent none or it was not JSON. */
export interface SubAnswer {
  status: 'COMPLETED' | 'FAILED' | 'NOT_EXECUTED' | 'UNKNOWN';
  httpStatusCode?: number;
  httpStatusLine?: string;
  body?: unknown;
}

type BatchState = 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED';
const STATES: readonly string[] = ['QUEUED', 'IN_PROGRESS', 'COMPLETED'];
const SUB_STATES: readonly string[] = ['COMPLETED', 'FAILED', 'NOT_EXECUTED'];
const numberOrUndefined = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * GET /batch?ticket=…&escapedJson=true → the batch's state and each sub-request's status code and body, by id.
 * The documented camelCase names — `totalRequests`, `completedRequests`, `responses[].httpStatusCode`,
 * `httpStatusLine`, `httpBody` / `escapedHttpBody` (https://api-docs.ecwid.com/reference/get-batch-request-status;
 * Ecwid's official Java client, GetEscapedBatchResult.kt, EscapedSingleBatchResponse). `httpBody` is read too in
 * case a proxy or an older API answers with the object.
 */
export function parseBatchStatus(answer: unknown) {
  const data = isJsonObject(answer) ? answer : {};
  const answers = new Map<string, SubAnswer>();
  for (const r of Array.isArray(data.responses) ? data.responses : []) {
    if (!isJsonObject(r) || typeof r.id !== 'string') continue;
    answers.set(r.id, {
      status: typeof r.status === 'string' && SUB_STATES.includes(r.status) ? (r.status as SubAnswer['status']) : 'UNKNOWN',
      httpStatusCode: numberOrUndefined(r.httpStatusCode),
      httpStatusLine: typeof r.httpStatusLine === 'string' ? r.httpStatusLine : undefined,
      body: typeof r.escapedHttpBody === 'string' ? parsedJson(r.escapedHttpBody) : r.httpBody,
    });
  }
  return {
    state: typeof data.status === 'string' && STATES.includes(data.status) ? (data.status as BatchState) : undefined,
    totalRequests: numberOrUndefined(data.totalRequests),
    completedRequests: numberOrUndefined(data.completedRequests),
    answers,
  };
}

/** A sub-request succeeded only when Ecwid says so twice: status COMPLETED and HTTP 200. */
export function subAnswerSucceeded(a: SubAnswer | undefined): a is SubAnswer {
  return a !== undefined && a.status === 'COMPLETED' && a.httpStatusCode === 200;
}

/**
 * A sub-request's status code (or a direct call's 4xx) → the SDK taxonomy. Sub-request codes never reach the
 * SDK client, so they are mapped here the way the client maps a direct answer.
 */
export function subRequestError(what: string, r: SubAnswer | undefined): PluginError {
  if (!r) return new Transient(`Ecwid's batch answer has no result for ${what}`);
  if (r.status === 'NOT_EXECUTED') return new Transient(`Ecwid did not execute the request for ${what}`);
  const code = r.httpStatusCode ?? NaN;
  const body = errorBodyOf(r.body);
  const reason = body?.errorCode ?? r.httpStatusLine ?? (Number.isFinite(code) ? `HTTP ${code}` : 'no status code');
  // COMPLETED with a 200 is a success (subAnswerSucceeded); anything else claiming success without a readable
  // code is no proof the write happened: Transient, so the hub tries again (writes are absolute).
  if (r.status === 'COMPLETED' && (code === 200 || !Number.isFinite(code))) {
    return new Transient(`Ecwid's batch answer for ${what} is incomplete (${r.status}, ${reason}): not counted as done`, { status: code });
  }
  const details = { status: code, code: body?.errorCode };
  if (code === 401 || code === 403) return new AuthError(`Ecwid refused the access token for ${what} (${reason})`, details);
  if (code === 404) return new NotFound(`Ecwid has no ${what} (${reason})`, details);
  if (code === 429) return new RateLimited(`Ecwid throttled the request for ${what}`, 1_000, details);
  if (code === 408 || code >= 500 || !Number.isFinite(code))
    return new Transient(`Ecwid failed the request for ${what} (${reason})`, details);
  return new Rejected(`Ecwid refused the request for ${what} (${reason}${body?.errorMessage ? `: ${body.errorMessage}` : ''})`, details);
}
