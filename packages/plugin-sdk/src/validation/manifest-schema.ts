/**
 * class-validator schemas for what a plugin declares about itself: its manifest and its credential
 * fields. Messages are written without the property name; format-errors.ts prefixes the full path,
 * so an error reads "manifest.capabilities.maxBatch must be a positive integer".
 */
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
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
