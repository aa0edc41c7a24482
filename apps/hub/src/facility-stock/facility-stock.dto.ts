import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { POD_STATUSES } from '@stock-sync/domain';
import { IsJsonObject, IsObservedAt, OptionalNotNull } from '../http/dto-rules';
import { MAX_BATCH, MAX_INT } from '../http/limits';
import { ReferenceChecked } from '../http/reference-checked';

export class FacilityStockUpdateInput {
  @ApiProperty({ example: 4011 })
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  variantId!: number;

  @ApiProperty({ example: 'US-NC' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  facility!: string;

  @ApiPropertyOptional({
    type: String,
    example: POD_STATUSES[0],
    maxLength: 100,
    description:
      `required for POD variants (null is a 400): one of ${POD_STATUSES.join(', ')}. Any other status is accepted, ` +
      'stored as `unknown` (the facility keeps no decision: the store keeps its last known state) and counted in `unrecognisedStatus`',
  })
  @OptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  status?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_INT, description: 'required for warehouse variants (null is a 400)' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  quantity?: number;

  @ApiProperty({
    example: '2026-01-31T12:00:00Z',
    description: 'when the facility observed this state: ISO-8601 with a zone, a real calendar date from 1970 on',
  })
  @IsString()
  @IsObservedAt()
  observedAt!: string;
}

@ReferenceChecked('updates')
export class PostFacilityStockBody {
  @ApiProperty({ type: [FacilityStockUpdateInput], maxItems: MAX_BATCH })
  @IsArray()
  @ArrayMaxSize(MAX_BATCH)
  @IsJsonObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => FacilityStockUpdateInput)
  updates!: FacilityStockUpdateInput[];
}

export class FacilityStockResultDto {
  @ApiProperty({ description: 'observations applied (newer than what was stored)' }) accepted!: number;
  @ApiProperty({ description: 'observations not applied: older than, or as old as, the stored one or a newer one in the same batch' })
  stale!: number;
  @ApiProperty({
    description:
      'observations whose status the hub does not recognise: stored as `unknown` (PRODUCT.md rule 4: the last known state stays)',
  })
  unrecognisedStatus!: number;
  @ApiProperty({ description: 'synced store variants marked pending because their stock changed' }) affectedSyncVariants!: number;
}
