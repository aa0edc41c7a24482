/**
 * Where platforms deliver notices: per store (`/hooks/<platform>/<storeId>`, what the hub subscribes) or, for
 * platforms whose one webhook URL is set in the app's settings, per platform (`/hooks/<platform>`). The same
 * text is given to the plugin's `verify` as `deliveryUrl` (some platforms sign it).
 */
export function noticeDeliveryUrl(origin: string, platform: string, storeId?: string): string {
  const base = `${origin}/hooks/${encodeURIComponent(platform)}`;
  return storeId === undefined ? base : `${base}/${storeId}`;
}
