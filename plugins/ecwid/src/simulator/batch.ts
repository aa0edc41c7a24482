/**
 * POST /batch and GET /batch?ticket=… (https://api-docs.ecwid.com/reference/get-batch-request-status,
 * https://github.com/Ecwid/ecwid-api-docs/blob/master/includes/_batch_api.md). The status answer is
 * camelCase: totalRequests, completedRequests, responses[].httpStatusCode / httpStatusLine /
 * httpBody or (escapedJson=true) escapedHttpBody. Sub-requests run in order through the store's own REST handlers when the
 * batch is created; the ticket then answers QUEUED/IN_PROGRESS for `options.pollsUntilComplete`
 * status reads before COMPLETED with every sub-request's answer.
 */
import { compileRoute, matchRoute } from '@stock-sync/plugin-testkit/simulator';
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { ecwidError } from './errors';
import { API, restRoutes } from './routes';
import type { BatchSubResult, EcwidSimState } from './state';

type Ctx = SimContext<EcwidSimState>;

export const MAX_BATCH_REQUESTS = 500;
const DEDUP_MEMORY_MS = 60 * 60 * 1000;
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const compiled = restRoutes.map((r) => compileRoute(r));

const STATUS_LINES: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
};

function flag(v: string | string[] | undefined, dflt: boolean): boolean {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined ? dflt : s === 'true';
}

interface SubRequest {
  id?: string;
  path: string;
  method: string;
  body?: unknown;
}

/** "Can't create batch. Batch request body is invalid. Path $[0].id contains bad value" */
function invalidBody(where: string): SimResponse {
  return ecwidError(400, undefined, `Can't create batch. Batch request body is invalid. Path ${where} contains bad value`);
}

function validate(body: unknown): SubRequest[] | SimResponse {
  if (!Array.isArray(body)) return invalidBody('$');
  if (body.length > MAX_BATCH_REQUESTS)
    return ecwidError(400, undefined, `Can't create batch. Max amount of API requests for one batch request is ${MAX_BATCH_REQUESTS}`);
  for (let i = 0; i < body.length; i++) {
    const r = body[i] as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return invalidBody(`$[${i}]`);
    if (r.id !== undefined && typeof r.id !== 'string') return invalidBody(`$[${i}].id`);
    if (typeof r.path !== 'string' || !r.path.startsWith('/')) return invalidBody(`$[${i}].path`);
    if (typeof r.method !== 'string' || !METHODS.includes(r.method)) return invalidBody(`$[${i}].method`);
  }
  return body as SubRequest[];
}

function runOne(sub: SubRequest, ctx: Ctx, storeId: string): Promise<SimResponse> | SimResponse {
  const [rawPath, rawQuery = ''] = sub.path.split('?', 2);
  const path = `/api/v3/${storeId}${rawPath}`;
  const m = matchRoute(compiled, sub.method, path);
  if (m.kind === 'not-found') return ecwidError(404, undefined, 'Not found');
  if (m.kind === 'method-not-allowed')
    return ecwidError(405, 'METHOD_NOT_ALLOWED', 'HTTP request type is not supported for the specified endpoint');
  const query: Record<string, string> = {};
  new URLSearchParams(rawQuery).forEach((v, k) => (query[k] = v));
  // The body is "the API v3 request body as is": an object, or a JSON string.
  let body = sub.body;
  if (typeof body === 'string') {
    try {
      body = body === '' ? undefined : JSON.parse(body);
    } catch {
      return ecwidError(400, 'WRONG_PARAMETER', 'Request body is not a valid JSON');
    }
  }
  const req: SimRequest = {
    method: sub.method,
    path,
    params: m.params,
    query,
    headers: { 'content-type': 'application/json' },
    body,
    rawBody: body === undefined ? '' : JSON.stringify(body),
  };
  return (m.route as SimRoute<EcwidSimState>).handle(req, ctx);
}

export const batchRoutes: SimRoute<EcwidSimState>[] = [
  {
    method: 'POST',
    path: `${API}/batch`,
    async handle(req, ctx) {
      const type = (req.headers['content-type'] ?? '').toLowerCase();
      if (!type.includes('application/json') && !type.includes('text/json'))
        return ecwidError(415, undefined, 'Unsupported content-type: expected application/json or text/json');
      const subs = validate(req.body);
      if (!Array.isArray(subs)) return subs;
      const key = typeof req.query.deduplicationKey === 'string' ? req.query.deduplicationKey : undefined;
      const now = ctx.now();
      for (const [k, v] of ctx.state.dedup) if (now - v.at > DEDUP_MEMORY_MS) ctx.state.dedup.delete(k);
      if (key && ctx.state.dedup.has(key)) return { status: 200, body: { ticket: ctx.state.dedup.get(key)!.ticket } };

      const stopOnFirstFailure = flag(req.query.stopOnFirstFailure, true);
      const results: BatchSubResult[] = [];
      let stopped = false;
      for (const sub of subs) {
        if (stopped) {
          results.push({ id: sub.id, status: 'NOT_EXECUTED' });
          continue;
        }
        const res = await runOne(sub, ctx, req.params.storeId);
        const ok = res.status === 200;
        results.push({ id: sub.id, status: ok ? 'COMPLETED' : 'FAILED', httpStatus: res.status, body: res.body });
        if (!ok && stopOnFirstFailure) stopped = true;
      }
      const ticket = `${String(ctx.state.nextTicket++).padStart(8, '0')}-5e1f-4a9f-b4e6-fc451bc78979`;
      ctx.state.tickets.set(ticket, { ticket, results, pollsLeft: ctx.state.options.pollsUntilComplete });
      if (key) ctx.state.dedup.set(key, { ticket, at: now });
      return { status: 200, body: { ticket } };
    },
  },
  {
    method: 'GET',
    path: `${API}/batch`,
    handle(req, ctx) {
      const ticketId = typeof req.query.ticket === 'string' ? req.query.ticket : '';
      if (!ticketId) return ecwidError(400, 'WRONG_PARAMETER', "Required parameter 'ticket' is missing");
      const t = ctx.state.tickets.get(ticketId);
      if (!t) return ecwidError(404, undefined, `Batch request with ticket ${ticketId} not found`);
      const total = t.results.length;
      if (t.pollsLeft > 0) {
        t.pollsLeft--;
        const done = t.pollsLeft === 0 ? Math.floor(total / 2) : 0;
        return {
          status: 200,
          body: { status: done > 0 ? 'IN_PROGRESS' : 'QUEUED', totalRequests: total, completedRequests: done, responses: [] },
        };
      }
      const escaped = flag(req.query.escapedJson, false);
      const responses = t.results.map((r) => {
        const out: Record<string, unknown> = { id: r.id, status: r.status };
        if (r.status !== 'NOT_EXECUTED') {
          // "escapedHttpBody is returned instead of httpBody if escapedJson is true" (docs, below).
          if (escaped) out.escapedHttpBody = JSON.stringify(r.body ?? null);
          else out.httpBody = r.body;
          out.httpStatusCode = r.httpStatus;
          out.httpStatusLine = STATUS_LINES[r.httpStatus ?? 500] ?? '';
        }
        return out;
      });
      const completed = t.results.filter((r) => r.status !== 'NOT_EXECUTED').length;
      return { status: 200, body: { status: 'COMPLETED', totalRequests: total, completedRequests: completed, responses } };
    },
  },
];
