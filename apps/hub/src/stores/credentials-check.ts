/**
 * Checking credentials against a platform (`?verify=true`): the plugin's verify() through a real
 * connection. The platform's answer is mapped to the API: rejected credentials (AuthError, or
 * NotFound / Rejected: unknown shop, missing scope) → 400 naming `credentials`; the platform unreachable / rate limiting / failing → 502. Messages are redacted of
 * every submitted credential value, whatever the plugin put in them.
 */
import { Logger } from '@nestjs/common';
import { createRedactor, isPluginError } from '@stock-sync/plugin-sdk';
import { PlatformUnavailable, ValidationFailed } from '../http/api-errors';
import type { ConnectionFactory } from '../plugins/connection-factory.service';

const log = new Logger('CredentialsCheck');

export async function verifyCredentials(
  factory: ConnectionFactory,
  storeId: string,
  platform: string,
  credentials: Readonly<Record<string, string>>,
): Promise<void> {
  const redact = createRedactor(Object.values(credentials));
  try {
    await factory.openWithCredentials(storeId, platform, credentials).connection.verify();
  } catch (e) {
    const code = isPluginError(e) ? e.code : (e as { code?: unknown })?.code;
    const message = redact(e instanceof Error ? e.message : String(e));
    if (code === 'auth') {
      throw new ValidationFailed([{ path: 'credentials', message: `the platform rejected these credentials: ${message}` }]);
    }
    if (code === 'not_found' || code === 'rejected') {
      // e.g. a shop domain that does not exist, or an account without the needed scope
      throw new ValidationFailed([
        { path: 'credentials', message: `the platform refused a request made with these credentials: ${message}` },
      ]);
    }
    if (code === 'rate_limited' || code === 'transient') {
      throw new PlatformUnavailable(`could not verify the credentials with ${platform}: ${message}`);
    }
    log.warn(`verify() of ${platform} failed unexpectedly: ${message}`);
    throw new PlatformUnavailable(`could not verify the credentials with ${platform}: the plugin failed unexpectedly`);
  }
}
