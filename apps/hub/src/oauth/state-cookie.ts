/**
 * The state cookie of platforms whose callback cannot carry our `state` (`stateInCallback: false`, e.g.
 * BigCommerce's single-click install): the hub's hop (`GET /oauth/start/:id`) sets it in the merchant's
 * browser before sending it to the platform, and the callback reads it. HttpOnly (no script reads it),
 * SameSite=Lax (sent on the platform's top-level redirect back, not on cross-site subrequests), Secure when
 * the hub is served over https, scoped to the platform's callback path, and as short-lived as the request.
 */
export const STATE_COOKIE = 'stock_sync_connect_state';

export function stateCookie(platform: string, state: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${STATE_COOKIE}=${encodeURIComponent(state)}`,
    `Path=/oauth/callback/${encodeURIComponent(platform)}`,
    `Max-Age=${Math.max(1, Math.floor(maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Removes the cookie once the callback has used it. */
export function clearedStateCookie(platform: string, secure: boolean): string {
  return [
    `${STATE_COOKIE}=`,
    `Path=/oauth/callback/${encodeURIComponent(platform)}`,
    'Max-Age=0',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
