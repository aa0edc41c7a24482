/**
 * The merchant's inputs that start an install flow (`oauth.connectFields`, e.g. the shop domain), checked
 * like credentials (trimmed, required ones present, nothing undeclared, each at most 8 KiB). Errors name
 * `inputs.<field>`. Unlike credentials, `baseUrl` is never accepted unless declared: the origin of the
 * flow's URLs is the operator's (HUB_OAUTH_<PLATFORM>_BASE_URL), never a merchant's.
 */
import { BASE_URL_FIELD, validateCredentials, type CredentialField } from '@stock-sync/plugin-sdk';
import type { ValidationDetail } from '../http/api-errors';
import { oversizedCredentialValues } from '../stores/credential-limits';

export function checkConnectInputs(
  fields: readonly CredentialField[],
  raw: Record<string, unknown> | undefined,
  errors: ValidationDetail[],
): Record<string, string> | undefined {
  const submitted = raw ?? {};
  const rename = (d: ValidationDetail): ValidationDetail => ({
    path: d.path.replace(/^credentials/, 'inputs'),
    message: d.message.replace(/^credentials/, 'inputs').replace('not a known credential field', 'not an input of this install flow'),
  });
  const found: ValidationDetail[] = oversizedCredentialValues(submitted).map(rename);
  if (!fields.some((f) => f.name === BASE_URL_FIELD.name) && submitted[BASE_URL_FIELD.name] !== undefined) {
    found.push({ path: `inputs.${BASE_URL_FIELD.name}`, message: `inputs.${BASE_URL_FIELD.name} is not an input of this install flow` });
  }
  const checked = validateCredentials(fields, submitted);
  if (!checked.ok) {
    for (const e of checked.errors.map(rename)) if (!found.some((f) => f.path === e.path)) found.push(e);
  }
  errors.push(...found);
  return checked.ok && found.length === 0 ? checked.values : undefined;
}
