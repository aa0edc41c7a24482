/**
 * A simulator held to the evidence: the documented request sent as the document shows it, and the answer
 * checked for the documented status and shape (field names and JSON types, never values).
 */
import type { Evidence, EvidenceRequest } from './evidence-file';
import { expectSameShape, type ShapeOptions } from './shape';

/** The documented request's target as it goes on the request line: its path, then its query when it has one. */
export function requestTarget(request: EvidenceRequest): string {
  const query = new URLSearchParams(request.query ?? {}).toString();
  return query ? `${request.path}?${query}` : request.path;
}

/** An answer as a test reads it off the wire: its status and its parsed body. */
export interface ReceivedAnswer {
  status: number;
  body?: unknown;
}

/**
 * Throws unless `answer` has the status `e` documents and, when the document shows a body, that body's shape
 * (`options` as for expectSameShape). Errors name the evidence file.
 */
export function expectDocumentedAnswer(answer: ReceivedAnswer, e: Evidence, options: ShapeOptions = {}): void {
  const documented = e.response;
  if (!documented) throw new Error(`evidence ${e.name}: documents no response`);
  if (answer.status !== documented.status) {
    throw new Error(`${e.name}: the answer has status ${answer.status}, the document ${documented.status}`);
  }
  if (documented.body !== undefined) expectSameShape(answer.body, documented.body, e.name, options);
}
