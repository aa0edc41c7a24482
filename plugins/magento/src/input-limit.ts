/**
 * Magento's Web API input limit (Stores → Configuration → Services → Magento Web API → Web Api Input Limits,
 * `webapi/validation/input_limit_enabled`, off by default): when on, an array of entities in a synchronous
 * request may hold at most "Input List Limit" items (default 20), and a longer one is refused whole with
 * 400 `{"message":"Maximum items of type \"%type\" is %max","parameters":{"type":…,"max":20}}`
 * (lib/internal/Magento/Framework/Webapi/Validator/EntityArrayValidator.php).
 */
import type { PluginError } from '@stock-sync/plugin-sdk';
import { magentoErrorBody } from './magento-api';

/** The documented default Input List Limit for synchronous requests. */
export const DEFAULT_INPUT_LIST_LIMIT = 20;

/**
 * The limit a refused request names: the number from `parameters.max` (or the rendered message), the
 * documented default when the answer is the limit refusal but names no usable number, undefined when the
 * refusal is something else.
 */
export function inputListLimitOf(error: PluginError): number | undefined {
  if (error.details?.status !== 400) return undefined;
  const body = magentoErrorBody(error.details?.body);
  if (!body || !/^Maximum items of type/i.test(body.message)) return undefined;
  const p = body.parameters;
  const raw = Array.isArray(p) ? p[1] : (p as Record<string, unknown> | undefined)?.max;
  const n = Number(raw ?? /is\s+(\d+)\s*$/.exec(body.message)?.[1]);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_INPUT_LIST_LIMIT;
}
