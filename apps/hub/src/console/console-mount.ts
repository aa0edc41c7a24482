/**
 * The operations console: a static page at /console (public: the page holds no data) whose script reads
 * only the public v1 API with the token the operator types in. The page is Preact through htm's
 * standalone ES module (one file with Preact and its hooks, https://github.com/developit/htm), served
 * from node_modules: no build step, no CDN. Every answer under /console carries a Content-Security-Policy
 * that allows only this hub's own scripts, styles and API (no inline script, no eval, no framing).
 */
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Public mount (bootstrap.ts lists it next to the `@Public()` routes): GET/HEAD only. */
export const CONSOLE_PATH = '/console';

/** src/console/static, from src/console (tests) and from dist/console (the built hub) alike. */
export const CONSOLE_STATIC_DIR = path.resolve(__dirname, '..', '..', 'src', 'console', 'static');

/** htm's package exports no path to its folder: resolve its main file and step to preact/ beside it. */
const PREACT_HTM_FILE = path.join(path.dirname(require.resolve('htm')), '..', 'preact', 'standalone.module.js');

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Res {
  setHeader(name: string, value: string): void;
  sendFile(file: string, options?: object): void;
}
type Handler = (req: unknown, res: Res, next: () => void) => void;
interface ExpressStatic {
  static(root: string, options: object): Handler;
}

export function mountConsole(app: NestExpressApplication): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const express = require('express') as ExpressStatic;
  app.use(CONSOLE_PATH, ((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-cache');
    next();
  }) as Handler);
  const server = app.getHttpAdapter().getInstance() as { get(path: string, handler: Handler): void };
  server.get(CONSOLE_PATH, (_req, res) => res.sendFile(path.join(CONSOLE_STATIC_DIR, 'index.html')));
  // pnpm keeps packages under node_modules/.pnpm: a dot folder that send() would otherwise refuse.
  server.get(`${CONSOLE_PATH}/vendor/preact-htm.js`, (_req, res) => res.sendFile(PREACT_HTM_FILE, { dotfiles: 'allow' }));
  app.use(`${CONSOLE_PATH}/assets`, express.static(CONSOLE_STATIC_DIR, { index: false, dotfiles: 'ignore', redirect: false }));
}
