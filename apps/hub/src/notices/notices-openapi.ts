/** The OpenAPI description of POST /hooks/{platform}/{storeId} and POST /hooks/{platform}. */
import type { ApiBodyOptions, ApiResponseOptions } from '@nestjs/swagger';

const errorWith = (codes: string[], description: string): ApiResponseOptions => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['error', 'message'],
        properties: { error: { type: 'string', enum: codes }, message: { type: 'string' } },
      },
    },
  },
});

const pingOrUninstalled: ApiResponseOptions = {
  description:
    "the platform's unsigned test delivery (`{ping: true}`, nothing recorded), or its verified uninstall event arriving at the app's one URL " +
    '(Ecwid, TikTok Shop, Big Cartel): `paused` stores of that platform id are paused with the reason, as on POST /oauth/uninstall/{platform}',
  content: {
    'application/json': {
      schema: {
        oneOf: [
          { type: 'object', required: ['ping'], properties: { ping: { type: 'boolean', enum: [true] } } },
          { type: 'object', required: ['paused'], properties: { paused: { type: 'integer', minimum: 0 } } },
        ],
      },
      example: { paused: 1 },
    },
  },
};

export const NOTICE_ANSWERS = {
  payload: {
    required: false,
    description: "the platform's notice as it sends it (JSON), at most 1 MiB; verified by the plugin on the exact bytes",
    schema: { type: 'object', additionalProperties: true, example: { id: 799, parent_id: 798, stock_quantity: 5 } },
  } satisfies ApiBodyOptions,
  accepted: {
    description: 'verified and recorded; `marked` synced variants of the store will be read back within seconds',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['accepted', 'marked'],
          properties: { accepted: { type: 'boolean', enum: [true] }, marked: { type: 'integer', minimum: 0 } },
        },
        example: { accepted: true, marked: 1 },
      },
    },
  } satisfies ApiResponseOptions,
  ping: {
    description:
      "the platform's unsigned test delivery of a new subscription (e.g. WooCommerce's `webhook_id=…`): acknowledged, nothing recorded",
    content: {
      'application/json': {
        schema: { type: 'object', required: ['ping'], properties: { ping: { type: 'boolean', enum: [true] } } },
        example: { ping: true },
      },
    },
  } satisfies ApiResponseOptions,
  pingOrUninstalled,
  badSignature: errorWith(
    ['invalid_signature', 'replayed'],
    'unknown platform or store, no key to verify with, a signature that is missing or does not verify (`invalid_signature`), or the ' +
      'same signed notice received before (`replayed`): nothing was changed',
  ),
  invalidBody: {
    description:
      "verified, but the body is not the platform's documented shape (or names no store, on the platform's URL): nothing was changed",
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['error', 'details'],
          properties: {
            error: { type: 'string', enum: ['validation_failed'] },
            details: {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'message'],
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
        example: {
          error: 'validation_failed',
          details: [{ path: 'body', message: "the notice's body is not the platform's documented shape" }],
        },
      },
    },
  } satisfies ApiResponseOptions,
};
