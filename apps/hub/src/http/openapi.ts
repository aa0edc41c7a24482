import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { documentErrorResponses } from './openapi-errors';

/** Where the UI and the spec are served: public (bootstrap.ts lists this mount next to the `@Public()` routes). */
export const DOCS_PATH = 'docs';

/** OpenAPI UI at /docs and the spec at /docs/openapi.json (both without a token). */
export function mountOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Stock Sync Hub')
    .setDescription('Keeps every synced store variant truthfully in or out of stock. Every /v1 route needs `Authorization: Bearer <token>`.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  documentErrorResponses(document);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}/openapi.json`, yamlDocumentUrl: `${DOCS_PATH}/openapi.yaml` });
}
