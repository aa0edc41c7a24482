/**
 * The simulator held to the evidence (test/evidence): each documented request sent over HTTP, its
 * answer checked for the documented status and shape. Big Cartel publishes no OpenAPI document.
 */
import { join } from 'node:path';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectDocumentedAnswer } from '@stock-sync/plugin-testkit/evidence';
import { seedProduct as product } from '@stock-sync/plugin-testkit/fixtures';
import { call, startBigCartelSimulator, type BigCartelSim } from './support/account';

const DIR = join(__dirname, 'evidence');
const A = () => `/v1/accounts/${sim.credentials.accountId}`;
const sim = useSimulator(async (): Promise<BigCartelSim> => {
  const sim = await startBigCartelSimulator();
  sim.seed([product(456, 789, 1, { kind: 'quantity', quantity: 3 })]);
  return sim;
});

it('get the account (verify)', async () => {
  const e = evidence(DIR, 'get-account');
  const res = await call(sim, 'GET', A());
  expectDocumentedAnswer(res, e);
});

it('get a product with include=options', async () => {
  const e = evidence(DIR, 'get-product');
  const res = await call(sim, 'GET', `${A()}/products/456?include=options`);
  expectDocumentedAnswer(res, e, { closed: true });
});

it('update an option (the JSON:API form the plugin uses; see the evidence note)', async () => {
  const e = evidence(DIR, 'update-option');
  const res = await call(sim, 'PATCH', `${A()}/products/456/options/789`, e.request!.body);
  expectDocumentedAnswer(res, e, { closed: true });
  expect(sim.state.options.get('789')!.quantity).toBe(5);
});

it('documented status codes: 401 for wrong credentials, 404 for a missing product, 400 without the User-Agent', async () => {
  expect((await call(sim, 'GET', A(), undefined, { authorization: 'Bearer wrong' })).status).toBe(
    evidence(DIR, 'unauthorized').response!.status,
  );
  expect((await call(sim, 'GET', `${A()}/products/999?include=options`)).status).toBe(evidence(DIR, 'not-found').response!.status);
  expect((await call(sim, 'GET', A(), undefined, { 'user-agent': '' })).status).toBe(evidence(DIR, 'missing-headers').response!.status);
});
