import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ConnectStartedDto, ConnectStoreBody, ConnectStoreIdParam, ReconnectStoreBody } from './connect.dto';
import { ConnectService } from './connect.service';

@ApiTags('stores')
@ApiBearerAuth()
@Controller('v1/stores')
export class ConnectController {
  constructor(private readonly connects: ConnectService) {}

  @Post('connect')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'connectStore',
    summary: "Start connecting a store by the platform's install flow (OAuth consent screen)",
    description:
      "Answers the URL to send the merchant's browser to. The store exists once the platform has called the hub back " +
      '(GET /oauth/callback/{platform}) with an approval, its state and (where the platform signs it) a valid signature; ' +
      'the browser then lands on HUB_CONNECT_SUCCESS_URL?storeId=… (or HUB_CONNECT_FAILURE_URL?error=…). ' +
      'The platform needs an install flow and a configured app (GET /v1/integrations → installFlow), else 400 naming `platform`.',
  })
  @ApiCreatedResponse({ type: ConnectStartedDto, description: 'the connect request: single-use, expiring (HUB_CONNECT_TTL_SECONDS)' })
  connect(@Body() body: ConnectStoreBody): Promise<ConnectStartedDto> {
    return this.connects.connect(body);
  }

  @Post(':id/reconnect')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'reconnectStore',
    summary: 'Give a store new credentials through its install flow (e.g. after needs_reconnect)',
    description:
      'Like POST /v1/stores/connect for an existing store: once the platform calls back, the store gets the new credentials and ' +
      'is active again, keeping its id, settings, synced variants and pending work. A callback from another platform store is refused (409 page).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: ConnectStartedDto })
  reconnect(@Param() params: ConnectStoreIdParam, @Body() body: ReconnectStoreBody): Promise<ConnectStartedDto> {
    return this.connects.reconnect(params.id, body);
  }
}
