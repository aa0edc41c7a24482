/**
 * The Open API v3 calls the simulator answers, with Etsy's error bodies ({"error": "…"}). Request
 * bodies of updateListingInventory and updateListing are validated against the official spec
 * (spec/etsy-openapi-2021-06.json) with the testkit's validator, then against Etsy's documented rules.
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { applyInventoryBody, inventoryBodyError, type InventoryBody } from './inventory-rules';
import { KEY_ONLY_PATHS } from './sim-auth';
import { connectRoute } from './sim-connect-flow';
import { oauthTokenRoute, withAccessToken } from './sim-oauth';
import { metered } from './sim-rate-limit';
import {
  SIM_SHOP_ID,
  SIM_USER_ID,
  deriveSoldOut,
  inventoryView,
  listingQuantity,
  listingView,
  setListingState,
  type EtsySimState,
  type SimListing,
} from './sim-state';
import type { SpecValidators } from './spec-validators';

const API = '/v3/application';
export const MAX_BATCH_LISTING_IDS = 100;

type Ctx = SimContext<EtsySimState>;

function fail(status: number, error: string): SimResponse {
  return { status, body: { error } };
}

function nowSeconds(ctx: Ctx): number {
  return Math.floor(ctx.now() / 1000);
}

function parseId(raw: string | undefined): number | undefined {
  return raw !== undefined && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : undefined;
}

function findListing(req: SimRequest, ctx: Ctx): SimListing | SimResponse {
  const id = parseId(req.params.listing_id);
  if (id === undefined) return fail(400, `Invalid value for listing_id: '${req.params.listing_id}' is not a positive integer`);
  const listing = ctx.state.listings.get(id);
  if (!listing) return fail(404, `Could not find a Listing with listing_id = ${id}`);
  return listing;
}

function isResponse(x: SimListing | SimResponse): x is SimResponse {
  return (x as SimResponse).status !== undefined;
}

function queryFlag(v: string | string[] | undefined): boolean {
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return s === 'true' || s === '1';
}

function queryList(v: string | string[] | undefined): string[] {
  const parts = (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((s) => s.split(','));
  return parts.map((s) => s.trim()).filter((s) => s !== '');
}

export function etsyRoutes(validators: SpecValidators): SimRoute<EtsySimState>[] {
  // Every scoped call checks its access token against the issued ones; the token endpoint is keyless.
  const scoped = apiRoutes(validators).map((r) => (KEY_ONLY_PATHS.has(r.path) ? r : { ...r, handle: withAccessToken(r.handle) }));
  return [...scoped, oauthTokenRoute, connectRoute];
}

function apiRoutes(validators: SpecValidators): SimRoute<EtsySimState>[] {
  return [
    {
      method: 'GET',
      path: `${API}/openapi-ping`,
      handle: metered(() => ({ status: 200, body: { application_id: 1 } })),
    },
    {
      // getMe (newer than the 2021 spec): the token's user and shop.
      method: 'GET',
      path: `${API}/users/me`,
      handle: metered(() => ({ status: 200, body: { user_id: SIM_USER_ID, shop_id: SIM_SHOP_ID } })),
    },
    {
      // getListingsInventoryByListingIds (declared before /listings/:listing_id/…, which 'batch' would match).
      method: 'GET',
      path: `${API}/listings/batch/inventory`,
      handle: metered((req, ctx) => {
        const raw = queryList(req.query.listing_ids);
        if (raw.length === 0) return fail(400, 'Missing input parameter: [listing_ids]');
        if (raw.length > MAX_BATCH_LISTING_IDS) return fail(400, `listing_ids may hold at most ${MAX_BATCH_LISTING_IDS} ids`);
        const ids = raw.map(parseId);
        const bad = raw.find((_, i) => ids[i] === undefined);
        if (bad !== undefined) return fail(400, `Invalid value for listing_ids: '${bad}' is not a positive integer`);
        const missing = ids.filter((id) => !ctx.state.listings.has(id!));
        // All-or-nothing: one unknown id fails the whole call.
        if (missing.length) return fail(404, `Could not find Listings with listing_ids = ${missing.join(',')}`);
        const unique = [...new Set(ids as number[])];
        const results = unique.map((id) => {
          const listing = ctx.state.listings.get(id)!;
          return { ...listingView(listing), inventory: inventoryView(listing) };
        });
        return { status: 200, body: { count: results.length, results } };
      }),
    },
    {
      method: 'GET',
      path: `${API}/listings/:listing_id/inventory`,
      handle: metered((req, ctx) => {
        const listing = findListing(req, ctx);
        if (isResponse(listing)) return listing;
        const includes = queryList(req.query.includes);
        const unknown = includes.find((i) => i !== 'Listing');
        if (unknown) return fail(400, `Invalid value for includes: '${unknown}'`);
        return {
          status: 200,
          body: inventoryView(listing, {
            showDeleted: queryFlag(req.query.show_deleted),
            includeListing: includes.includes('Listing'),
            singleListing: true,
          }),
        };
      }),
    },
    {
      method: 'PUT',
      path: `${API}/listings/:listing_id/inventory`,
      handle: metered((req, ctx) => {
        const listing = findListing(req, ctx);
        if (isResponse(listing)) return listing;
        if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))
          return fail(400, 'Missing input parameter: [products]');
        const checked = validators.updateListingInventory(req.body);
        if (!checked.ok) return fail(400, checked.errors.join('; '));
        const body = req.body as InventoryBody;
        const problem = inventoryBodyError(body);
        if (problem) return fail(400, problem);
        ctx.state.inventoryWrites.push({ listingId: listing.listing_id, body: req.body });
        applyInventoryBody(ctx.state, listing, body, nowSeconds(ctx));
        return { status: 200, body: inventoryView(listing, { singleListing: true }) };
      }),
    },
    {
      method: 'GET',
      path: `${API}/listings/:listing_id`,
      handle: metered((req, ctx) => {
        const listing = findListing(req, ctx);
        if (isResponse(listing)) return listing;
        return { status: 200, body: listingView(listing) };
      }),
    },
    // updateListing: PATCH today; PUT with the same form body in the June 2021 spec.
    ...(['PATCH', 'PUT'] as const).map((method): SimRoute<EtsySimState> => ({
      method,
      path: `${API}/shops/:shop_id/listings/:listing_id`,
      handle: metered((req, ctx) => updateListing(req, ctx, validators)),
    })),
  ];
}

function updateListing(req: SimRequest, ctx: Ctx, validators: SpecValidators): SimResponse {
  if (parseId(req.params.shop_id) !== SIM_SHOP_ID)
    return fail(403, `You do not have permission to update listings of shop ${req.params.shop_id}`);
  const listing = findListing(req, ctx);
  if (isResponse(listing)) return listing;
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
  const checked = validators.updateListing(body);
  if (!checked.ok) return fail(400, checked.errors.join('; '));
  if ('quantity' in body || 'price' in body) {
    // Since 2022 quantity and price change only through updateListingInventory (issue #582).
    return fail(400, 'quantity and price can only be changed with updateListingInventory');
  }
  const t = nowSeconds(ctx);
  const state = body.state;
  if (state !== undefined) {
    // "When updating a listing, this value can be either active or inactive."
    if (state !== 'active' && state !== 'inactive') return fail(400, `state can only be set to active or inactive, not '${String(state)}'`);
    if (state === 'inactive') {
      if (listingQuantity(listing) === 0) return fail(400, 'There was a problem with /quantity : cannot be empty');
      if (listing.state === 'active') setListingState(listing, 'inactive', t);
      else if (listing.state !== 'inactive') return fail(400, `A ${listing.state} listing cannot be deactivated`);
    } else if (listing.state === 'sold_out') {
      // "Setting a sold_out listing to active will update the quantity to 1 and renew the listing."
      const offering = listing.products
        .filter((p) => !p.is_deleted)
        .flatMap((p) => p.offerings.filter((o) => !o.is_deleted && o.is_enabled))[0];
      if (!offering) return fail(400, 'The listing has no offering to renew');
      offering.quantity = 1;
      setListingState(listing, 'active', t);
    } else if (listing.state === 'inactive') {
      if (listingQuantity(listing) === 0) return fail(400, 'There was a problem with /quantity : cannot be empty');
      setListingState(listing, 'active', t);
    } else if (listing.state !== 'active') {
      return fail(400, `A ${listing.state} listing cannot be activated through updateListing`);
    }
  }
  listing.last_modified_timestamp = t;
  deriveSoldOut(listing, t);
  return { status: 200, body: listingView(listing) };
}
