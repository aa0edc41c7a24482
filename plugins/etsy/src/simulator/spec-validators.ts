/**
 * Request-body validators built from Etsy's official OpenAPI document (June 2021, the last one Etsy
 * kept in git: spec/etsy-openapi-2021-06.json). Fields newer than that document (readiness_state_id,
 * readiness_state_on_property) pass the schema, which does not forbid extra properties; the simulator's
 * own rules (inventory-rules.ts) require readiness_state_id as today's API does.
 */
import * as path from 'node:path';
import { loadOpenApiSpec } from '@stock-sync/plugin-testkit/openapi';
import { specBodyChecks } from '@stock-sync/plugin-testkit/simulator';
import type { SpecBodyChecks } from '@stock-sync/plugin-testkit/simulator';

const OPERATIONS = {
  updateListingInventory: ['PUT', '/v3/application/listings/{listing_id}/inventory'],
  // PUT (form-encoded) in the 2021 document; today's API takes the same fields by PATCH.
  updateListing: ['PUT', '/v3/application/shops/{shop_id}/listings/{listing_id}'],
} as const;

export type SpecValidators = SpecBodyChecks<typeof OPERATIONS>;

/** src/simulator and dist/simulator are both two levels below the package root. */
export const ETSY_SPEC_FILE = path.resolve(__dirname, '..', '..', 'spec', 'etsy-openapi-2021-06.json');

export function createSpecValidators(file: string = ETSY_SPEC_FILE): SpecValidators {
  return specBodyChecks(loadOpenApiSpec(file), OPERATIONS);
}
