/**
 * Request-body validators built from BigCommerce's official OpenAPI documents (bigcommerce/docs @ 24f580c,
 * copied unchanged to spec/; the Webhooks API: reference/webhooks.v3.yml). PUT /catalog/products has no copied spec: routes.ts checks it by hand.
 */
import * as path from 'node:path';
import { loadOpenApiSpec, openApiBodyValidator } from '@stock-sync/plugin-testkit';

export type BodyCheck = (body: unknown) => { ok: true } | { ok: false; errors: string[] };

export interface SpecValidators {
  updateVariantsBatch: BodyCheck;
  absoluteAdjustment: BodyCheck;
  createWebhook: BodyCheck;
  updateWebhook: BodyCheck;
}

/** src/simulator and dist/simulator are both two levels below the package root. */
export const SPEC_DIR = path.resolve(__dirname, '..', '..', 'spec');

export function createSpecValidators(dir: string = SPEC_DIR): SpecValidators {
  const catalog = loadOpenApiSpec(path.join(dir, 'bigcommerce-catalog-variants.v3.yml'));
  const inventory = loadOpenApiSpec(path.join(dir, 'bigcommerce-inventory.v3.yml'));
  const webhooks = loadOpenApiSpec(path.join(dir, 'bigcommerce-webhooks.v3.yml'));
  return {
    updateVariantsBatch: openApiBodyValidator(catalog, 'PUT', '/catalog/variants'),
    absoluteAdjustment: openApiBodyValidator(inventory, 'PUT', '/inventory/adjustments/absolute'),
    createWebhook: openApiBodyValidator(webhooks, 'POST', '/hooks'),
    updateWebhook: openApiBodyValidator(webhooks, 'PUT', '/hooks/{webhook_id}'),
  };
}
