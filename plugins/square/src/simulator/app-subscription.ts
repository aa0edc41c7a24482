/**
 * The application's own webhook subscription, as a developer adds it in Square's Developer Console (Webhooks →
 * Subscriptions: a notification URL, the events, and a signature key shown on its Endpoint Details page;
 * https://developer.squareup.com/docs/webhooks/step2subscribe). Square delivers there the events of every seller
 * who authorised the application through OAuth — "a client-level subscription model that allows an application to
 * receive event notification types for all authorized merchants"
 * (https://developer.squareup.com/docs/webhooks-api/subscribe-to-events) — each naming its seller by `merchant_id`
 * and signed like any subscription's (URL + body, with this subscription's key).
 *
 * The sandbox plays it with the testkit's app-settings URL (`setAppNoticeUrl`, `POST /__sim/app-notice-url`) and a
 * fixed key the hub is configured with as HUB_OAUTH_SQUARE_NOTICE_KEY (`simulator.oauthApp.noticeKey`). The
 * sandbox's one seller counts as authorised while it holds a grant of the OAuth kit (a token issued and not
 * revoked): a seller connected with its own personal access token only has the subscriptions its token made.
 */
import { oauthSimView } from '@stock-sync/plugin-testkit/simulator';
import type { SimWebhookSubscription, SquareSimState } from './state';

/** The key the Developer Console would show for the app's subscription (a test value). */
export const SIM_APP_NOTICE_KEY = 'sandbox-square-app-subscription-key-not-real';
export const APP_SUBSCRIPTION_ID = 'wbhk_sandbox_app_console_subscription';

/** Whether the sandbox's seller has authorised the app through OAuth (a live grant of the kit). */
export function authorisedThroughOAuth(state: SquareSimState): boolean {
  const grants = oauthSimView({ state });
  return grants.accessTokens.size > 0 || grants.refreshTokens.size > 0;
}

/** The app's subscription to `eventType`, when its URL is set and the seller authorised the app; else none. */
export function appSubscriptionFor(state: SquareSimState, eventType: string): SimWebhookSubscription[] {
  const url = state.appNoticeUrl;
  if (!url || !authorisedThroughOAuth(state)) return [];
  return [
    {
      id: APP_SUBSCRIPTION_ID,
      name: 'Developer Console subscription',
      enabled: true,
      eventTypes: [eventType],
      notificationUrl: url,
      apiVersion: '',
      signatureKey: SIM_APP_NOTICE_KEY,
      createdAt: 0,
      updatedAt: 0,
    },
  ];
}
