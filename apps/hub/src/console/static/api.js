// The console's only way to the hub: the public v1 API with the operator's token (sessionStorage:
// gone when the tab closes; never in localStorage, a URL or a cookie).
const TOKEN_KEY = 'stock-sync-console-token';

export const getToken = () => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (token) => sessionStorage.setItem(TOKEN_KEY, token);
export const clearToken = () => sessionStorage.removeItem(TOKEN_KEY);

/** Raised for a non-2xx answer; `signedOut` when the hub refused the token (401). */
export class ApiError extends Error {
  constructor(status, body) {
    const details = Array.isArray(body?.details) ? `: ${body.details.map((d) => d.message).join('; ')}` : '';
    super(`${status} ${body?.error ?? 'error'}${body?.message ? ` — ${body.message}` : ''}${details}`);
    this.status = status;
    this.body = body;
  }
}

let onUnauthorized = () => {};
export const whenUnauthorized = (fn) => {
  onUnauthorized = fn;
};

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${getToken() ?? ''}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (res.status === 401) onUnauthorized();
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
