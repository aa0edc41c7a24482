import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { OptionalNotNull } from '../http/dto-rules';
import { ReferenceChecked } from '../http/reference-checked';

const INPUTS_DOC = {
  type: 'object',
  additionalProperties: { type: 'string' },
  description:
    "what the platform's install flow needs from the merchant to start (GET /v1/integrations → installFlow.connectFields), e.g. the shop domain; none for most platforms. Each value at most 8 KiB.",
  example: { shop: 'demo-shop.myshopify.com' },
} as const;

@ReferenceChecked()
export class ConnectStoreBody {
  @ApiProperty({
    example: 'shopify',
    description: 'an integration id whose plugin has an install flow (installFlow in GET /v1/integrations)',
  })
  @IsString()
  @IsNotEmpty()
  platform!: string;

  @ApiProperty({ example: 'Demo shop' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

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

  @ApiPropertyOptional(INPUTS_DOC)
  @OptionalNotNull()
  @IsObject()
  inputs?: Record<string, unknown>;
}

@ReferenceChecked()
export class ReconnectStoreBody {
  @ApiPropertyOptional({
    ...INPUTS_DOC,
    description: `${INPUTS_DOC.description} Left out: taken from the store's stored credentials of the same names.`,
  })
  @OptionalNotNull()
  @IsObject()
  inputs?: Record<string, unknown>;
}

export class ConnectStartedDto {
  @ApiProperty({ format: 'uuid', description: 'the connect request' }) connectId!: string;
  @ApiProperty({
    description:
      "where to send the merchant's browser: the platform's consent screen (or the hub's hop to it that binds the state to a cookie)",
    example: 'https://demo-shop.myshopify.com/admin/oauth/authorize?client_id=…&scope=…&redirect_uri=…&state=…',
  })
  connectUrl!: string;
  @ApiProperty({ description: 'the connect request (its state) is refused after this instant', example: '2026-12-02T12:10:00.000Z' })
  expiresAt!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'reconnect: the store that the flow gives new credentials' }) storeId?: string;
}

export class ConnectStoreIdParam {
  @IsUUID()
  id!: string;
}

export class PlatformParam {
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'platform must be an integration id (lower-case letters, digits, -)' })
  platform!: string;
}

export class ConnectStartParam {
  @IsUUID()
  id!: string;
}

export class ConnectStartQuery {
  @ApiProperty({
    description: 'the state the hub issued with this connect request (43 BASE64URL characters)',
    example: 'q1Zb2u0m3Yb7F7mM6QxJ1nq9bXo0oYk3n8fS2c4d5e6',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'state must be the state the hub issued' })
  state!: string;
}
