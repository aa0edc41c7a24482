import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { collectPublicRoutes, PublicRouteMatcher } from '../auth/public-routes';
import { addRequestBodyExamples, applySecurity, BEARER_SCHEME, declareTags } from './openapi-conventions';
import { documentErrorResponses } from './openapi-errors';

/** Where the UI and the spec are served: public (bootstrap.ts lists this mount next to the `@Public()` routes). */
export const DOCS_PATH = 'docs';

/**
 * The API's version: the `/v1` of every path. The document's `info.version` is this number; a change that
 * breaks the contract (docs/HTTP-API.md) needs a new one, additions do not.
 */
export const API_VERSION = '1';

/** The OpenAPI document of a built (not necessarily listening) hub application. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Stock Sync Hub')
    .setDescription(
      'Keeps every synced store variant truthfully in or out of stock. Every /v1 route needs `Authorization: Bearer <token>`.',
    )
    .setVersion(API_VERSION)
    // No public licence: the hub is an internal service of the fulfillment company (unverified: no LICENSE file in the repository).
    .setLicense('Proprietary: internal use only', '/docs')
    // Relative: the hub serving this document (its host and port are HUB_HOST / HUB_PORT).
    .addServer('/', 'this hub')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'one of the tokens in HUB_API_TOKENS' }, BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  applySecurity(document, new PublicRouteMatcher(collectPublicRoutes(app.get(ModulesContainer))));
  documentErrorResponses(document);
  addRequestBodyExamples(document);
  declareTags(document);
  return document;
}

/** OpenAPI UI at /docs and the spec at /docs/openapi.json (both without a token). */
export function mountOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: `${DOCS_PATH}/openapi.json`,
    yamlDocumentUrl: `${DOCS_PATH}/openapi.yaml`,
  });
}
