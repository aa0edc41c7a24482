/**
 * Test helpers that change one simulator route without copying the definition: a quirk test wraps
 * the route it needs (a stricter answer, a "merchant" editing between the plugin's read and write)
 * and leaves every other route, the auth check and the rate budget as they are.
 */
import type { PlatformSimulatorDefinition, SimContext, SimRequest, SimResponse, SimRoute } from './types';

/** A route by method and pattern (as written in the definition, e.g. '/items/:id'), or any predicate. */
export type RouteSelector<TState> = { method?: SimRoute<TState>['method']; path: string } | ((route: SimRoute<TState>) => boolean);

export type RouteHandler<TState> = SimRoute<TState>['handle'];

function matches<TState>(select: RouteSelector<TState>, route: SimRoute<TState>): boolean {
  if (typeof select === 'function') return select(route);
  return route.path === select.path && (select.method === undefined || route.method === select.method);
}

/**
 * A copy of `def` whose selected route(s) answer through `wrap(original)`. Throws when nothing matches
 * (a renamed route must not silently turn a quirk test into a plain one).
 */
export function wrapRoute<TState>(
  def: PlatformSimulatorDefinition<TState>,
  select: RouteSelector<TState>,
  wrap: (original: RouteHandler<TState>, route: SimRoute<TState>) => RouteHandler<TState>,
): PlatformSimulatorDefinition<TState> {
  let found = 0;
  const routes = def.routes.map((route) => {
    if (!matches(select, route)) return route;
    found++;
    return { ...route, handle: wrap((req, ctx) => route.handle(req, ctx), route) };
  });
  if (found === 0)
    throw new Error(
      `wrapRoute: no route of ${def.id} matches ${typeof select === 'function' ? 'the predicate' : `${select.method ?? '*'} ${select.path}`}`,
    );
  return { ...def, routes };
}

export interface ConcurrentEditOptions {
  /** How many answers of the route are followed by an edit (default 1); later ones are left alone. */
  times?: number;
  /** 'after' (default): the route answers first, then the edit lands (stale read); 'before': the edit lands first. */
  when?: 'after' | 'before';
  /** Edit only when the route's answer has this status (default: any 2xx). */
  onlyOnStatus?: (status: number) => boolean;
}

/**
 * A copy of `def` in which someone else edits the store around the selected route: e.g. after the
 * plugin's read answered and before its write arrives (revision / version conflicts, optimistic locking).
 * The edit gets the simulator's state through `ctx`.
 */
export function injectConcurrentEdit<TState>(
  def: PlatformSimulatorDefinition<TState>,
  select: RouteSelector<TState>,
  edit: (ctx: SimContext<TState>, req: SimRequest, res: SimResponse | undefined) => void,
  options: ConcurrentEditOptions = {},
): PlatformSimulatorDefinition<TState> {
  let left = options.times ?? 1;
  const when = options.when ?? 'after';
  const statusOk = options.onlyOnStatus ?? ((s: number) => s >= 200 && s < 300);
  return wrapRoute(def, select, (original) => async (req, ctx) => {
    if (when === 'before' && left > 0) {
      left--;
      edit(ctx, req, undefined);
      return original(req, ctx);
    }
    const res = await original(req, ctx);
    if (when === 'after' && left > 0 && statusOk(res.status)) {
      left--;
      edit(ctx, req, res);
    }
    return res;
  });
}
