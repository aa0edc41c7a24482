import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { errorSchemaRef } from '../http/openapi-errors';
import { CreateStoreBody, ListStoresQuery, StoreDto, StoreIdParam, UpdateStoreBody, VerifyQuery } from './stores.dto';
import { StoresService } from './stores.service';

@ApiTags('stores')
@ApiBearerAuth()
@Controller('v1/stores')
export class StoresController {
  constructor(private readonly stores: StoresService) {}

  @Post()
  @ApiOperation({ operationId: 'createStore', summary: 'Create a store (optionally verifying its credentials with the platform)' })
  @ApiCreatedResponse({ type: StoreDto })
  @ApiBadGatewayResponse({
    description: '`?verify=true`: the platform could not be reached',
    schema: errorSchemaRef('PlatformUnavailableError'),
  })
  create(@Body() body: CreateStoreBody, @Query() query: VerifyQuery): Promise<StoreDto> {
    return this.stores.create(body, query.verify === true);
  }

  @Get()
  @ApiOperation({ operationId: 'listStores', summary: 'List the stores, optionally filtered by platform, status, drift found and name' })
  @ApiOkResponse({ type: [StoreDto] })
  list(@Query() query: ListStoresQuery): Promise<StoreDto[]> {
    return this.stores.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getStore', summary: 'Get a store' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: StoreDto })
  get(@Param() params: StoreIdParam): Promise<StoreDto> {
    return this.stores.get(params.id);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateStore', summary: 'Change a store: settings, status, credentials' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: StoreDto })
  @ApiConflictResponse({ description: "a store's platform cannot change", schema: errorSchemaRef('ConflictError') })
  @ApiBadGatewayResponse({
    description: '`?verify=true`: the platform could not be reached',
    schema: errorSchemaRef('PlatformUnavailableError'),
  })
  update(@Param() params: StoreIdParam, @Body() body: UpdateStoreBody, @Query() query: VerifyQuery): Promise<StoreDto> {
    return this.stores.update(params.id, body, query.verify === true);
  }
}
