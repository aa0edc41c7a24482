/**
 * How the public OAuth routes answer. The merchant's browser (it accepts text/html) gets the configured
 * success / failure page by a 303 redirect (query `storeId` / `error`), or a minimal page of the hub's own
 * when none is configured; anything else (platform servers, scripts, tests) gets JSON. A forged callback
 * (bad signature) is never redirected: it gets its 401. Nothing secret is ever part of an answer.
 */
export interface OAuthHttpResponse {
  status(code: number): OAuthHttpResponse;
  setHeader(name: string, value: string | string[]): unknown;
  json(body: unknown): unknown;
  send(body: string): unknown;
  redirect(status: number, url: string): unknown;
}

export interface ConnectPages {
  successUrl?: string;
  failureUrl?: string;
}

export function wantsHtml(accept: string | string[] | undefined): boolean {
  const value = Array.isArray(accept) ? accept.join(',') : (accept ?? '');
  return /\btext\/html\b/i.test(value);
}

export function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function page(title: string, text: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escape(title)}</title></head>` +
    `<body><h1>${escape(title)}</h1><p>${escape(text)}</p></body></html>`
  );
}

/** Answers HTML pages with no referrer, no framing and no caching (they follow a code in the URL). */
export function sendPage(res: OAuthHttpResponse, status: number, html: string): void {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Content-Security-Policy', "default-src 'none'");
  res.status(status).send(html);
}

export function sendRedirect(res: OAuthHttpResponse, url: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.redirect(303, url);
}
