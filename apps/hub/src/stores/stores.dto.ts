import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { OptionalNotNull } from '../http/dto-rules';
import { toBoolean } from '../http/query-transforms';
import { ReferenceChecked } from '../http/reference-checked';

const CREDENTIALS_DOC = {
  type: 'object',
  additionalProperties: { type: 'string' },
  description:
    'per integration (see GET /v1/integrations credentialFields); write-only, never returned. Every integration also accepts an optional `baseUrl`. ' +
    'Each value at most 8 KiB (UTF-8).',
  example: { shop: 'demo-shop.myshopify.com', accessToken: 'shpat_test_example' },
} as const;

@ReferenceChecked()
export class CreateStoreBody {
  @ApiProperty({ example: 'Demo shop' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'shopify', description: 'an integration id' })
  @IsString()
  @IsNotEmpty()
  platform!: string;

  @ApiProperty({ example: 'north_america', description: 'a selling region code' })
  @IsString()
  @IsNotEmpty()
  sellingRegion!: string;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  stockSyncEnabled?: boolean;

  @ApiPropertyOptional({ enum: ['reassert', 'report'], default: 'reassert' })
  @OptionalNotNull()
  @IsIn(['reassert', 'report'])
  driftPolicy?: 'reassert' | 'report';

  @ApiProperty(CREDENTIALS_DOC)
  @IsObject()
  credentials!: Record<string, unknown>;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 60,
    description: 'reconciliation interval for this store (default: the hub-wide one)',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  reconcileIntervalSeconds?: number | null;
}

@ReferenceChecked()
export class UpdateStoreBody {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: "cannot change (409); accepted when equal to the store's platform" })
  @OptionalNotNull()
  @IsString()
  @IsNotEmpty()
  platform?: string;

  @ApiPropertyOptional({ description: 'a change schedules a sync of the whole store' })
  @OptionalNotNull()
  @IsString()
  @IsNotEmpty()
  sellingRegion?: string;

  @ApiPropertyOptional({ description: 'a change schedules a sync of the whole store' })
  @OptionalNotNull()
  @IsBoolean()
  stockSyncEnabled?: boolean;

  @ApiPropertyOptional({ enum: ['reassert', 'report'] })
  @OptionalNotNull()
  @IsIn(['reassert', 'report'])
  driftPolicy?: 'reassert' | 'report';

  @ApiPropertyOptional({
    ...CREDENTIALS_DOC,
    description: 'replaces ALL stored credentials; a store in needs_reconnect becomes active again',
  })
  @OptionalNotNull()
  @IsObject()
  credentials?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['active', 'paused'], description: 'pause or resume syncing (needs_reconnect is set by the hub)' })
  @OptionalNotNull()
  @IsIn(['active', 'paused'])
  status?: 'active' | 'paused';

  @ApiPropertyOptional({ description: 'why the store is paused' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(500)
  statusReason?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 60 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  reconcileIntervalSeconds?: number | null;
}

export class VerifyQuery {
  @ApiPropertyOptional({ description: 'connect to the platform and check the credentials before saving' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  verify?: boolean;
}

/** Filters of GET /v1/stores (all optional, combined with AND). */
export class ListStoresQuery {
  @ApiPropertyOptional({ example: 'shopify', description: 'only stores of this integration id' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  platform?: string;

  @ApiPropertyOptional({ enum: ['active', 'paused', 'needs_reconnect'] })
  @IsOptional()
  @IsIn(['active', 'paused', 'needs_reconnect'])
  status?: 'active' | 'paused' | 'needs_reconnect';

  @ApiPropertyOptional({
    description: 'true: only stores where a (non-dry) run that finished in the last 24 hours found drift; false: only the others',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  drift?: boolean;

  @ApiPropertyOptional({ example: 'demo', description: 'only stores whose name contains this text (case-insensitive)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  q?: string;
}

export class StoreIdParam {
  @IsUUID()
  id!: string;
}

export class StoreDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() platform!: string;
  @ApiProperty({ description: 'false when the integration plugin is not loaded (the store is kept as is)' }) platformAvailable!: boolean;
  @ApiProperty() sellingRegion!: string;
  @ApiProperty() stockSyncEnabled!: boolean;
  @ApiProperty({ enum: ['reassert', 'report'] }) driftPolicy!: string;
  @ApiProperty({ enum: ['active', 'paused', 'needs_reconnect'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) statusReason!: string | null;
  @ApiProperty({
    type: [String],
    description: 'names of the credential fields that are set — never their values',
    example: ['shop', 'accessToken'],
  })
  credentialsSet!: string[];
  @ApiProperty({ nullable: true, type: Number }) reconcileIntervalSeconds!: number | null;
  @ApiProperty({ nullable: true, type: String }) lastReconciledAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
