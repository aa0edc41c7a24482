/**
 * The plugin's own parsing fed with Ecwid's documented answers (test/evidence, each with its public
 * URL), no simulator involved: batch status, sub-request outcomes, read-back mapping, error mapping.
 */
import { join } from 'node:path';
import { AuthError, NotFound, Rejected, Transient } from '@stock-sync/plugin-api';
import { evidence, loadEvidenceDir, scriptedClient } from '@stock-sync/plugin-testkit/evidence';
import { callMany, parseBatchStatus, runBatch, subAnswerSucceeded, subRequestError, type CallResult } from '../src/call-many';
import { writeError, ecwidConnection } from '../src/connection';
import { classifyEcwidResponse, errorBodyOf } from '../src/ecwid-api';
import { fromCombination, fromStockFields, toStockUpdate } from '../src/stock-mapping';

const DIR = join(__dirname, 'evidence');
const doc = (name: string) => evidence(DIR, name);
const body = (name: string) => doc(name).response!.body as any;

const ok = (data: unknown) => () => ({ status: 200, headers: {}, data });
const noWait = { deadlineMs: 1_000, pollDelaysMs: [1], sleep: async () => {} };

it('every evidence file names a public source and a date', () => {
  expect(loadEvidenceDir(DIR).length).toBeGreaterThanOrEqual(10);
});

describe('batch status (camelCase, as documented)', () => {
  it('reads the documented example: state, counts, each sub-request by id with its code and httpBody', () => {
    const s = parseBatchStatus(body('get-batch-status'));
    expect(s).toMatchObject({ state: 'COMPLETED', totalRequests: 2, completedRequests: 2 });
    const a = s.answers.get('123456')!;
    expect(a).toMatchObject({ status: 'COMPLETED', httpStatusCode: 200, httpStatusLine: 'OK', body: { total: 134 } });
    expect(subAnswerSucceeded(a)).toBe(true);
  });

  it('reads escapedHttpBody (escapedJson=true, the official client) as JSON', () => {
    const s = parseBatchStatus(body('get-batch-status-escaped'));
    expect(s.answers.get('0')).toMatchObject({ status: 'COMPLETED', httpStatusCode: 200, body: { updateCount: 1 } });
    expect(s.answers.get('1')).toMatchObject({ status: 'FAILED', httpStatusCode: 404, body: { errorCode: 'COMBINATION_NOT_FOUND' } });
  });

  it('regression: a FAILED 404 is NotFound (it was read as a missing snake_case code → Transient, retried forever)', () => {
    const failed = parseBatchStatus(body('get-batch-status-escaped')).answers.get('1');
    expect(subAnswerSucceeded(failed)).toBe(false);
    const e = subRequestError('combination 2 of product 1', failed);
    expect(e).toBeInstanceOf(NotFound);
    expect(e.message).toContain('COMBINATION_NOT_FOUND');
  });

  it('regression: snake_case fields (which Ecwid does not send) never count as a success', () => {
    const s = parseBatchStatus({
      status: 'COMPLETED',
      total_requests: 1,
      responses: [{ id: '0', status: 'COMPLETED', http_body: { updateCount: 1 } }],
    });
    const a = s.answers.get('0');
    expect(subAnswerSucceeded(a)).toBe(false);
    expect(subRequestError('combination 2 of product 1', a)).toBeInstanceOf(Transient);
  });

  it('an escapedHttpBody that is not JSON leaves the write unconfirmed (Transient), never written', () => {
    const a = parseBatchStatus({
      status: 'COMPLETED',
      responses: [{ id: '0', status: 'COMPLETED', httpStatusCode: 200, escapedHttpBody: '<html>' }],
    }).answers.get('0')!;
    expect(a.body).toBeUndefined();
    expect(writeError('combination 2 of product 1', { ok: true, body: a.body })).toBeInstanceOf(Transient);
  });

  it('runBatch asks with escapedJson=true and follows the documented create → status answers', async () => {
    const api = scriptedClient([
      ok(body('create-batch')),
      ok({ status: 'IN_PROGRESS', totalRequests: 2, completedRequests: 1, responses: [] }),
      ok(body('get-batch-status-escaped')),
    ]);
    const answers = await runBatch(
      api,
      [{ id: '0', path: '/products/1/combinations/2', method: 'PUT', body: { unlimited: false, quantity: 4 } }],
      noWait,
    );
    expect(api.sent[0]).toMatchObject({ method: 'POST', url: '/batch', params: { stopOnFirstFailure: false, allowParallelMode: true } });
    expect(api.sent[1]).toMatchObject({ method: 'GET', url: '/batch', params: { ticket: body('create-batch').ticket, escapedJson: true } });
    expect(answers.get('0')).toMatchObject({ httpStatusCode: 200, body: { updateCount: 1 } });
  });

  it('writes three variations by batch: the documented answers give one written and one NotFound per sub-request id', async () => {
    const status = body('get-batch-status-escaped');
    const three = {
      ...status,
      totalRequests: 3,
      completedRequests: 3,
      responses: [...status.responses, { ...status.responses[0], id: '2' }],
    };
    const api = scriptedClient([ok(body('create-batch')), ok(three)]);
    const conn = ecwidConnection(api, { debug() {}, info() {}, warn() {}, error() {} } as any, { timing: noWait });
    const out = await conn.writeStock(
      [1, 2, 3].map((v) => ({ externalProductId: '10', externalVariantId: String(v), target: { kind: 'quantity' as const, quantity: 4 } })),
    );
    expect(out.map((o) => o.status)).toEqual(['written', 'failed', 'written']);
    expect((out[1] as { error: unknown }).error).toBeInstanceOf(NotFound);
  });
});

describe('read-back mapping', () => {
  it('maps the documented variations list (own quantity, zero)', () => {
    const list = body('get-product-variations') as any[];
    expect(list.map((c) => fromCombination(c))).toEqual([
      { kind: 'quantity', quantity: 21 },
      { kind: 'out_of_stock' },
      { kind: 'quantity', quantity: 61 },
    ]);
  });

  it('reads the variations list out of a documented batch answer (escaped)', async () => {
    const list = JSON.stringify(body('get-product-variations'));
    const api = scriptedClient([
      ok(body('create-batch')),
      ok({
        status: 'COMPLETED',
        totalRequests: 3,
        completedRequests: 3,
        responses: ['8383237', '2', '3'].map((id) => ({
          id,
          status: 'COMPLETED',
          httpStatusCode: 200,
          httpStatusLine: 'OK',
          escapedHttpBody: list,
        })),
      }),
    ]);
    const conn = ecwidConnection(api, { debug() {}, info() {}, warn() {}, error() {} } as any, { timing: noWait });
    const out = await conn.readStock([
      { externalProductId: '8383237', externalVariantId: '7084071' },
      { externalProductId: '2', externalVariantId: '7084072' },
      { externalProductId: '3', externalVariantId: '999' },
    ]);
    expect(out[0]).toMatchObject({ status: 'found', stock: { kind: 'quantity', quantity: 21 } });
    expect(out[1]).toMatchObject({ status: 'found', stock: { kind: 'out_of_stock' } });
    expect(out[2]).toMatchObject({ status: 'failed' });
    expect((out[2] as { error: unknown }).error).toBeInstanceOf(NotFound);
  });

  it('maps the documented product (stock inherited by a variation without its own quantity)', () => {
    expect(fromStockFields(body('get-product'))).toEqual({ kind: 'quantity', quantity: 67 });
    expect(fromCombination({ id: 1 } as any, body('get-product'))).toEqual({ kind: 'quantity', quantity: 67 });
  });
});

describe('write outcome and errors', () => {
  it('{"updateCount": 1} is written; 0 is Rejected; no count is Transient', () => {
    const r = (b: unknown): CallResult => ({ ok: true, body: b });
    expect(writeError('x', r(body('update-product-variation')))).toBeUndefined();
    expect(writeError('x', r({ updateCount: 0 }))).toBeInstanceOf(Rejected);
    expect(writeError('x', r(undefined))).toBeInstanceOf(Transient);
  });

  it('maps the documented error answers', () => {
    const e = doc('invalid-token').response!;
    expect(classifyEcwidResponse({ status: e.status, headers: {}, data: e.body })?.error).toBeInstanceOf(AuthError);
    const nf = doc('variation-not-found').response!;
    expect(subRequestError('combination', { status: 'FAILED', httpStatusCode: nf.status, body: nf.body })).toBeInstanceOf(NotFound);
    expect(errorBodyOf(body('create-batch-invalid'))?.errorMessage).toContain("Can't create batch");
  });

  it('a direct write refused with an AuthError stops the run but keeps the write answered before it', async () => {
    const api = scriptedClient([
      ok(body('update-product-variation')),
      () => {
        throw new AuthError('Ecwid refused the access token (INVALID_API_TOKEN)', { status: 403 });
      },
    ]);
    const conn = ecwidConnection(api, { debug() {}, info() {}, warn() {}, error() {} } as any, { timing: noWait });
    const out = await conn.writeStock(
      ['2', '3'].map((v) => ({ externalProductId: '1', externalVariantId: v, target: { kind: 'quantity' as const, quantity: 1 } })),
    );
    expect(out.map((o) => o.status)).toEqual(['written', 'failed']);
    expect((out[1] as { error: unknown }).error).toBeInstanceOf(AuthError);
  });

  it("a direct write answered with a redirect is failed with the SDK's Transient, never written", async () => {
    const api = scriptedClient([
      () => {
        throw new Transient('PUT … was answered with a redirect (301)', { status: 301, location: 'https://app.ecwid.com/elsewhere' });
      },
    ]);
    const conn = ecwidConnection(api, { debug() {}, info() {}, warn() {}, error() {} } as any, { timing: noWait });
    const out = await conn.writeStock([{ externalProductId: '1', externalVariantId: '2', target: { kind: 'quantity', quantity: 1 } }]);
    expect(out[0].status).toBe('failed');
    expect((out[0] as any).error).toBeInstanceOf(Transient);
  });

  it('a direct call the SDK answers with a documented 404 body becomes NotFound for that variation', async () => {
    const nf = doc('variation-not-found').response!;
    const api = scriptedClient([
      () => {
        throw new NotFound('PUT … found nothing (404)', { status: nf.status, body: JSON.stringify(nf.body) });
      },
    ]);
    const { results } = await callMany(api, [
      { id: '0', method: 'PUT', path: '/products/1/combinations/2', body: { quantity: 1 }, what: 'combination 2 of product 1' },
    ]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: false });
    expect((results[0] as any).error).toBeInstanceOf(NotFound);
  });
});

it("the plugin's PUT body uses only the documented Variation fields, with the documented types", () => {
  // Field table of "Update product variation": quantity | number, unlimited | boolean
  // (https://api-docs.ecwid.com/reference/update-product-variation); the example request sends "quantity": 4.
  const requestBody = doc('update-product-variation').request!.body as Record<string, unknown>;
  const documentedTypes: Record<string, string> = { quantity: typeof requestBody.quantity, unlimited: 'boolean' };
  expect(documentedTypes.quantity).toBe('number');
  for (const target of [{ kind: 'unlimited' as const }, { kind: 'out_of_stock' as const }, { kind: 'quantity' as const, quantity: 7 }]) {
    for (const [k, v] of Object.entries(toStockUpdate(target))) expect([k, typeof v]).toEqual([k, documentedTypes[k]]);
  }
});
