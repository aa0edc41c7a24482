/**
 * The public route platforms deliver their notices to (issue 13). No bearer token: its own authentication is
 * the platform's signature over the raw body with the store's notice secret (notices.service.ts).
 */
import { Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { NOTICE_ANSWERS } from './notices-openapi';
import { NoticesService } from './notices.service';

interface NoticeHttpRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody?: Buffer;
}

interface NoticeHttpResponse {
  status(code: number): NoticeHttpResponse;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
}

@ApiTags('stores')
@Public()
@Controller('hooks')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Post(':platform/:storeId')
  @ApiOperation({
    operationId: 'receivePlatformNotice',
    summary: "A platform's notice that a store's stock changed (public, signed): reads the affected variants back within seconds",
    description:
      'Called by the platform (the hub subscribes `HUB_PUBLIC_URL/hooks/{platform}/{storeId}` when the store is created). The body is read raw ' +
      "(at most 1 MiB, any media type) and the plugin verifies the platform's signature on its exact bytes with the store's notice secret " +
      'BEFORE anything is parsed or written: unknown platform or store, missing or forged signature → 401, nothing written. A verified ' +
      'notice whose body is not the documented shape → 400 validation_failed (path `body`). Otherwise the notice is recorded, the synced variants it names are marked ' +
      "and ONE read-back run of the store is queued (notices arriving together share it); the run applies the store's drift policy. " +
      'Answers 202 at once; duplicates only mark again.',
  })
  @ApiParam({ name: 'platform', example: 'woocommerce' })
  @ApiParam({ name: 'storeId', schema: { type: 'string', format: 'uuid' } })
  @ApiBody(NOTICE_ANSWERS.payload)
  @ApiResponse({ status: 202, ...NOTICE_ANSWERS.accepted })
  @ApiResponse({ status: 200, ...NOTICE_ANSWERS.ping })
  @ApiResponse({ status: 401, ...NOTICE_ANSWERS.badSignature })
  async receive(
    @Param('platform') platform: string,
    @Param('storeId') storeId: string,
    @Req() req: NoticeHttpRequest,
    @Res() res: NoticeHttpResponse,
  ): Promise<void> {
    const outcome = await this.notices.receive(platform, storeId, { headers: req.headers, rawBody: req.rawBody ?? Buffer.alloc(0) });
    res.setHeader('Cache-Control', 'no-store');
    res.status(outcome.status).json(outcome.body);
  }
}
