import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { CreateStoreBody, StoreDto, StoreIdParam, UpdateStoreBody, VerifyQuery } from './stores.dto';
import { StoresService } from './stores.service';

@ApiTags('stores')
@ApiBearerAuth()
@Controller('v1/stores')
export class StoresController {
  constructor(private readonly stores: StoresService) {}

  @Post()
  @ApiCreatedResponse({ type: StoreDto })
  create(@Body() body: CreateStoreBody, @Query() query: VerifyQuery): Promise<StoreDto> {
    return this.stores.create(body, query.verify === true);
  }

  @Get()
  @ApiOkResponse({ type: [StoreDto] })
  list(): Promise<StoreDto[]> {
    return this.stores.list();
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: StoreDto })
  get(@Param() params: StoreIdParam): Promise<StoreDto> {
    return this.stores.get(params.id);
  }

  @Patch(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: StoreDto })
  update(@Param() params: StoreIdParam, @Body() body: UpdateStoreBody, @Query() query: VerifyQuery): Promise<StoreDto> {
    return this.stores.update(params.id, body, query.verify === true);
  }
}
