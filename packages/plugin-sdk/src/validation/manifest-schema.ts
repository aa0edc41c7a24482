/**
 * class-validator schemas for what a plugin declares about itself: its manifest and its credential
 * fields. Messages are written without the property name; format-errors.ts prefixes the full path,
 * so an error reads "manifest.capabilities.maxBatch must be a positive integer".
 */
import 'reflect-metadata';
import { Type } from 'class-transformer';
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
  @ValidateBy(
    {
      name: 'pluginApiVersion',
      validator: {
        validate: (v: unknown) => (typeof v === 'number' || typeof v === 'string') && checkPluginApi(v).ok,
        defaultMessage: (args) => {
          const verdict = checkPluginApi(args?.value);
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
