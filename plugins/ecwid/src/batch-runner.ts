/**
 * Ecwid's batch API: POST /batch with up to 500 sub-requests answers a ticket at once and runs them
 * in the background; GET /batch?ticket=… reports progress and, once COMPLETED, each sub-request's
 * status code and body. The create call carries a deduplicationKey (a UUID), so the SDK client may
 * resend it after an ambiguous failure: Ecwid answers a repeated key with the first ticket.
 *
 * Following the ticket is waiting for work already accepted, not retrying a failed call: each status
 * read goes through ctx.http (rate budget, retries of its own failures) and the wait is bounded.
 */
import { randomUUID } from 'node:crypto';
import { Transient, type HttpClient } from '@stock-sync/plugin-sdk';
import { BATCH_DEADLINE_MS, BATCH_POLL_DELAYS_MS } from './manifest';
import { parseBatchStatus, type SubAnswer } from './batch-status';
import type { EcwidBatchRequest } from './ecwid-types';

export interface BatchTiming {
  deadlineMs: number;
  pollDelaysMs: readonly number[];
  sleep(ms: number): Promise<void>;
}

export const defaultTiming: BatchTiming = {
  deadlineMs: BATCH_DEADLINE_MS,
  pollDelaysMs: BATCH_POLL_DELAYS_MS,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Runs the sub-requests as one batch; resolves with each one's answer by its id. */
export async function runBatch(
  api: HttpClient,
  requests: EcwidBatchRequest[],
  timing: BatchTiming = defaultTiming,
): Promise<Map<string, SubAnswer>> {
  const created = await api.request<{ ticket?: unknown }>({
    method: 'POST',
    url: '/batch',
    // Independent sub-requests: keep going past a failed one (a deleted variant must not stop the
    // others) and let Ecwid run them side by side.
    params: { stopOnFirstFailure: false, allowParallelMode: true, deduplicationKey: randomUUID() },
    body: requests,
    idempotent: true,
  });
  const ticket = created.data?.ticket;
  if (typeof ticket !== 'string' || ticket === '') throw new Transient('Ecwid accepted the batch without a ticket');

  let waited = 0;
  for (let poll = 0; ; poll++) {
    // escapedJson=true as Ecwid's official Java client asks (GetEscapedBatchRequest): each body comes
    // back as a JSON string in escapedHttpBody.
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
