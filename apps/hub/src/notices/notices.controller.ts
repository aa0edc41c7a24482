/**
 * The public routes platforms deliver their notices to (issue 13): a store's own URL, and the platform's one
 * URL for platforms whose webhook URL is set in the app's settings. No bearer token: their authentication is
 * the platform's signature over the raw body (notices.service.ts). The hub answers them before Nest routes the
 * request (notice-route.ts, mounted by bootstrap.ts): this controller declares them for the OpenAPI document and
 * the public-route list, and answers them in an app built without that middleware.
 */
import { Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { NOTICE_ANSWERS } from './notices-openapi';
import { answerNotice, noticeInbound } from './notice-route';
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
      "(at most 1 MiB, any media type) and the plugin verifies the platform's signature on its exact bytes with the key the plugin names " +
      "(the store's notice secret, the key the platform answered at subscription, or the configured app's secret) " +
      'BEFORE anything is parsed or written: unknown platform or store, missing or forged signature, or the same signed notice again (a replay) → 401, nothing written. A verified ' +
      'notice whose body is not the documented shape → 400 validation_failed (path `body`). Otherwise the notice is recorded, the synced variants it names are marked ' +
      "and ONE read-back run of the store is queued (notices arriving together share it); the run applies the store's drift policy. " +
      'Answers 202 at once.',
  })
  @ApiParam({ name: 'platform', example: 'woocommerce' })
  @ApiParam({ name: 'storeId', schema: { type: 'string', format: 'uuid' } })
  @ApiBody(NOTICE_ANSWERS.payload)
  @ApiResponse({ status: 202, ...NOTICE_ANSWERS.accepted })
  @ApiResponse({ status: 200, ...NOTICE_ANSWERS.ping })
  @ApiResponse({ status: 400, ...NOTICE_ANSWERS.invalidBody })
  @ApiResponse({ status: 401, ...NOTICE_ANSWERS.badSignature })
  async receive(
    @Param('platform') platform: string,
    @Param('storeId') storeId: string,
    @Req() req: NoticeHttpRequest,
    @Res() res: NoticeHttpResponse,
  ): Promise<void> {
    answerNotice(res, await this.notices.receive(platform, storeId, noticeInbound(req)));
  }

  @Post(':platform')
  @ApiOperation({
    operationId: 'receivePlatformWideNotice',
    summary: "A platform's notice delivered to its one app-wide URL (public, signed with the app's secret): the body names the store",
    description:
      "For platforms whose webhook URL is set once in the app's settings (not subscribed per store): set it to `HUB_PUBLIC_URL/hooks/{platform}`. " +
      "The plugin verifies the signature on the exact bytes with the configured app's secret (HUB_OAUTH_*) BEFORE anything is parsed, then names " +
      "the store (the platform's store id recorded when the store connected through its install flow) and the variants. Unknown platform, a " +
      'platform that delivers per store, no configured app, a missing or forged signature, a store the hub does not know, or a replay → 401; ' +
      "a verified body that is not the documented shape → 400. The platform's uninstall event arriving here (verified by the plugin's install flow) pauses " +
      'the store as POST /oauth/uninstall/{platform} does: 200 `{paused}`. Otherwise as `POST /hooks/{platform}/{storeId}`: 202, the read-back follows within seconds.',
  })
  @ApiParam({ name: 'platform', example: 'ecwid' })
  @ApiBody(NOTICE_ANSWERS.payload)
  @ApiResponse({ status: 202, ...NOTICE_ANSWERS.accepted })
  @ApiResponse({ status: 200, ...NOTICE_ANSWERS.pingOrUninstalled })
  @ApiResponse({ status: 400, ...NOTICE_ANSWERS.invalidBody })
  @ApiResponse({ status: 401, ...NOTICE_ANSWERS.badSignature })
  async receiveForPlatform(
    @Param('platform') platform: string,
    @Req() req: NoticeHttpRequest,
    @Res() res: NoticeHttpResponse,
  ): Promise<void> {
    answerNotice(res, await this.notices.receiveForPlatform(platform, noticeInbound(req)));
  }
}
