/**
 * WordPress REST argument validation (rest_validate_value_from_schema) for the variation fields this
 * simulator models, with WordPress's messages. A failing request answers 400 rest_invalid_param
 * naming every bad parameter, like WP_REST_Request::has_valid_params().
 */
import { wpErrorBody } from './wp-errors';
import type { WooErrorBody } from '../woo-types';

type Check = (value: unknown, param: string) => { code: string; message: string } | undefined;

/** rest_is_boolean(): booleans, 0/1, and the strings "true"/"false"/"1"/"0"/"". */
const boolean: Check = (v, p) => {
  const ok =
    typeof v === 'boolean' || v === 0 || v === 1 || (typeof v === 'string' && ['true', 'false', '1', '0', ''].includes(v.toLowerCase()));
  return ok ? undefined : { code: 'rest_invalid_type', message: `${p} is not of type boolean.` };
};

/** rest_is_integer(): a number or numeric string with no fractional part. */
const integer: Check = (v, p) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) && Math.round(n) === n ? undefined : { code: 'rest_invalid_type', message: `${p} is not of type integer.` };
};

function oneOf(values: readonly string[]): Check {
  const list = values.length > 1 ? `${values.slice(0, -1).join(', ')}, and ${values[values.length - 1]}` : values[0];
  return (v, p) =>
    typeof v !== 'string'
      ? { code: 'rest_invalid_type', message: `${p} is not of type string.` }
      : values.includes(v)
        ? undefined
        : { code: 'rest_not_in_enum', message: `${p} is not one of ${list}.` };
}

/** The v3 variation schema's types for stock fields (manage_stock is plain boolean in v3). */
const VARIATION_STOCK_ARGS: Record<string, Check> = {
  manage_stock: boolean,
  stock_quantity: integer,
  stock_status: oneOf(['instock', 'outofstock', 'onbackorder']),
  backorders: oneOf(['no', 'notify', 'yes']),
  low_stock_amount: (v, p) => (v === null ? undefined : integer(v, p)),
  inventory_delta: integer,
};

/** Validates the known fields of one variation payload; undefined when valid. */
export function validateVariationArgs(params: Record<string, unknown>): WooErrorBody | undefined {
  const invalid: Record<string, string> = {};
  const details: Record<string, { code: string; message: string; data: null }> = {};
  for (const [name, check] of Object.entries(VARIATION_STOCK_ARGS)) {
    if (!(name in params)) continue;
    const problem = check(params[name], name);
    if (problem) {
      invalid[name] = problem.message;
      details[name] = { ...problem, data: null };
    }
  }
  const names = Object.keys(invalid);
  if (names.length === 0) return undefined;
  return wpErrorBody('rest_invalid_param', `Invalid parameter(s): ${names.join(', ')}`, 400, { params: invalid, details });
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
