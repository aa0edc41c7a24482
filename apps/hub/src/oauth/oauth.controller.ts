/**
 * The hub's public OAuth routes (no bearer token: the platforms and the merchant's browser call them; each
 * proves itself instead — a single-use state, the platform's signature). See oauth-callback.service.ts,
 * connect-hop.service.ts and uninstall.service.ts for what each checks.
 */
import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiDefaultResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { clearedStateCookie, STATE_COOKIE } from './state-cookie';
import { ConnectHopService } from './connect-hop.service';
import { ConnectStartParam, ConnectStartQuery, PlatformParam } from './connect.dto';
import { page, sendPage, sendRedirect, wantsHtml, withQuery, type OAuthHttpResponse } from './connect-answers';
import { HubPublicUrl } from './hub-public-url';
import { cookieValue, inboundRequestOf, type OAuthHttpRequest } from './inbound-request';
import { OAuthCallbackService, type CallbackOutcome } from './oauth-callback.service';
import { OAUTH_ANSWERS, PLATFORM_PAYLOAD } from './oauth-openapi';
import { UninstallService } from './uninstall.service';

@ApiTags('stores')
@Public()
@Controller('oauth')
export class OAuthController {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly callbacks: OAuthCallbackService,
    private readonly hops: ConnectHopService,
    private readonly uninstalls: UninstallService,
    private readonly publicUrl: HubPublicUrl,
  ) {}

  @Get('callback/:platform')
  @ApiOperation({
    operationId: 'oauthCallback',
    summary: "The platform's OAuth callback (public): verifies it, exchanges the code and creates or reconnects the store",
    description:
      "Called by the merchant's browser, redirected by the platform after the consent screen, with `code` and `state` (and the " +
      "platform's signature where it signs its callback). Checks, in order: the signature (401), the state — single-use, " +
      "expiring, bound to one connect request (400) —, the platform's own refusal (403), then exchanges the code (403 refused, 502 failed) " +
      'and stores the credentials encrypted. Nothing is written when a check fails.',
  })
  @ApiParam({ name: 'platform', example: 'shopify' })
  @ApiResponse({ status: 200, ...OAUTH_ANSWERS.connected })
  @ApiResponse({ status: 303, ...OAUTH_ANSWERS.redirect })
  @ApiResponse({ status: 401, ...OAUTH_ANSWERS.badSignature })
  @ApiResponse({ status: 403, ...OAUTH_ANSWERS.denied })
  @ApiResponse({ status: 404, ...OAUTH_ANSWERS.noFlow })
  @ApiResponse({ status: 409, ...OAUTH_ANSWERS.conflict })
  @ApiResponse({ status: 502, ...OAUTH_ANSWERS.platformDown })
  async callback(@Param() params: PlatformParam, @Req() req: OAuthHttpRequest, @Res() res: OAuthHttpResponse): Promise<void> {
    await this.answerCallback(params.platform, req, res);
  }

  @Post('callback/:platform')
  @ApiOperation({
    operationId: 'oauthCallbackPost',
    summary: 'The OAuth callback for platforms that post to it (public), e.g. keys posted by the store',
    description:
      'As GET /oauth/callback/{platform}; the plugin reads the state and verifies the signature on the exact bytes received (at most 64 KiB).',
  })
  @ApiParam({ name: 'platform', example: 'woocommerce' })
  @ApiBody(PLATFORM_PAYLOAD)
  @ApiResponse({ status: 200, ...OAUTH_ANSWERS.connected })
  @ApiResponse({ status: 303, ...OAUTH_ANSWERS.redirect })
  @ApiResponse({ status: 401, ...OAUTH_ANSWERS.badSignature })
  @ApiResponse({ status: 403, ...OAUTH_ANSWERS.denied })
  @ApiResponse({ status: 404, ...OAUTH_ANSWERS.noFlow })
  @ApiResponse({ status: 409, ...OAUTH_ANSWERS.conflict })
  @ApiResponse({ status: 502, ...OAUTH_ANSWERS.platformDown })
  async callbackPost(@Param() params: PlatformParam, @Req() req: OAuthHttpRequest, @Res() res: OAuthHttpResponse): Promise<void> {
    await this.answerCallback(params.platform, req, res);
  }

  @Get('start/:id')
  @ApiOperation({
    operationId: 'oauthStart',
    summary: 'Hop to the consent screen that binds the state to a cookie (public; platforms whose callback cannot carry the state)',
    description:
      'The connectUrl of such platforms. Sets an HttpOnly, SameSite=Lax cookie (Secure over https) scoped to the callback path and ' +
      "redirects to the platform's consent screen. Refused (400) when the id and state do not name an open connect request.",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({
    status: 302,
    description: "to the platform's consent screen",
    headers: { Location: { schema: { type: 'string' } }, 'Set-Cookie': { schema: { type: 'string' } } },
  })
  // A hop has no 2xx: `default` says what else comes (redocly's operation-2xx-response accepts it).
  @ApiDefaultResponse({
    description:
      'a refusal: for a browser a 303 to HUB_CONNECT_FAILURE_URL when set, else an HTML page with the 4xx status; otherwise the JSON error (400 validation_failed naming `state`, 404)',
  })
  @ApiResponse({ status: 404, ...OAUTH_ANSWERS.noFlow })
  async start(
    @Param() params: ConnectStartParam,
    @Query() query: ConnectStartQuery,
    @Req() req: OAuthHttpRequest,
    @Res() res: OAuthHttpResponse,
  ): Promise<void> {
    const outcome = await this.hops.hop(params.id, query.state);
    if (outcome.ok) {
      res.setHeader('Set-Cookie', outcome.cookie);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.redirect(302, outcome.location);
      return;
    }
    this.refusal(req, res, outcome.status, outcome.error, outcome.message, true);
  }

  @Post('uninstall/:platform')
  @ApiOperation({
    operationId: 'oauthUninstall',
    summary: "A platform's app-uninstalled notice (public, verified by the plugin): pauses the store",
    description:
      'The plugin verifies the notice on the exact bytes received (HMAC header, signed JWT…). Unverified → 401 and nothing changes; verified → every store of that ' +
      'platform id is paused with the reason.',
  })
  @ApiParam({ name: 'platform', example: 'shopify' })
  @ApiBody(PLATFORM_PAYLOAD)
  @ApiResponse({ status: 200, ...OAUTH_ANSWERS.uninstalled })
  @ApiResponse({ status: 401, ...OAUTH_ANSWERS.badSignature })
  @ApiResponse({ status: 404, ...OAUTH_ANSWERS.noFlow })
  async uninstallPost(@Param() params: PlatformParam, @Req() req: OAuthHttpRequest, @Res() res: OAuthHttpResponse): Promise<void> {
    await this.answerUninstall(params.platform, req, res);
  }

  @Get('uninstall/:platform')
  @ApiOperation({
    operationId: 'oauthUninstallGet',
    summary:
      'The app-uninstalled notice of platforms that send it as a GET (public, verified by the plugin), e.g. a signed JWT in the query',
  })
  @ApiParam({ name: 'platform', example: 'bigcommerce' })
  @ApiResponse({ status: 200, ...OAUTH_ANSWERS.uninstalled })
  @ApiResponse({ status: 401, ...OAUTH_ANSWERS.badSignature })
  @ApiResponse({ status: 404, ...OAUTH_ANSWERS.noFlow })
  async uninstallGet(@Param() params: PlatformParam, @Req() req: OAuthHttpRequest, @Res() res: OAuthHttpResponse): Promise<void> {
    await this.answerUninstall(params.platform, req, res);
  }

  private async answerCallback(platform: string, req: OAuthHttpRequest, res: OAuthHttpResponse): Promise<void> {
    const cookie = cookieValue(headerOf(req, 'cookie'), STATE_COOKIE);
    const outcome = await this.callbacks.handle(platform, inboundRequestOf(req), cookie);
    if (cookie !== undefined) res.setHeader('Set-Cookie', clearedStateCookie(platform, this.publicUrl.secure));
    this.answerOutcome(req, res, outcome);
  }

  private answerOutcome(req: OAuthHttpRequest, res: OAuthHttpResponse, outcome: CallbackOutcome): void {
    const { successUrl } = this.config.oauth;
    if (outcome.ok) {
      if (successUrl && req.method === 'GET') return sendRedirect(res, withQuery(successUrl, { storeId: outcome.storeId }));
      if (wantsHtml(req.headers.accept)) {
        return sendPage(
          res,
          200,
          page(
            outcome.reconnected ? 'Store reconnected' : 'Store connected',
            `The store ${outcome.storeId} is connected to Stock Sync Hub. You can close this page.`,
          ),
        );
      }
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).json({ storeId: outcome.storeId, status: outcome.reconnected ? 'reconnected' : 'connected' });
      return;
    }
    this.refusal(req, res, outcome.status, outcome.error, outcome.message, outcome.forMerchant);
  }

  private refusal(
    req: OAuthHttpRequest,
    res: OAuthHttpResponse,
    status: number,
    error: string,
    message: string,
    forMerchant: boolean,
  ): void {
    const { failureUrl } = this.config.oauth;
    if (forMerchant && failureUrl && req.method === 'GET') return sendRedirect(res, withQuery(failureUrl, { error }));
    if (wantsHtml(req.headers.accept)) return sendPage(res, status, page('The store was not connected', `${message} (${error})`));
    res.setHeader('Cache-Control', 'no-store');
    // A refused state is an input error in the API's own shape: 400 naming `state`.
    if (status === 400) res.status(400).json({ error: 'validation_failed', details: [{ path: 'state', message }] });
    else res.status(status).json({ error, message });
  }

  private async answerUninstall(platform: string, req: OAuthHttpRequest, res: OAuthHttpResponse): Promise<void> {
    const outcome = await this.uninstalls.handle(platform, inboundRequestOf(req));
    if (outcome.ok) res.status(200).json({ paused: outcome.paused });
    else res.status(outcome.status).json({ error: outcome.error, message: outcome.message });
  }
}

function headerOf(req: OAuthHttpRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join('; ') : v;
}
