/** OpenAPI schema of @nestjs/terminus's answer (https://docs.nestjs.com/recipes/terminus). */
const CHECKS = {
  type: 'object' as const,
  description: 'by check name (database, migrations, queue, plugins; process for liveness): its status and figures',
  additionalProperties: {
    type: 'object' as const,
    required: ['status'],
    properties: {
      status: { type: 'string' as const, enum: ['up', 'down'] },
      message: { type: 'string' as const, description: 'when down' },
    },
  },
};

export const PROBE_SCHEMA = {
  type: 'object' as const,
  required: ['status', 'details'],
  properties: {
    status: { type: 'string' as const, enum: ['ok', 'error'] },
    info: { ...CHECKS, description: 'the checks that are up' },
    error: { ...CHECKS, description: 'the checks that are down' },
    details: { ...CHECKS, description: 'every check' },
  },
};
