/**
 * The shop-specific webhook subscriptions of the Admin GraphQL API 2026-04 (sources in ../documents.ts and
 * test/evidence/notice-subscribe.json, notice-subscriptions.json, notice-unsubscribe.json): the
 * `webhookSubscriptions` query (filtered by topics and uri) and the webhookSubscriptionCreate / Delete mutations.
 * Shopify accepts only an HTTPS `uri` for HTTP delivery; the sandbox also accepts http:// on a loopback host, so a
 * test's local receiver can subscribe (a deliberate, documented deviation). The userError messages for a
 * duplicate or an unknown subscription are unverified (Shopify documents none).
 */
import { GraphQLError } from 'graphql';
import { API_VERSION } from '../manifest';
import { newNumericId, type ShopifyState, type SimWebhookSubscription } from './state';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function acceptedUri(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
  } catch {
    return false;
  }
}

export function webhookSubscriptionView(s: SimWebhookSubscription): Record<string, unknown> {
  return {
    __typename: 'WebhookSubscription',
    id: s.id,
    legacyResourceId: s.id.slice(s.id.lastIndexOf('/') + 1),
    topic: s.topic,
    uri: s.uri,
    callbackUrl: s.uri,
    endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: s.uri },
    format: 'JSON',
    includeFields: [],
    metafieldNamespaces: [],
    metafields: [],
    filter: null,
    name: null,
    apiVersion: { __typename: 'ApiVersion', handle: API_VERSION, displayName: API_VERSION, supported: true },
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

interface ListArgs {
  first?: number;
  last?: number;
  topics?: string[];
  uri?: string;
  callbackUrl?: string;
}

export function webhookSubscriptions(state: ShopifyState, args: ListArgs): Record<string, unknown> {
  const size = args.first ?? args.last;
  if (size === undefined) throw new GraphQLError('you must provide one of first or last');
  const uri = args.uri ?? args.callbackUrl;
  const all = [...state.webhookSubscriptions.values()].filter(
    (s) => (!args.topics || args.topics.includes(s.topic)) && (uri === undefined || s.uri === uri),
  );
  const page = args.first !== undefined ? all.slice(0, size) : all.slice(-size);
  const nodes = page.map(webhookSubscriptionView);
  return {
    nodes,
    edges: nodes.map((node) => ({ cursor: String(node.legacyResourceId), node })),
    pageInfo: {
      hasNextPage: args.first !== undefined && all.length > size,
      hasPreviousPage: args.last !== undefined && all.length > size,
      startCursor: nodes[0]?.legacyResourceId ?? null,
      endCursor: nodes[nodes.length - 1]?.legacyResourceId ?? null,
    },
  };
}

interface CreateArgs {
  topic: string;
  webhookSubscription: { uri?: string | null; callbackUrl?: string | null; [k: string]: unknown };
}

export function webhookSubscriptionCreate(state: ShopifyState, args: CreateArgs): Record<string, unknown> {
  const input = args.webhookSubscription;
  for (const k of Object.keys(input)) {
    if (!['uri', 'callbackUrl', 'name'].includes(k)) throw new GraphQLError(`simulator: WebhookSubscriptionInput.${k} is not modelled`);
  }
  const uri = input.uri ?? input.callbackUrl ?? '';
  const fail = (field: string, message: string) => ({
    webhookSubscription: null,
    userErrors: [{ field: ['webhookSubscription', field], message }],
  });
  if (!acceptedUri(uri)) return fail('uri', 'Address is invalid');
  if ([...state.webhookSubscriptions.values()].some((s) => s.topic === args.topic && s.uri === uri)) {
    return fail('uri', 'Address for this topic has already been taken');
  }
  const now = new Date().toISOString();
  const s: SimWebhookSubscription = {
    id: `gid://shopify/WebhookSubscription/${newNumericId(state)}`,
    topic: args.topic,
    uri,
    createdAt: now,
    updatedAt: now,
  };
  state.webhookSubscriptions.set(s.id, s);
  return { webhookSubscription: webhookSubscriptionView(s), userErrors: [] };
}

export function webhookSubscriptionDelete(state: ShopifyState, args: { id: string }): Record<string, unknown> {
  if (!state.webhookSubscriptions.delete(args.id)) {
    return { deletedWebhookSubscriptionId: null, userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }] };
  }
  return { deletedWebhookSubscriptionId: args.id, userErrors: [] };
}
