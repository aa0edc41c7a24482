import { AuthError } from '../errors';
import type { HttpResponse } from './http-client';

const REASON_CHARS = 200;

/**
 * A classifier for 401 and 403 where both mean the credential is wrong, revoked or lacks a scope (a person must
 * reconnect): AuthError `<platform> refused the <credential> (<reason>)`, the reason being the platform's code or
 * words `reasonOf` reads in the body (at most 200 characters), else `HTTP <status>`. The details carry the status
 * and, under `reasonKey` when given, what `reasonOf` read. Any other status is left to the next classifier.
 */
export function authRefusalClassifier(
  platform: string,
  reasonOf: (data: unknown) => string | undefined,
  { credential = 'access token', reasonKey }: { credential?: string; reasonKey?: string } = {},
): (res: HttpResponse) => { error: AuthError } | undefined {
  return (res) => {
    if (res.status !== 401 && res.status !== 403) return undefined;
    const reason = reasonOf(res.data) || undefined;
    const details: Record<string, unknown> = { status: res.status };
    if (reasonKey) details[reasonKey] = reason;
    const words = (reason ?? `HTTP ${res.status}`).slice(0, REASON_CHARS);
    return { error: new AuthError(`${platform} refused the ${credential} (${words})`, details) };
  };
}
