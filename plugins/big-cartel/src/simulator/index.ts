/**
 * The Big Cartel sandbox: a small model of an account's products API (JSON:API) for the testkit's
 * simulator framework. Lowest-confidence platform: what is documented and what is assumed is listed in
 * ../../README.md.
 */
import { variantCatalog, withOAuth } from '@stock-sync/plugin-testkit/simulator';
import type { PlatformSimulatorDefinition, SeedProduct, SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { jsonApiError, missingHeaderRefusal } from './errors';
import { accountsRoute, bigCartelOAuth } from './oauth';
import { applyMerchantEdit, deriveStatus, neutralStock } from './product-rules';
import { bigCartelRoutes } from './routes';
import { deliverProductUpdated } from './webhooks';
import { createBigCartelState, SANDBOX_ACCOUNT_ID, type BigCartelSimState, type SimOption, type SimProduct } from './state';

export type { BigCartelSimState, SimOption, SimProduct } from './state';
export { SANDBOX_ACCOUNT_ID } from './state';
export { SANDBOX_OAUTH_APP, bigCartelOAuth, signedAccountDeauthorized } from './oauth';
export { productObject } from './documents';

/** Obviously fake OAuth token. */
export const SANDBOX_ACCESS_TOKEN = 'bc_test_0000000000000000sandbox0000000000';

/** Products listing their options; an option names its product (the account's own ids). */
const catalog = variantCatalog<BigCartelSimState, SimProduct, SimOption>({
  variants: 'options',
  productOf: 'productId',
  variantIds: 'optionIds',
  names: ['option', 'product'],
});

function seed(state: BigCartelSimState, products: SeedProduct[]): void {
  const now = state.clock();
  catalog.seed(state, products, {
    product: (id, sp) => ({ id, name: sp.title ?? `Product ${id}`, status: 'active', optionIds: [], updatedAt: now }),
    variant: (id, product, sv) => ({ id, productId: product.id, name: sv.sku ?? `Option ${id}`, price: '20.00', quantity: 0, sold: 0 }),
    apply: (o, sv) => applyMerchantEdit(state, o, sv.initial ?? { kind: 'unlimited' }, now),
    // The product's status follows its options' quantities.
    settle: (p) => deriveStatus(state, p),
  });
}

/** The required headers (missingHeaderRefusal), then Bearer (OAuth) or Basic (subdomain:password) auth; 401 otherwise. */
function authenticate(req: SimRequest, creds: Record<string, string>, revoked: boolean): SimResponse | undefined {
  const refused = missingHeaderRefusal(req);
  if (refused) return refused;
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)?.[1];
  let ok = false;
  if (bearer) ok = !!creds.accessToken && bearer === creds.accessToken;
  else if (basic && creds.subdomain && creds.password)
    ok = Buffer.from(basic, 'base64').toString('utf8') === `${creds.subdomain}:${creds.password}`;
  return !ok || revoked ? jsonApiError(401, 'Invalid API credentials') : undefined;
}

const apiDefinition: PlatformSimulatorDefinition<BigCartelSimState> = {
  id: 'big-cartel',
  displayName: 'Big Cartel',
  createState: createBigCartelState,
  credentials: (baseUrl: string) => ({ accountId: SANDBOX_ACCOUNT_ID, accessToken: SANDBOX_ACCESS_TOKEN, baseUrl }),
  seed,
  ...catalog.hooks({
    stock: (_state, o) => neutralStock(o),
    edit(state, o, to) {
      applyMerchantEdit(state, o, to, state.clock());
      const p = state.products.get(o.productId);
      if (p) deliverProductUpdated(state, p);
    },
  }),
  setAppNoticeUrl(state: BigCartelSimState, url: string | undefined): void {
    state.appNoticeUrl = url;
  },
  authenticate,
  rateLimit: {
    // Undocumented: an assumed allowance of bursts of 10 and 3 per second, answered like most APIs (429 + Retry-After).
    capacity: 10,
    refillPerSecond: 3,
    throttled: (_req: SimRequest, retryAfterSeconds: number): SimResponse =>
      jsonApiError(429, 'Rate limit exceeded', undefined, { 'retry-after': String(retryAfterSeconds) }),
  },
  routes: [...bigCartelRoutes, accountsRoute],
};

/** The API with Big Cartel's OAuth install mounted (consent, token, /v1/accounts, issued-token checks). */
export const simulator = withOAuth(apiDefinition, bigCartelOAuth);

export default simulator;
