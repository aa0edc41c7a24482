/**
 * The global pipe: whitelist + forbid unknown fields + transform; every offending field named.
 *
 * Before class-validator sees a DTO-typed value (body, query, params): an array over its declared
 * `@ArrayMaxSize` is refused at once, its items unchecked (input-scan.ts), and every string holding a NUL
 * character is named. A 400 lists the first 100 details and `totalDetails` when there were more.
 * A body DTO marked `@ReferenceChecked` gets its format errors attached instead of thrown, so its
 * service can add its reference errors to the same 400 (reference-checked.ts).
 */
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ValidationFailed, type ValidationDetail } from './api-errors';
import { nulCharacters, oversizedArrays } from './input-scan';
import { attachFormatErrors, referenceCheckedBatch } from './reference-checked';
import { flattenValidationErrors } from './validation-details';

/** Thrown by class-validator's exception factory inside the pipe, with every detail (not yet capped). */
class CollectedFormatErrors extends Error {
  constructor(readonly details: ValidationDetail[]) {
    super('validation failed');
  }
}

export class HubValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new CollectedFormatErrors(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (!metatype || !this.toValidate(metadata)) return super.transform(value, metadata);

    const oversized = oversizedArrays(metatype, value);
    const nul = nulCharacters(value);
    if (oversized.length) throw new ValidationFailed([...oversized, ...nul.details], oversized.length + nul.total);

    let result: unknown;
    let format: ValidationDetail[] = [];
    try {
      result = await super.transform(value, metadata);
    } catch (e) {
      if (!(e instanceof CollectedFormatErrors)) throw e;
      format = e.details;
    }
    const details = mergeByPath(nul.details, format);
    if (details.length === 0) return result;
    const total = details.length + Math.max(0, nul.total - nul.details.length);

    const deferred = referenceCheckedBatch(metatype);
    const items = deferred?.batch === undefined ? undefined : (value as Record<string, unknown> | null)?.[deferred.batch];
    // A finding on the batch itself (e.g. an entry that is not an object) leaves no entry to check further.
    const batchItself = deferred?.batch !== undefined && details.some((d) => d.path === deferred.batch);
    if (deferred && !batchItself && isPlainObject(value) && (deferred.batch === undefined || Array.isArray(items))) {
      const instance = (result ?? plainToInstance(metatype as new () => object, value)) as Record<string, unknown>;
      attachFormatErrors(instance, details, total);
      const batch = deferred.batch === undefined ? undefined : instance[deferred.batch];
      if (Array.isArray(batch)) attachFormatErrors(batch, details, total);
      return instance;
    }
    throw new ValidationFailed(details, total);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new HubValidationPipe();
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One entry per path: a NUL finding and a format error on the same field share it. */
function mergeByPath(first: readonly ValidationDetail[], second: readonly ValidationDetail[]): ValidationDetail[] {
  if (first.length === 0) return [...second];
  const byPath = new Map<string, string[]>();
  for (const d of [...first, ...second]) {
    const list = byPath.get(d.path);
    if (list) list.push(d.message);
    else byPath.set(d.path, [d.message]);
  }
  return [...byPath].map(([path, messages]) => ({ path, message: messages.join('; ') }));
}
