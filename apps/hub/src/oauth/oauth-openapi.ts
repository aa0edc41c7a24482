/** The OpenAPI answers of the public OAuth routes (JSON for non-browser clients; browsers get pages or redirects). */
import type { ApiResponseOptions } from '@nestjs/swagger';

/** The platform's own payload: any media type, read raw (at most 64 KiB) and verified by the plugin on its exact bytes. */
export const PLATFORM_PAYLOAD = {
  required: false,
  description: "the platform's payload as it sends it (JSON, form data…), at most 64 KiB; verified by the plugin on the exact bytes",
  schema: { type: 'object', additionalProperties: true, example: { shop: 'demo-shop.myshopify.com' } },
};

const errorWith = (code: string, description: string): ApiResponseOptions => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['error', 'message'],
        properties: { error: { type: 'string', enum: [code] }, message: { type: 'string' } },
      },
    },
  },
});

export const OAUTH_ANSWERS = {
  connected: {
    description: 'connected (JSON; a browser gets the success page or a 303 to HUB_CONNECT_SUCCESS_URL?storeId=…)',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['storeId', 'status'],
          properties: { storeId: { type: 'string', format: 'uuid' }, status: { type: 'string', enum: ['connected', 'reconnected'] } },
        },
        example: { storeId: '3f0c6b8e-2a4d-4c1e-9b7a-5d2f8e6a1c40', status: 'connected' },
      },
    },
  } satisfies ApiResponseOptions,
  redirect: {
    description: 'a browser is sent to HUB_CONNECT_SUCCESS_URL?storeId=… or HUB_CONNECT_FAILURE_URL?error=<code> (when configured)',
    headers: { Location: { description: 'the configured page', schema: { type: 'string' } } },
  } satisfies ApiResponseOptions,
  badSignature: errorWith(
    'invalid_signature',
    "the platform's signature (HMAC, signed JWT…) does not verify with the app's secret: nothing was changed",
  ),
  denied: errorWith('access_denied', 'the merchant did not approve, or the platform refused the code exchange'),
  noFlow: errorWith(
    'not_found',
    'no install flow for this platform in this hub (no such plugin, no oauth part, or its app is not configured)',
  ),
  conflict: errorWith('conflict', 'a reconnect approved on another platform store than the one being reconnected: nothing was changed'),
  platformDown: errorWith('platform_unavailable', 'the code exchange failed (platform unreachable, or an unusable answer)'),
  uninstalled: {
    description:
      'verified: the stores of that platform id are paused with the reason (`paused: 0` for a store the hub does not know: platforms retry notices not answered 2xx)',
    content: {
      'application/json': {
        schema: { type: 'object', required: ['paused'], properties: { paused: { type: 'integer', minimum: 0 } } },
        example: { paused: 1 },
      },
    },
  } satisfies ApiResponseOptions,
};
