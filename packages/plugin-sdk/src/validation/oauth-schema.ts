/**
 * class-validator schema for the data of a plugin's optional `oauth` part (its functions and cross-field
 * rules are checked in validate-oauth.ts). Messages are written without the property name; the caller
 * prefixes the path ("oauth.scopes must be an array of strings").
 */
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsPositive, IsString, IsUrl, ValidateNested } from 'class-validator';

export class TokenRequestSchema {
  @IsOptional()
  @IsIn(['body', 'basic', 'none'], { message: "must be 'body', 'basic' or 'none'" })
  clientAuthentication?: string;

  @IsOptional()
  @IsIn(['form', 'json'], { message: "must be 'form' or 'json'" })
  encoding?: string;
}

export class TokenLifetimeSchema {
  @IsOptional()
  @IsInt({ message: 'must be a positive whole number of seconds' })
  @IsPositive({ message: 'must be a positive whole number of seconds' })
  accessTokenSeconds?: number;

  @IsOptional()
  @IsInt({ message: 'must be a positive whole number of seconds' })
  @IsPositive({ message: 'must be a positive whole number of seconds' })
  refreshTokenSeconds?: number;

  @IsOptional()
  @IsInt({ message: 'must be a positive whole number of seconds' })
  @IsPositive({ message: 'must be a positive whole number of seconds' })
  refreshAheadSeconds?: number;

  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'must be the https URL of the document that states the lifetimes' })
  source!: string;
}

export class OAuthSchema {
  @IsString({ message: 'must be a string' })
  authorizeUrl!: string;

  @IsOptional()
  @IsString({ message: 'must be a string' })
  tokenUrl?: string;

  @IsArray({ message: 'must be an array of strings' })
  @IsString({ each: true, message: 'must be an array of strings' })
  scopes!: string[];

  @IsOptional()
  @IsIn([' ', ','], { message: "must be ' ' or ','" })
  scopeDelimiter?: string;

  @IsOptional()
  @IsObject({ message: 'must be an object of strings' })
  authorizeParams?: Record<string, string>;

  @IsOptional()
  @IsIn(['S256'], { message: "must be 'S256' when present" })
  pkce?: string;

  @IsOptional()
  @IsObject({ message: 'must be an object' })
  // Same words as IsObject, so a non-object reads once ("must be an object"), not twice.
  @ValidateNested({ message: 'must be an object' })
  @Type(() => TokenRequestSchema)
  tokenRequest?: TokenRequestSchema;

  @IsOptional()
  @IsBoolean({ message: 'must be a boolean' })
  stateInCallback?: boolean;

  @IsOptional()
  @IsObject({ message: 'must be an object' })
  @ValidateNested({ message: 'must be an object' })
  @Type(() => TokenLifetimeSchema)
  tokenLifetime?: TokenLifetimeSchema;
}
