/**
 * The sandbox's Webhook Subscriptions API and its notifications (sources: ../notices.ts and the fixtures
 * test/evidence/webhook-subscription*.json, notice-*.json):
 *  - routes: POST/GET /v2/webhooks/subscriptions, GET/PUT/DELETE /v2/webhooks/subscriptions/{id},
 *    POST …/{id}/signature-key and …/{id}/test, bodies validated against SPEC; a seller's OAuth token is refused
 *    (subscriptions belong to the application: only its personal access token may manage them);
 *  - notifications: `inventory.count.updated` with the changed IN_STOCK counts (≤ 100 per notification), signed
 *    base64(HMAC-SHA256(signature_key, notification_url + body)) in x-square-hmacsha256-signature, POSTed
 *    asynchronously to every enabled subscription of that event type — and to the app's Developer Console
 *    subscription when the seller authorised the app through OAuth (app-subscription.ts). Square sends it on a
 *    count changed in the Dashboard AND through BatchChangeInventory
 *    (https://developer.squareup.com/docs/inventory-api/webhooks): both are modelled.
 * Deviation: Square requires an HTTPS notification URL; the sandbox also takes http:// (local test receivers).
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { issuedTokenStatus } from '@stock-sync/plugin-testkit/simulator';
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { SQUARE_VERSION } from '../manifest';
import { invalidRequest, squareError } from './errors';
import { appSubscriptionFor } from './app-subscription';
import { squareOAuthConfig } from './oauth';
import { countJson } from './representation';
import { post } from './routes';
import type { SpecValidators } from './spec-validators';
import type { SimWebhookSubscription, SquareSimState } from './state';

type Ctx = SimContext<SquareSimState>;
type Json = Record<string, unknown>;
const BASE = '/v2/webhooks/subscriptions';
export const INVENTORY_COUNT_UPDATED = 'inventory.count.updated';
/** The event types the sandbox accepts (a few of SPEC's x-webhook events; only the first is ever sent). */
const EVENT_TYPES = new Set([
  INVENTORY_COUNT_UPDATED,
  'catalog.version.updated',
  'oauth.authorization.revoked',
  'payment.created',
  'payment.updated',
]);
/** "A single webhook notification can contain up to 100 inventory counts" (Square's inventory webhooks guide). */
const COUNTS_PER_NOTIFICATION = 100;

/** Square's key shape (22 characters, as in the documented "1k9bIJKCeTmSQwyagtNRLg"). */
const newSignatureKey = () => randomBytes(16).toString('base64url');
const iso = (ms: number) => new Date(ms).toISOString();

function subscriptionJson(s: SimWebhookSubscription, withKey: boolean): Json {
  return {
    id: s.id,
    name: s.name,
    enabled: s.enabled,
    event_types: [...s.eventTypes],
    notification_url: s.notificationUrl,
    api_version: s.apiVersion,
    ...(withKey ? { signature_key: s.signatureKey } : {}),
    created_at: iso(s.createdAt),
    updated_at: iso(s.updatedAt),
  };
}

/** Subscriptions belong to the application: a seller's OAuth token is refused (status and code unverified). */
function refusesOAuthToken(req: SimRequest, ctx: Ctx): SimResponse | undefined {
  if (issuedTokenStatus(squareOAuthConfig, req, ctx) !== 'valid') return undefined;
  return squareError(
    403,
    'AUTHENTICATION_ERROR',
    'INSUFFICIENT_SCOPES',
    'The merchant has not given your application sufficient permissions to do that. The merchant must authorize your application for the following scopes: DEVELOPER_APPLICATION_WEBHOOKS_WRITE',
  );
}

function notFound(id: string): SimResponse {
  return invalidRequest('NOT_FOUND', `Subscription \`${id}\` not found.`, undefined, 404);
}

const validUrl = (v: unknown): v is string => typeof v === 'string' && /^https?:\/\/[^\s]+$/.test(v);

function checkFields(s: Json, creating: boolean): SimResponse | undefined {
  if (creating && s.notification_url === undefined)
    return invalidRequest('MISSING_REQUIRED_PARAMETER', 'Field must be set', 'subscription.notification_url');
  if (s.notification_url !== undefined && !validUrl(s.notification_url))
    return invalidRequest('INVALID_VALUE', 'The notification URL is not valid.', 'subscription.notification_url');
  if (creating && (!Array.isArray(s.event_types) || s.event_types.length === 0))
    return invalidRequest('MISSING_REQUIRED_PARAMETER', 'Field must be set', 'subscription.event_types');
  if (Array.isArray(s.event_types)) {
    const unknown = (s.event_types as unknown[]).find((t) => typeof t !== 'string' || !EVENT_TYPES.has(t));
    if (unknown !== undefined)
      return invalidRequest('INVALID_VALUE', `Invalid event type \`${String(unknown)}\`.`, 'subscription.event_types');
  }
  return undefined;
}

function create(body: { subscription: Json }, ctx: { state: SquareSimState }): SimResponse {
  const s = body.subscription;
  const bad = checkFields(s, true);
  if (bad) return bad;
  const now = ctx.state.clock();
  const sub: SimWebhookSubscription = {
    id: `wbhk_${randomBytes(16).toString('hex')}`,
    name: typeof s.name === 'string' ? s.name : '',
    enabled: s.enabled !== false,
    eventTypes: [...new Set(s.event_types as string[])],
    notificationUrl: s.notification_url as string,
    apiVersion: typeof s.api_version === 'string' ? s.api_version : SQUARE_VERSION,
    signatureKey: newSignatureKey(),
    createdAt: now,
    updatedAt: now,
  };
  ctx.state.webhookSubscriptions.set(sub.id, sub);
  return { status: 200, body: { subscription: subscriptionJson(sub, true) } };
}

function list(req: SimRequest, ctx: Ctx): SimResponse {
  const q = (n: string) => (typeof req.query[n] === 'string' ? (req.query[n] as string) : undefined);
  const limit = q('limit') === undefined ? 100 : Number(q('limit'));
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return invalidRequest('INVALID_VALUE', 'limit must be between 1 and 100.', 'limit');
  const offset = q('cursor') ? Number(Buffer.from(q('cursor')!, 'base64url').toString()) : 0;
  if (!Number.isInteger(offset) || offset < 0) return invalidRequest('INVALID_VALUE', 'Invalid cursor.', 'cursor');
  const all = [...ctx.state.webhookSubscriptions.values()]
    .filter((s) => s.enabled || q('include_disabled') === 'true')
    .sort((a, b) => a.createdAt - b.createdAt);
  if (q('sort_order') === 'DESC') all.reverse();
  const page = all.slice(offset, offset + limit);
  const next = offset + limit < all.length ? Buffer.from(String(offset + limit)).toString('base64url') : undefined;
  return { status: 200, body: { subscriptions: page.map((s) => subscriptionJson(s, false)), ...(next ? { cursor: next } : {}) } };
}

function update(req: SimRequest, body: { subscription?: Json | null }, ctx: Ctx): SimResponse {
  const sub = ctx.state.webhookSubscriptions.get(req.params.id);
  if (!sub) return notFound(req.params.id);
  const s = body.subscription ?? {};
  const bad = checkFields(s, false);
  if (bad) return bad;
  if (typeof s.name === 'string') sub.name = s.name;
  if (typeof s.enabled === 'boolean') sub.enabled = s.enabled;
  if (Array.isArray(s.event_types)) sub.eventTypes = [...new Set(s.event_types as string[])];
  if (typeof s.notification_url === 'string') sub.notificationUrl = s.notification_url;
  if (typeof s.api_version === 'string') sub.apiVersion = s.api_version;
  sub.updatedAt = ctx.state.clock();
  return { status: 200, body: { subscription: subscriptionJson(sub, false) } };
}

/** The notification body, in the documented field order (SPEC InventoryCountUpdatedEvent example). */
function inventoryEvent(state: SquareSimState, counts: Json[]): string {
  return JSON.stringify({
    merchant_id: state.merchantId,
    type: INVENTORY_COUNT_UPDATED,
    event_id: randomUUID(),
    created_at: iso(state.clock()),
    data: { type: 'inventory_counts', id: randomUUID(), object: { inventory_counts: counts } },
  });
}

export function squareSignature(key: string, url: string, body: string): string {
  return createHmac('sha256', key)
    .update(url + body)
    .digest('base64');
}

/** POSTs one signed notification; resolves with the receiver's status (0: no answer). */
function send(state: SquareSimState, sub: SimWebhookSubscription, type: string, body: string): Promise<number> {
  const headers = {
    'content-type': 'application/json',
    'x-square-hmacsha256-signature': squareSignature(sub.signatureKey, sub.notificationUrl, body),
    'square-environment': 'Sandbox',
    'square-initial-delivery-timestamp': iso(state.clock()),
  };
  // Square waits 10 s for a 2xx.
  return state.outbox.send({ url: sub.notificationUrl, headers, body, meta: { subscriptionId: sub.id, type }, timeoutMs: 10_000 });
}

/**
 * Sends `inventory.count.updated` for the given IN_STOCK counts to every enabled subscription of that type, the
 * app's Developer Console one included (OAuth-authorised seller, URL set).
 */
export function deliverInventoryCounts(state: SquareSimState, counts: { variationId: string; locationId: string }[]): void {
  const rows = counts.flatMap(({ variationId, locationId }) => {
    const v = state.variations.get(variationId);
    return v ? [countJson(state, v, locationId)] : [];
  });
  if (!rows.length) return;
  const subs = [
    ...[...state.webhookSubscriptions.values()].filter((s) => s.enabled && s.eventTypes.includes(INVENTORY_COUNT_UPDATED)),
    ...appSubscriptionFor(state, INVENTORY_COUNT_UPDATED),
  ];
  for (let i = 0; i < rows.length; i += COUNTS_PER_NOTIFICATION) {
    const part = rows.slice(i, i + COUNTS_PER_NOTIFICATION);
    for (const sub of subs) void send(state, sub, INVENTORY_COUNT_UPDATED, inventoryEvent(state, part));
  }
}

/** TestWebhookSubscription: a signed sample of one of the subscription's event types, and the receiver's answer. */
async function test(req: SimRequest, body: { event_type?: string | null }, ctx: Ctx): Promise<SimResponse> {
  const sub = ctx.state.webhookSubscriptions.get(req.params.id);
  if (!sub) return notFound(req.params.id);
  const type = body.event_type ?? sub.eventTypes[0];
  if (!type || !sub.eventTypes.includes(type))
    return invalidRequest('INVALID_VALUE', 'The event type must be one of the subscription\u2019s event types.', 'event_type');
  const sample = {
    catalog_object_id: 'SAMPLEVARIATIONID0000000',
    catalog_object_type: 'ITEM_VARIATION',
    state: 'IN_STOCK',
    location_id: 'SAMPLELOCATION',
    quantity: '1',
    calculated_at: iso(ctx.state.clock()),
  };
  const payload =
    type === INVENTORY_COUNT_UPDATED
      ? inventoryEvent(ctx.state, [sample])
      : JSON.stringify({ merchant_id: ctx.state.merchantId, type, event_id: randomUUID(), created_at: iso(ctx.state.clock()), data: {} });
  const status = await send(ctx.state, sub, type, payload);
  const at = iso(ctx.state.clock());
  return {
    status: 200,
    body: { subscription_test_result: { id: randomUUID(), status_code: status, payload, created_at: at, updated_at: at } },
  };
}

/** Every route refuses a seller's OAuth token first. */
function appOnly(handle: SimRoute<SquareSimState>['handle']): SimRoute<SquareSimState>['handle'] {
  return (req, ctx) => refusesOAuthToken(req, ctx) ?? handle(req, ctx);
}

export function webhookRoutes(v: SpecValidators): SimRoute<SquareSimState>[] {
  return [
    { method: 'POST', path: BASE, handle: appOnly(post(v.createWebhookSubscription, true, create)) },
    { method: 'GET', path: BASE, handle: appOnly(list) },
    {
      method: 'GET',
      path: `${BASE}/:id`,
      handle: appOnly((req, ctx) => {
        const sub = ctx.state.webhookSubscriptions.get(req.params.id);
        return sub ? { status: 200, body: { subscription: subscriptionJson(sub, true) } } : notFound(req.params.id);
      }),
    },
    {
      method: 'PUT',
      path: `${BASE}/:id`,
      handle: appOnly((req, ctx) =>
        post(v.updateWebhookSubscription, false, (b: { subscription?: Json | null }) => update(req, b, ctx))(req, ctx),
      ),
    },
    {
      method: 'DELETE',
      path: `${BASE}/:id`,
      handle: appOnly((req, ctx) =>
        ctx.state.webhookSubscriptions.delete(req.params.id) ? { status: 200, body: {} } : notFound(req.params.id),
      ),
    },
    {
      method: 'POST',
      path: `${BASE}/:id/signature-key`,
      handle: appOnly((req, ctx) =>
        post(v.updateWebhookSubscriptionSignatureKey, true, () => {
          const sub = ctx.state.webhookSubscriptions.get(req.params.id);
          if (!sub) return notFound(req.params.id);
          sub.signatureKey = newSignatureKey();
          sub.updatedAt = ctx.state.clock();
          return { status: 200, body: { signature_key: sub.signatureKey } };
        })(req, ctx),
      ),
    },
    {
      method: 'POST',
      path: `${BASE}/:id/test`,
      handle: appOnly((req, ctx) => {
        const valid = v.testWebhookSubscription(req.body);
        if (!valid.ok) return invalidRequest('INVALID_VALUE', valid.errors.join('; '));
        return test(req, req.body as { event_type?: string | null }, ctx);
      }),
    },
  ];
}
