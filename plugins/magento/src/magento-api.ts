/**
 * The store's REST client (`{site}/rest/{store}/V1`, the Bearer token) and what Magento's `{message, parameters}` errors
 * (SPEC error-response) tell: the SDK's error, whether the inventory API exists, the input limit.
 */
import { AuthError, NotFound } from '@stock-sync/plugin-api';
import { jsonBodyOf } from '@stock-sync/plugin-sdk';
import type { ConnectContext, HttpClient, HttpResponse, PluginError } from '@stock-sync/plugin-api';
import { DEFAULT_STORE_CODE } from './manifest';

interface MagentoErrorBody {
  message: string;
  parameters?: (string | number)[] | Record<string, string | number>;
}

export function createMagentoApi(ctx: ConnectContext): HttpClient {
  const { credentials } = ctx;
  const token = credentials.accessToken ?? '';
  const root = (credentials.baseUrl || credentials.siteUrl || '')
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/rest(\/[^/]+)?(\/V1)?$/, '');
  return ctx.http.extend({
    baseURL: `${root}/rest/${encodeURIComponent((credentials.storeCode || DEFAULT_STORE_CODE).trim())}/V1`,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
    classify: classifyMagentoResponse,
    secrets: token ? [token] : [],
  });
}

export function magentoErrorBody(data: unknown): MagentoErrorBody | undefined {
  const body = jsonBodyOf(data) as Partial<MagentoErrorBody> | undefined;
  return typeof body?.message === 'string' ? (body as MagentoErrorBody) : undefined;
}

/** Magento's message with its %1 / %name placeholders filled in from `parameters`. */
export function renderMessage(body: MagentoErrorBody | undefined): string {
  if (!body) return '';
  const p = body.parameters;
  return body.message.replace(/%(\w+)/g, (m, key: string) => {
    const v = Array.isArray(p) ? p[Number(key) - 1] : p?.[key];
    return v === undefined ? m : String(v);
  });
}

/** A failed call's words: Magento's rendered message, else the SDK's. */
export const describe = (error: PluginError) => renderMessage(magentoErrorBody(error.details?.body)) || error.message;

/** 401 answers a missing, wrong, revoked or under-privileged token (README "Auth"); 403 is not used by these routes. */
export function classifyMagentoResponse(res: HttpResponse): { error?: AuthError } | undefined {
  if (res.status !== 401 && res.status !== 403) return undefined;
  const text = renderMessage(magentoErrorBody(res.data));
  return {
    error: new AuthError(`Magento refused the access token${text ? `: ${text}` : ` (HTTP ${res.status})`}`, { status: res.status }),
  };
}

/** Without the MSI modules every `/V1/inventory/*` call answers 404 "Request does not match any route." (Router.php, README). */
export function isNoRoute(error: PluginError): boolean {
  return error instanceof NotFound && magentoErrorBody(error.details?.body)?.message === 'Request does not match any route.';
}

/** A failed `GET /V1/inventory/sources/{sourceCode}`: no route → MSI absent; another 404 → a setting to fix; else as is. */
export function modeFromSourceError(error: PluginError, sourceCode: string): 'legacy' | PluginError {
  if (!(error instanceof NotFound)) return error;
  if (isNoRoute(error)) return 'legacy';
  return new AuthError(`Magento has no inventory source "${sourceCode}": check sourceCode`, { sourceCode });
}

/** Web API input limits (`webapi/validation/input_limit_enabled`, off by default; README fact table): "Input List Limit" default 20. */
export const DEFAULT_INPUT_LIST_LIMIT = 20;

/** The limit such a refusal names (`parameters.max`, the message's number, else the default); undefined for other errors. */
export function inputListLimitOf(error: PluginError): number | undefined {
  if (error.details?.status !== 400) return undefined;
  const body = magentoErrorBody(error.details?.body);
  if (!body || !/^Maximum items of type/i.test(body.message)) return undefined;
  const p = body.parameters;
  const n = Number((Array.isArray(p) ? p[1] : p?.max) ?? /is\s+(\d+)\s*$/.exec(body.message)?.[1]);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_INPUT_LIST_LIMIT;
}
