/**
 * The manifest and a credential field as JSON Schema (draft 2020-12) data, so a host in any language, an
 * editor or a registry check can validate what a plugin declares without running this package's code.
 * The hub applies the same rules (its messages name the failing field, e.g. "manifest.rateLimit.burst").
 */
export const KEBAB_CASE_ID_PATTERN = '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$';
/** Credential field names become JSON keys and form field names: plain identifiers only. */
export const CREDENTIAL_FIELD_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_]*$';
/** An HTTP header name (RFC 9110 token characters). */
export const HEADER_NAME_PATTERN = "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$";

export const CREDENTIAL_FIELD_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://stock-sync.dev/schemas/plugin-api/1/credential-field.json',
  title: 'CredentialField',
  type: 'object',
  required: ['name', 'secret', 'required'],
  properties: {
    name: { type: 'string', pattern: CREDENTIAL_FIELD_NAME_PATTERN },
    secret: { type: 'boolean', description: 'encrypted at rest, redacted from logs, never returned by the API' },
    required: { type: 'boolean' },
    description: { type: 'string' },
  },
} as const;

export const MANIFEST_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://stock-sync.dev/schemas/plugin-api/1/manifest.json',
  title: 'PluginManifest',
  type: 'object',
  required: ['id', 'displayName', 'contractVersion', 'capabilities', 'rateLimit'],
  properties: {
    id: { type: 'string', pattern: KEBAB_CASE_ID_PATTERN, description: "the platform id, e.g. 'shopify'" },
    displayName: { type: 'string', minLength: 1 },
    contractVersion: {
      description: 'the plugin API major (1) or full version (semver 1.x.y, a newer minor included) the plugin was built against',
      oneOf: [
        { type: 'integer', const: 1 },
        { type: 'string', pattern: '^1\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$' },
      ],
    },
    capabilities: {
      type: 'object',
      required: ['unlimitedStock', 'maxBatch', 'readBack'],
      properties: {
        unlimitedStock: { enum: ['native', 'emulated'] },
        maxBatch: { type: 'integer', minimum: 1 },
        readBack: {
          type: 'boolean',
          deprecated: true,
          description: 'deprecated since 1.4.0: ignored, the host always reads back through readStock; declare true',
        },
        webhooks: {
          type: 'boolean',
          deprecated: true,
          description:
            'deprecated since 1.4.0: the notices part declares inbound notices; leave it out (must agree with notices when given)',
        },
      },
    },
    rateLimit: {
      type: 'object',
      required: ['requestsPerSecond', 'burst'],
      properties: {
        requestsPerSecond: { type: 'number', exclusiveMinimum: 0 },
        burst: { type: 'number', exclusiveMinimum: 0 },
        note: { type: 'string' },
        signals: {
          type: 'array',
          description: "the platform's own budget headers, read by the host's HTTP client on every answer",
          items: {
            type: 'object',
            required: ['pause'],
            additionalProperties: false,
            oneOf: [{ required: ['remaining'] }, { required: ['usedOfLimit'] }],
            properties: {
              remaining: { type: 'string', pattern: HEADER_NAME_PATTERN, description: 'header counting the requests left' },
              usedOfLimit: { type: 'string', pattern: HEADER_NAME_PATTERN, description: 'header of the form "used/limit"' },
              pause: {
                oneOf: [
                  {
                    type: 'object',
                    required: ['ms'],
                    additionalProperties: false,
                    properties: { ms: { type: 'number', exclusiveMinimum: 0 } },
                  },
                  {
                    type: 'object',
                    required: ['header', 'unit'],
                    additionalProperties: false,
                    properties: { header: { type: 'string', pattern: HEADER_NAME_PATTERN }, unit: { enum: ['ms', 's'] } },
                  },
                ],
              },
              onErrors: { type: 'boolean' },
            },
          },
        },
      },
    },
    docsUrl: { type: 'string', format: 'uri', pattern: '^https?://[^/?#\\s]+', description: 'an http(s) URL with a host' },
  },
} as const;
