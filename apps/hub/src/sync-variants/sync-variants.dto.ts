import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECORDED_ERROR_SCHEMA, STOCK_SCHEMA } from '../http/openapi-schemas';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsJsonObject, OptionalNotNull } from '../http/dto-rules';
import { MAX_BATCH, MAX_INT } from '../http/limits';
import { ReferenceChecked } from '../http/reference-checked';

/** Platform ids are often numeric: accept a JSON number and keep it as its decimal text. */
const numberToText = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value);

export class SyncVariantInput {
  @ApiProperty({ example: '8012345678' })
  @Transform(numberToText)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  externalProductId!: string;

  @ApiProperty({ example: '44012345678' })
  @Transform(numberToText)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  externalVariantId!: string;

  @ApiProperty({ nullable: true, type: Number, description: 'the linked catalog variant; null = not synced' })
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  catalogVariantId!: number | null;

  @ApiPropertyOptional({ default: false, description: 'an ignored variant is never touched (omitted = false: PUT sends the whole row)' })
  @OptionalNotNull()
  @IsBoolean()
  ignored?: boolean;
}

@ReferenceChecked('variants')
export class PutSyncVariantsBody {
  @ApiProperty({ type: [SyncVariantInput], maxItems: MAX_BATCH })
  @IsArray()
  @ArrayMaxSize(MAX_BATCH)
  @IsJsonObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SyncVariantInput)
  variants!: SyncVariantInput[];
}

/** A synced variant's sync state, or why the hub leaves the row alone (ignored, unlinked, store sync disabled). */
export const SYNC_VARIANT_STATES = ['pending', 'in_sync', 'failed', 'ignored', 'unlinked', 'disabled'] as const;

export class ListSyncVariantsQuery {
  @ApiPropertyOptional({
    enum: SYNC_VARIANT_STATES,
    description:
      'only rows in this state (pending, in_sync, failed: synced variants; ignored, unlinked, disabled: rows the hub leaves alone)',
  })
  @IsOptional()
  @IsIn(SYNC_VARIANT_STATES)
  state?: (typeof SYNC_VARIANT_STATES)[number];

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'opaque: the nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class SyncVariantDto {
  @ApiProperty({ description: 'the hub id of the row (a bigint, as text)' }) id!: string;
  @ApiProperty() externalProductId!: string;
  @ApiProperty() externalVariantId!: string;
  @ApiProperty({ nullable: true, type: Number }) catalogVariantId!: number | null;
  @ApiProperty() ignored!: boolean;
  @ApiProperty({ description: 'linked, not ignored, and the store has stock sync enabled' }) synced!: boolean;
  @ApiProperty({
    enum: SYNC_VARIANT_STATES,
    description:
      'pending | in_sync | failed for a synced variant; ignored, unlinked (no catalog variant) or disabled (store stock sync off) otherwise',
  })
  state!: string;
  @ApiProperty({ description: 'a write is waiting (only ever true for a synced variant)' }) pending!: boolean;
  @ApiProperty({ nullable: true, type: String }) pendingSince!: string | null;
  @ApiProperty({ ...STOCK_SCHEMA, selfRequired: true, nullable: true, example: { kind: 'unlimited' } }) desired!: unknown;
  @ApiProperty({ ...STOCK_SCHEMA, selfRequired: true, nullable: true, example: { kind: 'quantity', quantity: 12 } }) lastWritten!: unknown;
  @ApiProperty({ nullable: true, type: String }) lastWrittenAt!: string | null;
  @ApiProperty({ ...RECORDED_ERROR_SCHEMA, selfRequired: true, nullable: true }) lastError!: unknown;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) notFoundAt!: string | null;
  @ApiProperty() updatedAt!: string;
}

export class SyncVariantPageDto {
  @ApiProperty({ type: [SyncVariantDto] }) items!: SyncVariantDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as `cursor` for the next page; null on the last page' }) nextCursor!:
    string | null;
}
