/**
 * OpenAPI schemas of the nested objects in responses (stock states, errors, capabilities), so the document
 * says what they hold instead of a bare `type: object`.
 */
const stockKinds = ['unlimited', 'out_of_stock', 'quantity'];

/** `{ kind: "unlimited" } | { kind: "out_of_stock" } | { kind: "quantity", quantity }`. */
export const STOCK_SCHEMA = {
  type: 'object' as const,
  required: ['kind'],
  properties: {
    kind: { type: 'string' as const, enum: stockKinds },
    quantity: { type: 'integer' as const, minimum: 0, description: 'when kind is quantity' },
  },
};

/** A recorded error: `{ code, message }` (a refused write also names the refused `target` stock). */
export const RECORDED_ERROR_SCHEMA = {
  type: 'object' as const,
  required: ['code', 'message'],
  properties: {
    code: { type: 'string' as const, example: 'rate_limited' },
    message: { type: 'string' as const },
    target: { ...STOCK_SCHEMA, description: 'for a rejected write: the stock the platform refused' },
  },
};

export const CATALOG_VARIANT_SCHEMA = {
  type: 'object' as const,
  required: ['id', 'productId', 'name', 'sku', 'fulfillment'],
  properties: {
    id: { type: 'integer' as const },
    productId: { type: 'integer' as const },
    name: { type: 'string' as const },
    sku: { type: 'string' as const, nullable: true },
    fulfillment: { type: 'string' as const, enum: ['pod', 'warehouse'] },
  },
};

export const CAPABILITIES_SCHEMA = {
  type: 'object' as const,
  required: ['unlimitedStock', 'maxBatch', 'readBack'],
  properties: {
    unlimitedStock: { type: 'string' as const, enum: ['native', 'emulated'] },
    maxBatch: { type: 'integer' as const, minimum: 1 },
    readBack: { type: 'boolean' as const },
  },
  example: { unlimitedStock: 'native', maxBatch: 250, readBack: true },
};

export const RATE_LIMIT_SCHEMA = {
  type: 'object' as const,
  required: ['requestsPerSecond', 'burst'],
  properties: {
    requestsPerSecond: { type: 'number' as const },
    burst: { type: 'integer' as const },
    note: { type: 'string' as const },
  },
  example: { requestsPerSecond: 2, burst: 4 },
};
