import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECORDED_ERROR_SCHEMA, STOCK_SCHEMA } from '../http/openapi-schemas';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { OptionalNotNull } from '../http/dto-rules';

export class StartSyncBody {
  @ApiPropertyOptional({ default: false, description: 'compute and record what would change; write nothing to the platform' })
  @OptionalNotNull()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ default: false, description: 'reconcile: read the platform back, record drift and re-assert or report it' })
  @OptionalNotNull()
  @IsBoolean()
  full?: boolean;
}

export class RunIdParam {
  @IsUUID()
  runId!: string;
}

export class ListSyncRunsQuery {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class SyncStartedDto {
  @ApiProperty({ format: 'uuid' }) runId!: string;
}

export class SyncRunCountsDto {
  @ApiProperty({ description: 'changes the run planned to write' }) planned!: number;
  @ApiProperty() written!: number;
  @ApiProperty({ description: 'variants that needed no write' }) unchanged!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ description: 'variants whose platform state differed from what the hub last wrote' }) drift!: number;
}

export class SyncRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) storeId!: string;
  @ApiProperty({ enum: ['stock_update', 'schedule', 'settings', 'manual', 'notice'] }) trigger!: string;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ description: 'reconciliation (read-back) run' }) full!: boolean;
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed', 'partial'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ type: SyncRunCountsDto }) counts!: SyncRunCountsDto;
  @ApiPropertyOptional({ ...RECORDED_ERROR_SCHEMA, description: '{ code, message } when the run failed or stopped early' }) error?: unknown;
  @ApiProperty() createdAt!: string;
}

export class SyncChangeDto {
  @ApiProperty() externalProductId!: string;
  @ApiProperty() externalVariantId!: string;
  @ApiProperty({ ...STOCK_SCHEMA, selfRequired: true, nullable: true, example: { kind: 'unlimited' } }) from!: unknown;
  @ApiProperty({ ...STOCK_SCHEMA, selfRequired: true, nullable: true, example: { kind: 'out_of_stock' } }) to!: unknown;
  @ApiProperty({ enum: ['written', 'would_write', 'failed', 'drift'] }) outcome!: string;
  @ApiPropertyOptional({ ...RECORDED_ERROR_SCHEMA, description: '{ code, message } of a failed change' }) error?: unknown;
}
