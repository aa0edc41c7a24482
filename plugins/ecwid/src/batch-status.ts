/**
 * Reading Ecwid's batch status answer (GET /batch?ticket=…&escapedJson=true) into what the plugin
 * needs: the batch's state and each sub-request's status code and body. Pure, so the documented
 * examples can be fed to it directly (test/evidence).
 *
 * The field names are the documented camelCase ones — `totalRequests`, `completedRequests`,
 * `responses[].httpStatusCode`, `httpStatusLine`, `httpBody` / `escapedHttpBody`
 * (https://api-docs.ecwid.com/reference/get-batch-request-status; Ecwid's official Java client,
 * GetEscapedBatchResult.kt). The plugin asks for `escapedJson=true` as that client does, and reads
 * `httpBody` too in case a proxy or an older API answers with the object.
 */
import type { EcwidBatchItemStatus } from './ecwid-types';

export type BatchState = 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED';

/** One sub-request's answer, normalised. `body` is undefined when Ecwid sent none or it was not JSON. */
export interface SubAnswer {
  id?: string;
  status: EcwidBatchItemStatus | 'UNKNOWN';
  httpStatusCode?: number;
  httpStatusLine?: string;
  body?: unknown;
  /** True when `escapedHttpBody` was present but not valid JSON. */
  unreadableBody?: boolean;
}

export interface ParsedBatchStatus {
  /** undefined when the answer carries no status the document lists. */
  state?: BatchState;
  totalRequests?: number;
  completedRequests?: number;
  /** Sub-request answers by their `id` (only those that carry one). */
  answers: Map<string, SubAnswer>;
}

const STATES: readonly string[] = ['QUEUED', 'IN_PROGRESS', 'COMPLETED'];
const ITEM_STATUSES: readonly string[] = ['COMPLETED', 'FAILED', 'NOT_EXECUTED'];

const numberOrUndefined = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function parseSubAnswer(raw: unknown): SubAnswer | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const out: SubAnswer = {
    status: typeof r.status === 'string' && ITEM_STATUSES.includes(r.status) ? (r.status as EcwidBatchItemStatus) : 'UNKNOWN',
  };
  if (typeof r.id === 'string') out.id = r.id;
  out.httpStatusCode = numberOrUndefined(r.httpStatusCode);
  if (typeof r.httpStatusLine === 'string') out.httpStatusLine = r.httpStatusLine;
  if (typeof r.escapedHttpBody === 'string') {
    if (r.escapedHttpBody !== '') {
      try {
        out.body = JSON.parse(r.escapedHttpBody);
      } catch {
        out.unreadableBody = true;
      }
    }
  } else if ('httpBody' in r) {
    out.body = r.httpBody;
  }
  return out;
}

export function parseBatchStatus(data: unknown): ParsedBatchStatus {
  const answers = new Map<string, SubAnswer>();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { answers };
  const d = data as Record<string, unknown>;
  for (const raw of Array.isArray(d.responses) ? d.responses : []) {
    const a = parseSubAnswer(raw);
    if (a?.id !== undefined) answers.set(a.id, a);
  }
  return {
    state: typeof d.status === 'string' && STATES.includes(d.status) ? (d.status as BatchState) : undefined,
    totalRequests: numberOrUndefined(d.totalRequests),
    completedRequests: numberOrUndefined(d.completedRequests),
    answers,
  };
}

/** A sub-request succeeded only when Ecwid says so twice: status COMPLETED and HTTP 200. */
export function subAnswerSucceeded(a: SubAnswer | undefined): a is SubAnswer {
  return a !== undefined && a.status === 'COMPLETED' && a.httpStatusCode === 200;
}
