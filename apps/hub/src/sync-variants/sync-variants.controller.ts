import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { UpsertedDto } from '../catalog/catalog.dto';
import { StoreIdParam } from '../stores/stores.dto';
import { ListSyncVariantsQuery, PutSyncVariantsBody, SyncVariantPageDto } from './sync-variants.dto';
import { SyncVariantsService } from './sync-variants.service';

@ApiTags('stores')
@ApiBearerAuth()
@Controller('v1/stores/:id/sync-variants')
export class SyncVariantsController {
  constructor(private readonly variants: SyncVariantsService) {}

  @Put()
  @HttpCode(200)
  @ApiOperation({ operationId: 'putSyncVariants', summary: "Link, unlink or ignore a store's variants (at most 10 000 per request)" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UpsertedDto })
  upsert(@Param() params: StoreIdParam, @Body() body: PutSyncVariantsBody): Promise<UpsertedDto> {
    return this.variants.upsert(params.id, body.variants);
  }

  @Get()
  @ApiOperation({ operationId: 'listSyncVariants', summary: "A page of a store's variants with their desired and last written stock" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: SyncVariantPageDto })
  list(@Param() params: StoreIdParam, @Query() query: ListSyncVariantsQuery): Promise<SyncVariantPageDto> {
    return this.variants.list(params.id, query);
  }
}
