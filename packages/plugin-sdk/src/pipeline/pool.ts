/**
 * The one bounded-concurrency primitive: runs `work` over `items` with at most `width` in flight. The first
 * failure stops every lane from taking more items; it is rethrown once the calls already in flight have
 * settled (their answers are kept: a call that went out may have changed the store).
 */
export async function inPool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  if (!(width >= 1) || !Number.isInteger(width)) throw new RangeError('pool width must be a whole number >= 1');
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  if (failure) throw failure.error;
}
