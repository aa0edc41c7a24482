/**
 * Request-body validators built from Magento's official admin schema (AdobeDocs/commerce-webapi
 * src/openapi/admin-schema-2.4.9.yaml @ e2275b5, copied unchanged to spec/). ~1 MB of YAML: read once per process.
 */
import * as path from 'node:path';
import { loadOpenApiSpec } from '@stock-sync/plugin-testkit/openapi';
import { specBodyChecks } from '@stock-sync/plugin-testkit/simulator';
import type { SpecBodyChecks } from '@stock-sync/plugin-testkit/simulator';

const OPERATIONS = {
  saveSourceItems: ['POST', '/V1/inventory/source-items'],
  updateStockItem: ['PUT', '/V1/products/{productSku}/stockItems/{itemId}'],
} as const;

export type SpecValidators = SpecBodyChecks<typeof OPERATIONS>;

export const MAGENTO_SPEC_FILE = path.resolve(__dirname, '..', '..', 'spec', 'magento-admin-schema-2.4.9.yaml');

export function createSpecValidators(file: string = MAGENTO_SPEC_FILE): SpecValidators {
  return specBodyChecks(loadOpenApiSpec(file), OPERATIONS);
}
