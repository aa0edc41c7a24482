/**
 * List Sites (`GET /v2/sites`): "all sites the provided access token is able to access" — the sandbox has one
 * site; the OAuth exchange asks it which site an install covers. Fields as the documented example.
 */
import type { SimContext, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import type { WebflowSimState } from './state';

/** The sandbox site's workspace (a made-up 24-hex id, like Webflow's). */
export const SANDBOX_WORKSPACE_ID = '5f0c8c9e1c9d440000e8d8b0';

function listSites(_req: unknown, ctx: SimContext<WebflowSimState>): SimResponse {
  const at = new Date(0).toISOString();
  return {
    status: 200,
    body: {
      sites: [
        {
          id: ctx.state.siteId,
          workspaceId: SANDBOX_WORKSPACE_ID,
          createdOn: at,
          displayName: 'Sandbox Shop',
          shortName: 'sandbox-shop',
          lastPublished: at,
          timeZone: 'UTC',
        },
      ],
    },
  };
}

export const sitesRoute: SimRoute<WebflowSimState> = { method: 'GET', path: '/v2/sites', handle: listSites };
