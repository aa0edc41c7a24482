/**
 * A StoreConnection that renews expiring credentials once: when an operation comes back with AuthError
 * and the plugin can refresh (the optional refreshCredentials hook), it asks `refresh` for a connection
 * built on fresh credentials — ONCE for the lifetime of this object (one sync run, under the store's
 * lease) — and sends the operation's AuthError-failed part again, once, on it. Later chunks of the run use
 * the new connection. This is not a retry loop: one refresh, one repeat; the SDK client stays the only
 * retry layer.
 *
 * When the refresh itself fails, the AuthError outcomes carry that failure instead: a refused refresh is
 * an AuthError that says so (→ needs_reconnect), a token endpoint that is down or throttling is a
 * Transient / RateLimited (→ the run stops and the work waits, the store stays active).
 */
import {
  AuthError,
  isPluginError,
  Transient,
  type ObservedStock,
  type PluginError,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';

export type RefreshConnection = () => Promise<StoreConnection>;

type Failed = { status: 'failed'; error: PluginError };

function isAuth(e: unknown): boolean {
  return isPluginError(e) && e.code === 'auth';
}

function authFailed<T extends { status: string }>(r: T): boolean {
  return r.status === 'failed' && isAuth((r as unknown as Failed).error);
}

/** What a failed refresh means for the operations that were waiting on it. */
export function refreshFailure(e: unknown): PluginError {
  if (isAuth(e)) {
    return new AuthError(`the access token was refused and renewing the credentials was refused too (${(e as Error).message})`);
  }
  if (isPluginError(e)) return e;
  // Not in the taxonomy: its message could hold anything, so it is not repeated.
  return new Transient(`renewing the credentials failed unexpectedly (${(e as Error)?.name ?? typeof e})`);
}

export interface RefreshingConnection extends StoreConnection {
  /** Whether a refresh was made (successfully) by this connection. */
  readonly refreshed: boolean;
}

export function withCredentialRefresh(initial: StoreConnection, refresh: RefreshConnection | undefined): RefreshingConnection {
  let current = initial;
  let attempt: Promise<{ ok: true } | { ok: false; error: PluginError }> | undefined;
  let refreshed = false;

  /** One refresh per connection: later callers share its result. */
  function refreshOnce() {
    attempt ??= refresh!().then(
      (next) => {
        current = next;
        refreshed = true;
        return { ok: true as const };
      },
      (e: unknown) => ({ ok: false as const, error: refreshFailure(e) }),
    );
    return attempt;
  }

  /**
   * Runs `op` on `items`; if some come back AuthError-failed and a refresh is possible (not yet tried),
   * refreshes and runs `op` once more on those, merging the results in input order.
   */
  async function withRefresh<I, R extends { status: string }>(
    items: readonly I[],
    op: (c: StoreConnection, items: readonly I[]) => Promise<R[]>,
  ): Promise<R[]> {
    const used = current;
    const first = await op(used, items);
    const failedAt = first.map((r, i) => (authFailed(r) ? i : -1)).filter((i) => i >= 0);
    if (failedAt.length === 0 || !refresh) return first;
    // Refused on already-renewed credentials: no second refresh; the AuthError stands (→ needs_reconnect).
    if (used !== initial) return first;
    const result = await refreshOnce();
    if (!result.ok) {
      return first.map((r) => (authFailed(r) ? ({ ...r, error: result.error } as R) : r));
    }
    const again = await op(
      current,
      failedAt.map((i) => items[i]!),
    );
    const merged = [...first];
    failedAt.forEach((i, k) => {
      if (again[k]) merged[i] = again[k]!;
    });
    return merged;
  }

  return {
    get refreshed() {
      return refreshed;
    },
    async verify() {
      try {
        await current.verify();
      } catch (e) {
        if (!isAuth(e) || !refresh || refreshed) throw e;
        const result = await refreshOnce();
        if (!result.ok) throw result.error;
        await current.verify();
      }
    },
    writeStock: (changes: readonly StockWrite[]) => withRefresh<StockWrite, WriteOutcome>(changes, (c, items) => c.writeStock(items)),
    readStock: (refs: readonly VariantRef[]) => withRefresh<VariantRef, ObservedStock>(refs, (c, items) => c.readStock(items)),
  };
}
