/**
 * Request-body validators built from BigCommerce's official OpenAPI documents (bigcommerce/docs @ 24f580c,
 * copied unchanged to spec/; the Webhooks API: reference/webhooks.v3.yml). PUT /catalog/products has no copied spec: routes.ts checks it by hand.
 */
import * as path from 'node:path';
import { loadOpenApiSpec } from '@stock-sync/plugin-testkit/openapi';
import { specBodyChecks } from '@stock-sync/plugin-testkit/simulator';
import type { BodyCheck } from '@stock-sync/plugin-testkit/simulator';

export interface SpecValidators {
  updateVariantsBatch: BodyCheck;
  absoluteAdjustment: BodyCheck;
  createWebhook: BodyCheck;
  updateWebhook: BodyCheck;
}

/** src/simulator and dist/simulator are both two levels below the package root. */
export const SPEC_DIR = path.resolve(__dirname, '..', '..', 'spec');

export function createSpecValidators(dir: string = SPEC_DIR): SpecValidators {
  const spec = (file: string) => loadOpenApiSpec(path.join(dir, file));
  return {
    ...specBodyChecks(spec('bigcommerce-catalog-variants.v3.yml'), { updateVariantsBatch: ['PUT', '/catalog/variants'] }),
    ...specBodyChecks(spec('bigcommerce-inventory.v3.yml'), { absoluteAdjustment: ['PUT', '/inventory/adjustments/absolute'] }),
    ...specBodyChecks(spec('bigcommerce-webhooks.v3.yml'), {
      createWebhook: ['POST', '/hooks'],
      updateWebhook: ['PUT', '/hooks/{webhook_id}'],
    }),
  };
}
