import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { POD_STATUSES } from '@stock-sync/domain';
import { ISO_DATE_TIME_WITH_ZONE, MAX_BATCH, MAX_INT } from '../http/limits';

export class FacilityStockUpdateInput {
  @ApiProperty({ example: 4011 })
  @IsInt() @Min(1) @Max(MAX_INT)
  variantId!: number;

  @ApiProperty({ example: 'US-NC' })
  @IsString() @IsNotEmpty() @MaxLength(50)
  facility!: string;

  @ApiPropertyOptional({ enum: POD_STATUSES, description: 'required for POD variants' })
  @IsOptional() @IsIn(POD_STATUSES)
  status?: (typeof POD_STATUSES)[number];

  @ApiPropertyOptional({ minimum: 0, description: 'required for warehouse variants' })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_INT)
  quantity?: number;

  @ApiProperty({ example: '2026-01-31T12:00:00Z', description: 'when the facility observed this state (ISO-8601 with zone)' })
  @IsString()
  @Matches(ISO_DATE_TIME_WITH_ZONE, { message: '$property must be an ISO-8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z' })
  observedAt!: string;
}

export class PostFacilityStockBody {
  @ApiProperty({ type: [FacilityStockUpdateInput], maxItems: MAX_BATCH })
  @IsArray() @ArrayMaxSize(MAX_BATCH)
  @ValidateNested({ each: true }) @Type(() => FacilityStockUpdateInput)
  updates!: FacilityStockUpdateInput[];
}

export class FacilityStockResultDto {
  @ApiProperty({ description: 'observations applied (newer than what was stored)' }) accepted!: number;
  @ApiProperty({ description: 'observations not applied: older than, or as old as, the stored one or a newer one in the same batch' }) stale!: number;
  @ApiProperty({ description: 'synced store variants marked pending because their stock changed' }) affectedSyncVariants!: number;
}
