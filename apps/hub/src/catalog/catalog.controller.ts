import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PutCatalogVariantsBody, UpsertedDto, VariantIdParam, VariantStockDto } from './catalog.dto';
import { CatalogService } from './catalog.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('v1/catalog/variants')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Put()
  @HttpCode(200)
  @ApiOperation({ operationId: 'putCatalogVariants', summary: 'Create or replace catalog variants (at most 10 000 per request)' })
  @ApiOkResponse({ type: UpsertedDto })
  upsert(@Body() body: PutCatalogVariantsBody): Promise<UpsertedDto> {
    return this.catalog.upsertVariants(body.variants);
  }

  @Get(':id/stock')
  @ApiOperation({
    operationId: 'getVariantStock',
    summary: "A catalog variant's stock per facility and its availability per selling region",
  })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ type: VariantStockDto })
  stock(@Param() params: VariantIdParam): Promise<VariantStockDto> {
    return this.catalog.variantStock(params.id);
  }
}
