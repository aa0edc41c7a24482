/**
 * Request-body validators built from Square's official OpenAPI document (square/connect-api-specification
 * api.json @ 5733f66, release 2025-08-20, copied unchanged to spec/). 3 MB: read once per process.
 */
import * as path from 'node:path';
import { loadOpenApiSpec } from '@stock-sync/plugin-testkit/openapi';
import { specBodyChecks } from '@stock-sync/plugin-testkit/simulator';
import type { SpecBodyChecks } from '@stock-sync/plugin-testkit/simulator';

const OPERATIONS = {
  batchRetrieveCatalogObjects: ['POST', '/v2/catalog/batch-retrieve'],
  batchUpsertCatalogObjects: ['POST', '/v2/catalog/batch-upsert'],
  batchChangeInventory: ['POST', '/v2/inventory/changes/batch-create'],
  batchRetrieveInventoryCounts: ['POST', '/v2/inventory/counts/batch-retrieve'],
  createWebhookSubscription: ['POST', '/v2/webhooks/subscriptions'],
  updateWebhookSubscription: ['PUT', '/v2/webhooks/subscriptions/{subscription_id}'],
  updateWebhookSubscriptionSignatureKey: ['POST', '/v2/webhooks/subscriptions/{subscription_id}/signature-key'],
  testWebhookSubscription: ['POST', '/v2/webhooks/subscriptions/{subscription_id}/test'],
} as const;

export type SpecValidators = SpecBodyChecks<typeof OPERATIONS>;

/** src/simulator and dist/simulator are both two levels below the package root. */
export const SQUARE_SPEC_FILE = path.resolve(__dirname, '..', '..', 'spec', 'square-api.json');

/** The official document, read and with its one dangling $ref filled in (see patchDanglingRefs). */
export function loadSquareSpec(file: string = SQUARE_SPEC_FILE): ReturnType<typeof loadOpenApiSpec> {
  const spec = loadOpenApiSpec(file);
  patchDanglingRefs(spec);
  return spec;
}

export function createSpecValidators(file: string = SQUARE_SPEC_FILE): SpecValidators {
  return specBodyChecks(loadSquareSpec(file), OPERATIONS);
}

/**
 * The 2025-08-20 document references `#/components/schemas/CatalogModifierToggleOverrideType` (from
 * CatalogModifierListModifierOverride, reachable from every CatalogObject) without defining it. Square's
 * enum types are strings on the wire, so the missing one is filled in as a string before compiling; the
 * file on disk stays unchanged.
 */
function patchDanglingRefs(spec: ReturnType<typeof loadOpenApiSpec>): void {
  const schemas = ((spec.components ??= {}) as { schemas?: Record<string, unknown> }).schemas ?? {};
  schemas.CatalogModifierToggleOverrideType ??= {
    type: 'string',
    description: 'Missing from the published document; filled in by the simulator.',
  };
  (spec.components as { schemas?: Record<string, unknown> }).schemas = schemas;
}
