/**
 * The Big Cartel sandbox: a small model of an account's products API (JSON:API) for the testkit's
 * simulator framework. Lowest-confidence platform: what is documented and what is assumed is listed in
 * ../../README.md.
 */
import type { VariantRef } from '@stock-sync/plugin-api';
import { variantHooks, withOAuth } from '@stock-sync/plugin-testkit/simulator';
import type { PlatformSimulatorDefinition, SeedProduct, SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { jsonApiError, missingHeaderRefusal } from './errors';
import { accountsRoute, bigCartelOAuth } from './oauth';
import { applyMerchantEdit, deriveStatus, neutralStock } from './product-rules';
import { bigCartelRoutes } from './routes';
import { deliverProductUpdated } from './webhooks';
import { createBigCartelState, refKey, SANDBOX_ACCOUNT_ID, type BigCartelSimState, type SimOption } from './state';

export type { BigCartelSimState, SimOption, SimProduct } from './state';
export { SANDBOX_ACCOUNT_ID } from './state';
export { SANDBOX_OAUTH_APP, bigCartelOAuth, signedAccountDeauthorized } from './oauth';
export { productObject } from './documents';

/** Obviously fake OAuth token. */
export const SANDBOX_ACCESS_TOKEN = 'bc_test_0000000000000000sandbox0000000000';

function findOption(state: BigCartelSimState, ref: VariantRef): SimOption | undefined {
  const o = state.options.get(ref.externalVariantId);
  return o && o.productId === ref.externalProductId ? o : undefined;
}

function seed(state: BigCartelSimState, products: SeedProduct[]): void {
  const now = state.clock();
  for (const sp of products) {
    let p = state.products.get(sp.productId);
    if (!p)
      state.products.set(
        sp.productId,
        (p = { id: sp.productId, name: sp.title ?? `Product ${sp.productId}`, status: 'active', optionIds: [], updatedAt: now }),
      );
    for (const sv of sp.variants) {
      const existing = state.options.get(sv.variantId);
      if (existing && existing.productId !== sp.productId)
        throw new Error(`option ${sv.variantId} already belongs to product ${existing.productId}`);
      const o: SimOption = existing ?? {
        id: sv.variantId,
        productId: sp.productId,
        name: sv.sku ?? `Option ${sv.variantId}`,
        price: '20.00',
        quantity: 0,
        sold: 0,
      };
      if (!existing) {
        state.options.set(o.id, o);
        p.optionIds.push(o.id);
      }
      state.deleted.delete(refKey(sp.productId, o.id));
      applyMerchantEdit(state, o, sv.initial ?? { kind: 'unlimited' }, now);
    }
    deriveStatus(state, p);
  }
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
  ...variantHooks<BigCartelSimState, SimOption>({
    find: findOption,
    stock: (_state, o) => neutralStock(o),
    remove(state, o) {
      state.options.delete(o.id);
      const p = state.products.get(o.productId);
      if (p) p.optionIds = p.optionIds.filter((id) => id !== o.id);
      state.deleted.add(refKey(o.productId, o.id));
    },
    edit(state, o, to) {
      applyMerchantEdit(state, o, to, state.clock());
      const p = state.products.get(o.productId);
      if (p) deliverProductUpdated(state, p);
    },
    names: ['option', 'product'],
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
