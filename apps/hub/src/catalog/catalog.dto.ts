import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATALOG_VARIANT_SCHEMA, STOCK_SCHEMA } from '../http/openapi-schemas';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsJsonObject } from '../http/dto-rules';
import { MAX_BATCH, MAX_INT } from '../http/limits';

export class CatalogVariantInput {
  @ApiProperty({ example: 4011, description: 'catalog variant id (assigned by the catalog)' })
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  id!: number;

  @ApiProperty({ example: 71 })
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  productId!: number;

  @ApiProperty({ example: 'Unisex Staple T-Shirt | Black / M' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name!: string;

  @ApiPropertyOptional({ example: 'BC3001-BLK-M', nullable: true, description: 'null or left out: no SKU (a PUT replaces the whole row)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sku?: string;

  @ApiProperty({ enum: ['pod', 'warehouse'] })
  @IsIn(['pod', 'warehouse'])
  fulfillment!: 'pod' | 'warehouse';
}

export class PutCatalogVariantsBody {
  @ApiProperty({ type: [CatalogVariantInput], maxItems: MAX_BATCH })
  @IsArray()
  @ArrayMaxSize(MAX_BATCH)
  @IsJsonObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CatalogVariantInput)
  variants!: CatalogVariantInput[];
}

export class UpsertedDto {
  @ApiProperty() upserted!: number;
}

export class VariantIdParam {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  id!: number;
}

export class FacilityStockRowDto {
  @ApiProperty() facility!: string;
  @ApiProperty({ nullable: true, type: String, description: 'POD facilities' }) status!: string | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'warehouse facilities' }) quantity!: number | null;
  @ApiProperty() observedAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class RegionAvailabilityDto {
  @ApiProperty({ example: 'north_america' }) region!: string;
  @ApiProperty({
    enum: ['computed', 'last_known', 'unknown'],
    description: "'unknown': no decision from this region's facilities (a store would keep its last known state)",
  })
  basis!: string;
  @ApiPropertyOptional({ ...STOCK_SCHEMA, nullable: true, example: { kind: 'unlimited' } }) stock!: unknown;
  @ApiPropertyOptional() reason?: string;
}

export class VariantStockDto {
  @ApiProperty(CATALOG_VARIANT_SCHEMA) variant!: { id: number; productId: number; name: string; sku: string | null; fulfillment: string };
  @ApiProperty({ type: [FacilityStockRowDto] }) facilities!: FacilityStockRowDto[];
  @ApiProperty({ type: [RegionAvailabilityDto] }) regions!: RegionAvailabilityDto[];
}
