/**
 * oauthUrl: turns one of a plugin's OAuth URL templates ('https://{shop}/admin/oauth/authorize') into a URL.
 * Placeholders are filled from the connect inputs (or a store's credentials), URL-encoded, so an input can
 * never add a path, a query or another host; the operator's sandbox `baseUrl` replaces the origin.
 */
import type { OAuthApp } from '../oauth';

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The placeholder names a template uses, in order of appearance (for load-time checks). */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/**
 * The operator's sandbox base, checked: an http(s) URL. Its origin replaces the platform's; a path of its own
 * (a multi-tenant simulator's tenant prefix) goes before the platform's path.
 */
export function sandboxBase(baseUrl: string): { origin: string; prefix: string } {
  let u: URL;
  try {
    u = new URL(baseUrl);
  } catch {
    throw new Error(`the OAuth app's baseUrl is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`the OAuth app's baseUrl must be an http(s) URL`);
  return { origin: u.origin, prefix: u.pathname.replace(/\/+$/, '') };
}

export function oauthUrl(template: string, inputs: Readonly<Record<string, string>>, app?: Pick<OAuthApp, 'baseUrl'>): URL {
  const filled = template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = inputs[name];
    if (typeof value !== 'string' || value === '') throw new Error(`the OAuth URL '${template}' needs the input '${name}'`);
    return encodeURIComponent(value);
  });
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    throw new Error(`the OAuth URL '${template}' does not make a URL with the inputs given`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`the OAuth URL '${template}' must be http(s)`);
  if (!app?.baseUrl) return url;
  const base = sandboxBase(app.baseUrl);
  return new URL(`${base.prefix}${url.pathname}${url.search}`, base.origin);
}
