/** A stop (AuthError, RateLimited, Transient) inside one product's write keeps that product's settled outcomes. */
import { AuthError, quantity as Q, RateLimited } from '@stock-sync/plugin-api';
import type { HttpClient, HttpRequest, StockWrite } from '@stock-sync/plugin-api';
import { bigCartelConnection } from '../src/connection';

const option = (id: string) => ({ type: 'product_options', id, attributes: { quantity: 5 } });
const doc = {
  data: {
    type: 'products',
    id: '100',
    relationships: { options: { data: ['1', '2', '3'].map((id) => ({ type: 'product_options', id })) } },
  },
  included: ['1', '2', '3'].map(option),
};

/** A client answering GET /products/100 with options 1–3 at quantity 5; `fail` says which call throws what. */
function client(fail: (req: HttpRequest, n: number) => Error | undefined): { api: HttpClient; sent: string[] } {
  const sent: string[] = [];
  const request = async (req: HttpRequest) => {
    sent.push(`${req.method} ${req.url}`);
    const error = fail(req, sent.length);
    if (error) throw error;
    return { status: 200, headers: {}, data: req.method === 'GET' ? doc : {} };
  };
  return { api: { request } as unknown as HttpClient, sent };
}

const log = { debug() {}, info() {}, warn() {}, error() {} };
const writes: StockWrite[] = [
  { externalProductId: '100', externalVariantId: '9', target: Q(4) }, // no such option: NotFound
  { externalProductId: '100', externalVariantId: '1', target: Q(5) }, // already shown: written, no PATCH
  { externalProductId: '100', externalVariantId: '3', target: Q(4) }, // PATCHed, never read back
  { externalProductId: '100', externalVariantId: '2', target: Q(4) }, // its PATCH stops the work
];
const verdicts = (out: Awaited<ReturnType<ReturnType<typeof bigCartelConnection>['writeStock']>>) =>
  out.map((o) => (o.status === 'failed' ? o.error.name : o.status));

it('a later PATCH refused 401: the missing option stays NotFound and the in-place one written; the unconfirmed PATCH fails with the stop', async () => {
  const { api, sent } = client((req) => (req.url.endsWith('/options/2') ? new AuthError('Big Cartel refused the token') : undefined));
  const out = await bigCartelConnection(api, log).writeStock(writes);
  expect(sent).toEqual(['GET /products/100', 'PATCH /products/100/options/3', 'PATCH /products/100/options/2']);
  expect(verdicts(out)).toEqual(['NotFound', 'written', 'AuthError', 'AuthError']);
});

it('a read-back stopped by RateLimited keeps the settled verdicts too', async () => {
  const { api } = client((req, n) => (req.method === 'GET' && n > 1 ? new RateLimited('slow down', 1000) : undefined));
  const out = await bigCartelConnection(api, log).writeStock(writes);
  expect(verdicts(out)).toEqual(['NotFound', 'written', 'RateLimited', 'RateLimited']);
});
