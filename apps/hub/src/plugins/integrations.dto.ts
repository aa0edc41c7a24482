import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBoolean } from '../http/query-transforms';

export class CredentialFieldDto {
  @ApiProperty({ example: 'accessToken' }) name!: string;
  @ApiProperty({ description: 'secret values are encrypted at rest and never returned' }) secret!: boolean;
  @ApiProperty() required!: boolean;
  @ApiPropertyOptional() description?: string;
}

export class IntegrationDto {
  @ApiProperty({ example: 'shopify' }) id!: string;
  @ApiProperty({ example: 'Shopify' }) displayName!: string;
  @ApiProperty({ example: 1 }) contractVersion!: number;
  @ApiProperty({ example: { unlimitedStock: 'native', maxBatch: 250, readBack: true } }) capabilities!: Record<string, unknown>;
  @ApiProperty({ example: { requestsPerSecond: 2, burst: 4 } }) rateLimit!: Record<string, unknown>;
  @ApiProperty({ type: [CredentialFieldDto] }) credentialFields!: CredentialFieldDto[];
  @ApiProperty() available!: boolean;
  @ApiPropertyOptional() unavailableReason?: string;
}

export class ListIntegrationsQuery {
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeUnavailable?: boolean;
}
