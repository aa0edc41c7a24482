/**
 * The list of public routes, read from the application's controllers (`@Public()`), plus the API docs
 * that openapi.ts mounts outside Nest's router. Used by the request-auth middleware, which runs before
 * routing and must know whether a request may go on without a token. Matching is exact and
 * case-sensitive, like the router (`case sensitive routing`, `strict routing`): `/HEALTH` or `/health/`
 * is not the public route.
 */
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC } from './public.decorator';

export interface PublicRoute {
  /** GET, POST, … or ALL. */
  method: string;
  /** Express-style path, e.g. /health or /things/:id. */
  path: string;
}

/** A mount that serves a whole tree (the Swagger UI's assets), GET/HEAD only. */
export interface PublicMount {
  path: string;
}

export function collectPublicRoutes(modules: ModulesContainer): PublicRoute[] {
  const routes: PublicRoute[] = [];
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
      if (!type?.prototype) continue;
      const classPublic = Reflect.getMetadata(IS_PUBLIC, type) === true;
      const bases = asList(Reflect.getMetadata(PATH_METADATA, type));
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(type.prototype, name)?.value as unknown;
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        if (!classPublic && Reflect.getMetadata(IS_PUBLIC, handler) !== true) continue;
        for (const base of bases) {
          for (const sub of asList(Reflect.getMetadata(PATH_METADATA, handler))) {
            routes.push({ method: RequestMethod[method], path: joinPath(base, sub) });
          }
        }
      }
    }
  }
  return routes;
}

export class PublicRouteMatcher {
  private readonly routes: Array<{ method: string; pattern: RegExp }>;

  constructor(
    routes: PublicRoute[],
    private readonly mounts: PublicMount[] = [],
  ) {
    this.routes = routes.map((r) => ({ method: r.method, pattern: compile(r.path) }));
  }

  /** `path` is the raw request path (no query), as the router sees it. */
  isPublic(method: string, path: string): boolean {
    const m = method === 'HEAD' ? 'GET' : method;
    if (this.routes.some((r) => (r.method === 'ALL' || r.method === m) && r.pattern.test(path))) return true;
    return m === 'GET' && this.mounts.some((mount) => path === mount.path || path.startsWith(`${mount.path}/`));
  }
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [value === undefined ? '' : String(value)];
}

function joinPath(base: string, sub: string): string {
  const joined = `/${[base, sub].join('/')}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** `:name` matches one non-empty segment; everything else literally, case included. */
function compile(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}
