export { loadOpenApiSpec, type OpenApiSpec } from './load-spec';
export { openApiBodyValidator, type BodyValidation, type BodyValidatorOptions } from './body-validator';
export { toJsonSchemaDocument } from './to-json-schema';
export { openApiResponseValidator, type ResponseValidatorOptions } from './response-validator';
