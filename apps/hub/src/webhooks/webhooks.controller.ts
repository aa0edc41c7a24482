import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  CreatedWebhookDto,
  CreateWebhookBody,
  ListDeliveriesQuery,
  WebhookDeliveryPageDto,
  WebhookDto,
  WebhookIdParam,
} from './webhooks.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    operationId: 'createWebhook',
    summary: 'Subscribe a URL to events (the answer holds the signing secret, shown this once)',
  })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  create(@Body() body: CreateWebhookBody): Promise<CreatedWebhookDto> {
    return this.webhooks.create(body);
  }

  @Get()
  @ApiOperation({ operationId: 'listWebhooks', summary: 'List the webhook subscriptions (never their secrets)' })
  @ApiOkResponse({ type: [WebhookDto] })
  list(): Promise<WebhookDto[]> {
    return this.webhooks.list();
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getWebhook', summary: 'Get a webhook subscription (never its secret)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: WebhookDto })
  get(@Param() params: WebhookIdParam): Promise<WebhookDto> {
    return this.webhooks.get(params.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteWebhook', summary: 'Delete a webhook subscription and its deliveries (pending ones are not sent)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'deleted' })
  async remove(@Param() params: WebhookIdParam): Promise<void> {
    await this.webhooks.remove(params.id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: "A subscription's delivery log, newest first" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  deliveries(@Param() params: WebhookIdParam, @Query() query: ListDeliveriesQuery): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(params.id, query);
  }
}
