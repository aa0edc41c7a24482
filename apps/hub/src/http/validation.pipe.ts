import { ValidationPipe } from '@nestjs/common';
import { ValidationFailed } from './api-errors';
import { flattenValidationErrors } from './validation-details';

/** The global pipe: whitelist + forbid unknown fields + transform; every offending field named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailed(flattenValidationErrors(errors)),
  });
}
