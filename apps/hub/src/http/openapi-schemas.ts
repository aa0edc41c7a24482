/**
 * OpenAPI schemas of the nested objects in responses (stock states, errors, capabilities), so the document
 * says what they hold instead of a bare `type: object`. `selfRequired: true` keeps the property required in
 * its parent: Nest reads a `required` array in `@ApiProperty` as the nested object's list and would otherwise
 * drop the property from the parent's (the generated client then typed `capabilities` as optional).
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
  selfRequired: true,
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
  selfRequired: true,
  required: ['unlimitedStock', 'maxBatch', 'readBack'],
  properties: {
    unlimitedStock: { type: 'string' as const, enum: ['native', 'emulated'] },
    maxBatch: { type: 'integer' as const, minimum: 1 },
    readBack: {
      type: 'boolean' as const,
      deprecated: true,
      description: "deprecated (plugin API 1.4): ignored, the hub always reads back through the plugin's readStock",
    },
    webhooks: {
      type: 'boolean' as const,
      deprecated: true,
      description: "deprecated (plugin API 1.4): a plugin's notices part declares inbound notices; absent in current plugins",
    },
  },
  example: { unlimitedStock: 'native', maxBatch: 250, readBack: true },
};

export const RATE_LIMIT_SCHEMA = {
  type: 'object' as const,
  selfRequired: true,
  required: ['requestsPerSecond', 'burst'],
  properties: {
    requestsPerSecond: { type: 'number' as const },
    burst: { type: 'integer' as const },
    note: { type: 'string' as const },
    signals: {
      type: 'array' as const,
      description: "the platform's own budget headers the hub's HTTP client reads on every answer (plugin API 1.2)",
      items: {
        type: 'object' as const,
        required: ['pause'],
        properties: {
          remaining: { type: 'string' as const, description: 'a header counting the requests left (spent at 0)' },
          usedOfLimit: { type: 'string' as const, description: 'a header of the form "used/limit" (spent when used >= limit)' },
          pause: {
            type: 'object' as const,
            description: 'a fixed wait (ms), or one read from a header of the same answer (header, unit)',
            properties: {
              ms: { type: 'number' as const },
              header: { type: 'string' as const },
              unit: { type: 'string' as const, enum: ['ms', 's'] },
            },
          },
          onErrors: { type: 'boolean' as const, description: 'read on 4xx/5xx answers too' },
        },
      },
    },
  },
  example: { requestsPerSecond: 2, burst: 4 },
};

/** GET /health: `{ status, database: { status, kind, latencyMs?, error? }, plugins }` (200 ok, 503 unavailable). */
export const HEALTH_SCHEMA = {
  type: 'object' as const,
  required: ['status', 'database', 'plugins'],
  properties: {
    status: { type: 'string' as const, enum: ['ok', 'unavailable'] },
    database: {
      type: 'object' as const,
      required: ['status', 'kind'],
      properties: {
        status: { type: 'string' as const, enum: ['up', 'down'] },
        kind: { type: 'string' as const, enum: ['postgres', 'pglite'] },
        latencyMs: { type: 'integer' as const, description: 'when up' },
        error: { type: 'string' as const, description: "when down: the driver's message, without the connection string" },
      },
    },
    plugins: { type: 'integer' as const, description: 'platform plugins loaded' },
  },
};
