import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { PutCatalogVariantsBody, UpsertedDto, VariantIdParam, VariantStockDto } from './catalog.dto';
import { CatalogService } from './catalog.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('v1/catalog/variants')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Put()
  @HttpCode(200)
  @ApiOkResponse({ type: UpsertedDto })
  upsert(@Body() body: PutCatalogVariantsBody): Promise<UpsertedDto> {
    return this.catalog.upsertVariants(body.variants);
  }

  @Get(':id/stock')
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ type: VariantStockDto })
  stock(@Param() params: VariantIdParam): Promise<VariantStockDto> {
    return this.catalog.variantStock(params.id);
  }
}
