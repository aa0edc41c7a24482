/**
 * A stand-in for the SDK's HTTP client that answers each call with the next scripted answer (usually a
 * documented response from test/evidence) and records what was sent — for testing a plugin's parsing and
 * call planning with no server at all. A call with no answer left fails the test, naming the call.
 */
import type { HttpClient, HttpRequest, HttpResponse } from '@stock-sync/plugin-sdk';

export type ScriptedAnswer = (req: HttpRequest) => HttpResponse;

export function scriptedClient(answers: ScriptedAnswer[]): HttpClient & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const client = {
    sent,
    stats: { requests: 0, retries: 0, throttled: 0 },
    extend: () => client,
    async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
      sent.push(req);
      const next = answers.shift();
      if (!next) throw new Error(`unexpected call ${req.method} ${req.url}`);
      return next(req) as HttpResponse<T>;
    },
  };
  return client;
}
