/**
 * Validation rules the DTOs share beyond class-validator's own.
 *
 * - `OptionalNotNull`: the field may be left out, but a field sent as `null` is an error naming it.
 *   class-validator's `@IsOptional()` treats null as absent, so `status: null` once erased a known
 *   facility state and `name: null` reached the database as a 500 (issue 7). Only fields whose contract
 *   gives null a meaning (e.g. `catalogVariantId: null` = not synced) accept it.
 * - `IsObservedAt`: an ISO-8601 date-time with an explicit zone that is a real calendar instant
 *   (`2025-02-30T12:00:00Z` is refused, not read as 2 March) between 1970 and 9999.
 * - `IsJsonObject`: a JSON object, not an array (`{"variants":[[]]}` once passed nested validation).
 */
import { isObject, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { ISO_DATE_TIME_WITH_ZONE } from './limits';

export function OptionalNotNull(): PropertyDecorator {
  return (target, property) => {
    ValidateIf((_o, v) => v !== undefined)(target, property);
    ValidateBy({
      name: 'isNotNull',
      validator: {
        validate: (v: unknown) => v !== null,
        defaultMessage: (args) => `${args?.property} must not be null (leave the field out instead)`,
      },
    })(target, property as string);
  };
}

/** Earliest observation time accepted (a date before this is a client's bug, not a facility's report). */
export const MIN_OBSERVED_AT = Date.UTC(1970, 0, 1);

/** Milliseconds since the epoch of a valid ISO-8601 date-time with zone, or undefined. */
export function parseIsoDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ISO_DATE_TIME_WITH_ZONE.test(value)) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value)!;
  const [year, month, day, hour, minute, second] = m.slice(1).map((p) => Number(p ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // The real month length of that year (29 February only in leap years): 30 February would roll over.
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  const zone = /(Z|[+-](\d{2}):?(\d{2}))$/.exec(value)!;
  if (zone[1] !== 'Z' && (Number(zone[2]) > 14 || Number(zone[3]) > 59)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function IsObservedAt(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isObservedAt',
      validator: {
        validate: (v: unknown) => {
          const ms = parseIsoDateTime(v);
          return ms !== undefined && ms >= MIN_OBSERVED_AT && ms < Date.UTC(10000, 0, 1);
        },
        defaultMessage: (args) =>
          `${args?.property} must be a real ISO-8601 date-time with a time zone between 1970 and 9999, e.g. 2026-01-31T12:00:00Z`,
      },
    },
    options,
  );
}

export function IsJsonObject(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isJsonObject',
      validator: {
        validate: (v: unknown) => isObject(v) && !Array.isArray(v),
        defaultMessage: (args) =>
          options?.each ? `each value in ${args?.property} must be an object` : `${args?.property} must be an object`,
      },
    },
    options,
  );
}
