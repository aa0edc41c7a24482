/** Compiles '/a/:id/b' route patterns and finds the route for a method and path. */
import type { SimRoute } from './types';

export interface CompiledRoute<TState> {
  route: SimRoute<TState>;
  regex: RegExp;
  names: string[];
}

export function compileRoute<TState>(route: SimRoute<TState>): CompiledRoute<TState> {
  const names: string[] = [];
  const pattern = route.path
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        names.push(seg.slice(1));
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, names, regex: new RegExp(`^${pattern}/?$`) };
}

export type RouteMatch<TState> =
  { kind: 'found'; route: SimRoute<TState>; params: Record<string, string> } | { kind: 'method-not-allowed' } | { kind: 'not-found' };

export function matchRoute<TState>(routes: CompiledRoute<TState>[], method: string, path: string): RouteMatch<TState> {
  let pathMatched = false;
  for (const c of routes) {
    const m = c.regex.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (c.route.method !== method) continue;
    const params: Record<string, string> = {};
    c.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
    return { kind: 'found', route: c.route, params };
  }
  return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}
