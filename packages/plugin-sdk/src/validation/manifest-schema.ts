/**
 * class-validator schemas for what a plugin declares about itself: its manifest and its credential
 * fields. Messages are written without the property name; format-errors.ts prefixes the full path,
 * so an error reads "manifest.capabilities.maxBatch must be a positive integer".
 */
import 'reflect-metadata';
import { Type } from 'class-transformer';
import * as semver from 'semver';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUrl,
  Matches,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CONTRACT_VERSION } from '../contract';
import { checkPluginApi } from '../packaging/plugin-api-compat';

export const KEBAB_CASE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Credential field names become JSON keys and form field names: plain identifiers only. */
export const CREDENTIAL_FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export class CapabilitiesSchema {
  @IsIn(['native', 'emulated'], { message: "must be 'native' or 'emulated'" })
  unlimitedStock!: string;

  @IsInt({ message: 'must be a positive integer' })
  @IsPositive({ message: 'must be a positive integer' })
  maxBatch!: number;

  @IsBoolean({ message: 'must be a boolean' })
  readBack!: boolean;

  @IsOptional()
  @IsBoolean({ message: 'must be a boolean' })
  webhooks?: boolean;
}

/** An HTTP header name (RFC 9110 token characters), as HEADER_NAME_PATTERN in the plugin API. */
export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** A full semver version ("1.4.0", "1.5.0-beta.1"), never a range or a partial one ("^1.0.0", "1.4"). */
function isSemverVersion(v: unknown): v is string {
  return typeof v === 'string' && semver.valid(v) === v;
}

const SIGNAL_KEYS: readonly string[] = ['remaining', 'usedOfLimit', 'pause', 'onErrors'];

/** The first key of a signal that is not one of SIGNAL_KEYS, as "signals[i].key" (signals are closed, as in the JSON Schema). */
function unknownSignalKey(signals: unknown): string | undefined {
  if (!Array.isArray(signals)) return undefined;
  for (const [i, s] of signals.entries()) {
    if (typeof s !== 'object' || s === null) continue;
    const key = Object.keys(s).find((k) => !SIGNAL_KEYS.includes(k));
    if (key !== undefined) return `signals[${i}].${key}`;
  }
  return undefined;
}

/** `{ ms > 0 }` or `{ header, unit: 'ms' | 's' }`, nothing else. */
function isSignalPause(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v).sort().join(',');
  const p = v as Record<string, unknown>;
  if (keys === 'ms') return typeof p.ms === 'number' && Number.isFinite(p.ms) && p.ms > 0;
  if (keys === 'header,unit') return typeof p.header === 'string' && HEADER_NAME.test(p.header) && (p.unit === 'ms' || p.unit === 's');
  return false;
}

export class RateLimitSignalSchema {
  @ValidateIf((o: RateLimitSignalSchema) => o.usedOfLimit === undefined || o.remaining !== undefined)
  @ValidateBy(
    { name: 'headerName', validator: { validate: (v: unknown) => typeof v === 'string' && HEADER_NAME.test(v) } },
    {
      message: (args) =>
        args.value === undefined ? 'is required: give exactly one of remaining and usedOfLimit' : 'must be a header name',
    },
  )
  remaining?: string;

  @ValidateIf((o: RateLimitSignalSchema) => o.usedOfLimit !== undefined)
  @ValidateBy(
    { name: 'headerName', validator: { validate: (v: unknown) => typeof v === 'string' && HEADER_NAME.test(v) } },
    { message: 'must be a header name' },
  )
  @ValidateBy(
    {
      name: 'oneOfRemainingOrUsedOfLimit',
      validator: { validate: (_v, args) => (args?.object as RateLimitSignalSchema).remaining === undefined },
    },
    { message: 'cannot be given with remaining (give exactly one of them)' },
  )
  usedOfLimit?: string;

  @ValidateBy(
    { name: 'signalPause', validator: { validate: isSignalPause } },
    { message: "must be { ms: a positive number } or { header: a header name, unit: 'ms' | 's' }" },
  )
  pause!: { ms: number } | { header: string; unit: 'ms' | 's' };

  @IsOptional()
  @IsBoolean({ message: 'must be a boolean' })
  onErrors?: boolean;
}

export class RateLimitSchema {
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a positive number' })
  @IsPositive({ message: 'must be a positive number' })
  requestsPerSecond!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a positive number' })
  @IsPositive({ message: 'must be a positive number' })
  burst!: number;

  @IsOptional()
  @IsString({ message: 'must be a string' })
  note?: string;

  @IsOptional()
  @IsArray({ message: 'must be an array of signals' })
  @ValidateBy(
    { name: 'knownSignalKeys', validator: { validate: (v: unknown) => unknownSignalKey(v) === undefined } },
    { message: (args) => `may hold only ${SIGNAL_KEYS.join(', ')} in a signal: ${unknownSignalKey(args.value)} is unknown` },
  )
  @ValidateNested({ each: true, message: 'must be a signal (an object)' })
  @Type(() => RateLimitSignalSchema)
  signals?: RateLimitSignalSchema[];
}

export class ManifestSchema {
  @IsString({ message: 'must be a string' })
  @Matches(KEBAB_CASE_ID, { message: "must be kebab-case (e.g. 'shopify', 'big-cartel')" })
  id!: string;

  @IsString({ message: 'must be a string' })
  @IsNotEmpty({ message: 'must not be empty' })
  displayName!: string;

  // A major number or a semver version of this API's major (a newer minor included: see plugin-api-compat.ts).
  // A version, not a range: ranges belong in package.json (`stockSync.pluginApi`), as in the JSON Schema.
  @ValidateBy(
    {
      name: 'pluginApiVersion',
      validator: {
        validate: (v: unknown) => (typeof v === 'number' || isSemverVersion(v)) && checkPluginApi(v).ok,
        defaultMessage: (args) => {
          const v: unknown = args?.value;
          if (typeof v === 'string' && !isSemverVersion(v))
            return `must be a major number or a full semver version (e.g. "${CONTRACT_VERSION}"), not "${v}"`;
          const verdict = checkPluginApi(v);
          return verdict.ok ? '' : `must be a plugin API version of this hub's major (${CONTRACT_VERSION}): ${verdict.reason}`;
        },
      },
    },
    {},
  )
  contractVersion!: number | string;

  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => CapabilitiesSchema)
  capabilities!: CapabilitiesSchema;

  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => RateLimitSchema)
  rateLimit!: RateLimitSchema;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'must be an http(s) URL' })
  docsUrl?: string;
}

export class CredentialFieldSchema {
  @IsString({ message: 'must be a string' })
  @Matches(CREDENTIAL_FIELD_NAME, { message: 'must be an identifier (letters, digits, _; starting with a letter)' })
  name!: string;

  @IsBoolean({ message: 'must be a boolean' })
  secret!: boolean;

  @IsBoolean({ message: 'must be a boolean' })
  required!: boolean;

  @IsOptional()
  @IsString({ message: 'must be a string' })
  description?: string;
}
